"""One synthetic article: a portal's report of one bloc's conference, with its gold facts.

The text is assembled from the phrasings in synth_data/templates.txt; every fact is recorded
by the code that writes the sentence stating it, so the gold is exact by construction. Gold
names are register names ("Sở Tài chính tỉnh Hà Tĩnh"); the text writes them as a portal
would ("Sở Tài chính", "Sở TN&MT", "Văn phòng UBND tỉnh").
"""
from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
import zlib
from dataclasses import dataclass, field

from synth_world import (LAST_YEAR, Bloc, Officials, Person, ProvinceWorld, Unit, lexicon)

WEEKDAYS = ("hai", "ba", "tư", "năm", "sáu", "bảy", "Chủ nhật")
# modern tone placement -> old style (hòa -> hoà, thủy -> thuỷ), as some portals still write
_TO_OLD = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
           "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}
_TO_OLD.update({k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in list(_TO_OLD.items())})
_LETTERS = "a-zA-Zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_OLD_RE = re.compile("(" + "|".join(_TO_OLD) + f")(?![{_LETTERS}])")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class Event:
    bloc: Bloc
    year: int          # the emulation year the conference is about
    kind: str          # "tk" closing conference (tổng kết) | "kk" signing conference (ký kết)

    @property
    def key(self) -> str:
        return f"{self.bloc.key}:{self.year}:{self.kind}"


@dataclass
class Article:
    doc: str
    text: str
    url: str
    jurisdiction: str
    published: str
    facts: list[dict]
    mentions: list[tuple[str, str, str]] = field(default_factory=list)   # (kind, entity key, name)


class Writer:
    """Writes one article about `event`; `facts` and `mentions` fill up as sentences are written."""

    def __init__(self, rng: random.Random, world: ProvinceWorld, event: Event, doc: str, event_rng_seed: str):
        self.rng, self.world, self.event, self.doc = rng, world, event, doc
        self.lex = lexicon()
        self.p = world.province
        self.bloc = event.bloc
        self.Y = event.year
        event_rng = random.Random(event_rng_seed)
        self.date = _event_date(event_rng, event)
        self.published = publication_date(rng, self.date)
        self.officials: Officials = world.officials[min(self.date.year, LAST_YEAR)]
        self.facts: list[dict] = []
        self._fact_keys: set[str] = set()
        self.mentions: list[tuple[str, str, str]] = []
        self.typo: dict[str, str] = {}
        self.cluster = self.bloc.kind.group == "cum"
        self.HR = "Cụm trưởng" if self.cluster else rng.choice(("Trưởng khối", "Trưởng khối", "Khối trưởng"))
        self.DR = "Cụm phó" if self.cluster else rng.choice(("Phó Trưởng khối", "Phó khối", "Phó Trưởng khối"))
        self.B = "Cụm" if self.cluster else "Khối"

    # -- small helpers ------------------------------------------------------------------------
    def pick(self, section: str) -> str:
        return self.rng.choice(self.lex.templates[section])

    def fill(self, template: str, **values) -> str:
        base = {"T": self.p.kind, "P": self.p.name, "B": self.B, "b": self.B.lower(), "HR": self.HR,
                "DR": self.DR, "Y": self.Y, "Y1": self.Y + 1, "Y0": self.Y - 1, "U": self.p.party,
                "T_UP": self.p.kind.upper(), "P_UP": self.p.name.upper(), "T_CAP": self.p.kind.capitalize()}
        base.update(values)
        return _PLACEHOLDER.sub(lambda m: str(base[m.group(1)]) if m.group(1) in base else self._number(m.group(1)),
                                template)

    def _number(self, name: str) -> str:
        r = self.rng
        return {"big": lambda: f"{r.randint(1, 40)}.{r.randint(0, 9)}00", "pct": lambda: str(r.randint(3, 30)),
                "pct2": lambda: f"{r.randint(85, 99)},{r.randint(0, 9)}", "small": lambda: f"{r.randint(1, 15)},{r.randint(0, 9)}",
                "n1": lambda: str(r.randint(1, 5)), "n2": lambda: str(r.randint(5, 60)),
                "n3": lambda: str(r.randint(10, 300)), "n4": lambda: f"{r.randint(5, 40)}.000",
                "views": lambda: str(r.randint(80, 2500)), "img": lambda: str(r.randint(1000, 9999)),
                "hm": lambda: f"{r.randint(6, 21):02d}:{r.randint(0, 59):02d}"}.get(name, lambda: "{" + name + "}")()

    def add(self, fact: dict) -> None:
        key = repr(sorted((k, repr(v)) for k, v in fact.items()))
        if key not in self._fact_keys:
            self._fact_keys.add(key)
            self.facts.append({"doc": self.doc, **fact})

    # -- entity mentions ----------------------------------------------------------------------
    def unit(self, unit: Unit) -> str:
        """A mention of `unit` in running text."""
        text = self.rng.choice(unit.mentions)
        if self.p.kind == "thành phố" and self.rng.random() < 0.3:
            text = text.replace(f"thành phố {self.p.name}", f"TP. {self.p.name}")
        return text

    def unit_gold(self, unit: Unit):
        self.mentions.append(("unit", unit.key, unit.register))
        return [unit.register, *unit.alternatives] if unit.alternatives else unit.register

    def bloc_gold(self):
        self.mentions.append(("bloc", self.bloc.key, self.bloc.register))
        return self.bloc.register

    def bloc_first(self) -> str:
        if not self.world_has_manifest or self.rng.random() < 0.4:
            return f"{self.bloc.name} {self.p.full}"
        return f"{self.bloc.name} {self.p.kind}"

    def person_name(self, person: Person) -> str:
        """The name as this article writes it: now and then with one diacritic missing."""
        if person.key not in self.typo:
            self.typo[person.key] = _typo(self.rng, person.name) if self.rng.random() < self.typo_rate else person.name
        return self.typo[person.key]

    def person_gold(self, person: Person):
        written = self.person_name(person)
        self.mentions.append(("person", person.key, written))
        return person.name if written == person.name else [person.name, written]

    def honorific(self, person: Person) -> str:
        return self.rng.choice(("đồng chí", "bà" if person.female else "ông", "bà" if person.female else "ông"))

    def position(self, person: Person, role, organization) -> None:
        self.add({"type": "position", "person": self.person_gold(person), "role": role, "organization": organization})

    def party_title(self, person: Person) -> str:
        """Writes the party post (when the person has one) and records its position fact."""
        committee = f"{self.p.party} {self.p.name}"
        if person.party == "btv":
            self.position(person, [f"Ủy viên Ban Thường vụ {self.p.party}", "Ủy viên Ban Thường vụ"],
                          [committee, f"Ban Thường vụ {committee}", None])
            return f"Ủy viên Ban Thường vụ {self.p.party}"
        if person.party == "tuv":
            member = f"{self.p.party.split()[0]} ủy viên"
            self.position(person, [member, f"Ủy viên Ban Chấp hành Đảng bộ {self.p.kind}", "Ủy viên"],
                          [committee, None])
            return member
        return ""

    def vice_chair_title(self, person: Person) -> str:
        self.position(person, "Phó Chủ tịch", f"Ủy ban nhân dân {self.p.full}")
        return self.rng.choice((f"Phó Chủ tịch UBND {self.p.kind}", f"Phó Chủ tịch Ủy ban nhân dân {self.p.kind}",
                                f"Phó Chủ tịch UBND {self.p.kind}"))

    def leader_title(self, person: Person, unit: Unit, deputy: bool = False) -> str:
        role = unit.deputy_role if deputy else unit.leader_role
        org_text = self.rng.choice(unit.org_mentions)
        self.position(person, role, [unit.organization, *unit.alternatives] if unit.alternatives else unit.organization)
        return _role_with_org(role, org_text)

    def appositive(self, person: Person, title: str, party: bool = True) -> str:
        party_text = self.party_title(person) if party else ""
        sep = self.rng.choice((" - ", ", "))
        titles = f"{party_text}{sep}{title}" if party_text else title
        return f"{self.honorific(person)} {self.person_name(person)} - {titles}"

    # -- the article --------------------------------------------------------------------------
    def write(self, manifest_jurisdiction: bool) -> tuple[str, str]:
        rng = self.rng
        self.world_has_manifest = manifest_jurisdiction
        self.typo_rate = 0.05
        ev = self.event
        heads = self.bloc.heads
        head, deputy = heads[self.Y]
        vc = self.officials.vice_chairs[hash_index(self.bloc.key, len(self.officials.vice_chairs))]
        self.add({"type": "event", "bloc": self.bloc_gold(), "date": self.date.isoformat()})

        paragraphs: list[str] = []
        title = self.fill(self.pick("title_tk" if ev.kind == "tk" else "title_kk"),
                          Bloc=f"{self.bloc.name} {self.p.kind}" if rng.random() < 0.6 else self.bloc.name)
        header = self.header(title)
        paragraphs.append(self.opening(head))
        paragraphs.append(self.attendance(vc, head))
        members = self.bloc.members(self.Y)
        if rng.random() < 0.75:
            paragraphs.append(self.member_list(members, head, deputy))
        if rng.random() < 0.6:
            paragraphs.append(self.fill(self.pick("caption"), vc_title=self.vice_chair_title(vc),
                                        vc_name=self.person_name(vc), photog=self.reporter(),
                                        sign_year=self.Y + 1 if ev.kind == "tk" else self.Y))
        filler_at = len(paragraphs)
        if rng.random() < 0.6:
            paragraphs.append(self.fill(self.pick("aggregate")))
        paragraphs.append(self.fill(self.pick("speech" if ev.kind == "tk" else "speech_kk"),
                                    vc_title=self.vice_chair_title(vc), vc_name=self.person_name(vc)))
        paragraphs.extend(self.conferred(vc))
        if ev.kind == "tk":
            paragraphs.extend(self.proposed())
            if self.Y + 1 <= LAST_YEAR and rng.random() < 0.9:
                paragraphs.append(self.handover(head, deputy))
            elif rng.random() < 0.5:
                paragraphs.append(self.roles_line(head, deputy))
        else:
            paragraphs.append(self.signing_roles(head, deputy))
            paragraphs.append(self.fill(self.pick("kk_body")))
        footer = self.footer()
        body_size = len("\n\n".join(paragraphs + [header, footer]).encode("utf-8"))
        target = rng.randint(3600, 4700)
        fillers = rng.sample(self.lex.templates["filler"], len(self.lex.templates["filler"]))
        extra: list[str] = []
        while body_size < target and fillers:
            sentences = [self.fill(fillers.pop()) for _ in range(min(len(fillers), rng.randint(2, 4)))]
            extra.append(" ".join(sentences))
            body_size += len(extra[-1].encode("utf-8")) + 2
        paragraphs[filler_at:filler_at] = extra
        text = header + "\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n\n" + footer + "\n"
        if rng.random() < 0.15:
            text = _OLD_RE.sub(lambda m: _TO_OLD[m.group(1)], text)
        return title, text

    def header(self, title: str) -> str:
        rng, lines = self.rng, []
        pub = self.published.strftime("%d/%m/%Y")
        if rng.random() < 0.25:
            lines += ["Skip Ribbon Commands", "Skip to main content"]
        if rng.random() < 0.8:
            lines.append(self.fill(self.pick("portal")))
        if rng.random() < 0.7:
            lines.append(self.fill(self.pick("breadcrumb")))
        lines.append("")
        if rng.random() < 0.15:
            lines.append(f"{title} ({self._number('hm')} {pub})")
        else:
            lines.append(title.upper() if rng.random() < 0.1 else title)
            if rng.random() < 0.85:
                lines += ["", self.fill(self.pick("dateline"), pub=pub,
                                        wd=WEEKDAYS[self.published.weekday()])]
        return "\n".join(lines).strip("\n")

    def when(self) -> str:
        d, rng = self.date, self.rng
        part = rng.choice(("Sáng", "Chiều", "Sáng ngày", "Chiều ngày", "Ngày"))
        near = (self.published - d).days < 25
        style = rng.random()
        if near and style < 0.2:
            return f"{part} {d.day}/{d.month}"
        if style < 0.6:
            return f"{part} {d.day}/{d.month}/{d.year}"
        if style < 0.8:
            return f"{part} {d.day}-{d.month}-{d.year}"
        return f"Ngày {d.day} tháng {d.month} năm {d.year}"

    def venue(self, head: Unit) -> str:
        choice = self.rng.randrange(4)
        if choice < 2:
            return ("Hội trường ", "trụ sở ")[choice] + self.unit(head)
        return (f"Trung tâm Hội nghị {self.p.kind}", f"Hội trường UBND {self.p.kind}")[choice - 2]

    def opening(self, head: Unit) -> str:
        ev, rng = self.event, self.rng
        prefix = rng.choice(("", "", "", f"({self.p.name.replace(' ', '')}.gov.vn) - ", "HNP - "))
        host = rng.random() < 0.5
        section = ("open_tk" if ev.kind == "tk" else "open_kk") + ("_host" if host else "")
        values = {"When": self.when(), "bloc": self.bloc_first(), "venue": self.venue(head)}
        if host:
            values["host"] = self.unit(head)
            self.head_fact(head, self.Y, "head")
        return prefix + self.fill(self.pick(section), **values)

    def attendance(self, vc: Person, head: Unit) -> str:
        rng = self.rng
        guests = [self.appositive(vc, self.vice_chair_title(vc))]
        board_head, board_deputy = self.officials.emulation_board
        if rng.random() < 0.8:
            guests.append(self.appositive(board_head, self.board_title(board_head, deputy=False), party=False))
        elif rng.random() < 0.5:
            guests.append(self.appositive(board_deputy, self.board_title(board_deputy, deputy=True), party=False))
        guests.append(self.fill(self.pick("guests_tail")))
        text = self.fill(self.pick("attend"), guests="; ".join(guests))
        if rng.random() < 0.75:
            leader = self.officials.leaders[head.key][0]
            name = self.person_name(leader)
            hon = self.honorific(leader)
            title = self.leader_title(leader, head)
            party = self.party_title(leader)
            self.head_fact(head, self.Y, "head")
            text += " " + self.fill(self.pick("chair"), leader=f"{hon.capitalize()} {name}", leader_lc=f"{hon} {name}",
                                    leader_title=f"{party}, {title}" if party else title,
                                    bloc_ref=self.bloc.name)
        return text

    def board_title(self, person: Person, deputy: bool) -> str:
        board = f"Ban Thi đua - Khen thưởng {self.p.full}"
        role = "Phó Trưởng ban" if deputy else "Trưởng ban"
        self.position(person, [role, f"{role.replace('ban', 'Ban')} Thi đua - Khen thưởng"],
                      [board, f"Ban Thi đua - Khen thưởng Sở Nội vụ {self.p.full}"])
        text = f"{role.replace('ban', 'Ban')} Thi đua - Khen thưởng {self.p.kind}"
        if not deputy and self.date.year >= 2020 and self.rng.random() < 0.7:
            self.position(person, "Phó Giám đốc", f"Sở Nội vụ {self.p.full}")
            text = f"Phó Giám đốc Sở Nội vụ, {text}"
        return text

    def member_list(self, members: list[Unit], head: Unit, deputy: Unit) -> str:
        rng = self.rng
        names = []
        for u in members:
            name = self.unit(u)
            self.add({"type": "membership", "bloc": self.bloc_gold(), "unit": self.unit_gold(u)})
            if u is head and rng.random() < 0.4:
                name += f" ({self.HR} năm {self.Y})"
                self.head_fact(u, self.Y, "head")
            elif u is deputy and rng.random() < 0.4:
                name += f" ({self.DR} năm {self.Y})"
                self.head_fact(u, self.Y, "deputy")
            names.append(name)
        style = rng.random()
        if style < 0.45:
            listed = ", ".join(names[:-1]) + " và " + names[-1]
            return self.fill(self.pick("members_inline"), n=len(names), list=listed,
                             bloc_ref=f"{self.bloc.name}")
        intro = self.fill(self.pick("members_intro"), n=len(names), bloc_ref=self.bloc.name)
        bullet = rng.choice(("- ", "• ", "+ ", "num", "paren"))
        lines = []
        for i, name in enumerate(names, 1):
            mark = f"{i}. " if bullet == "num" else f"({i}) " if bullet == "paren" else bullet
            end = "." if i == len(names) else (";" if bullet in ("- ", "+ ", "paren") else "")
            lines.append(f"{mark}{name}{end}")
        return intro + "\n" + "\n".join(lines)

    def head_fact(self, unit: Unit, year: int, role: str) -> None:
        self.add({"type": "membership", "bloc": self.bloc_gold(), "unit": self.unit_gold(unit)})
        self.add({"type": "head", "bloc": self.bloc_gold(), "unit": self.unit_gold(unit), "year": year, "role": role})

    # -- awards -------------------------------------------------------------------------------
    def award_text(self, award_id: str) -> str:
        return self.rng.choice(self.lex.awards[award_id].wordings).replace("{T}", self.p.kind)

    def award_gold(self, award_id: str) -> str:
        return self.lex.awards[award_id].register.replace("{T}", self.p.kind)

    def award_fact(self, award_id: str, recipient, kind: str, year, status: str) -> None:
        self.add({"type": "award", "award": self.award_gold(award_id), "recipient": recipient,
                  "recipient_kind": kind, "year": year, "status": status})

    def conferred(self, vc: Person) -> list[str]:
        """Last year's proposals, conferred now; medals; awards to individuals."""
        rng, bloc, out = self.rng, self.bloc, []
        prev = self.Y - 1
        if bloc.conferred_at.get(prev) == self.event.kind and bloc.proposals.get(prev) and rng.random() < 0.85:
            by_award: dict[str, list[Unit]] = {}
            for award_id, unit in bloc.proposals[prev]:
                by_award.setdefault(award_id, []).append(unit)
            for award_id, units in list(by_award.items())[: rng.randint(1, len(by_award))]:
                template = self.pick("conferred_unit")
                recipients = self.join([self.unit(u) for u in units])
                for u in units:
                    self.award_fact(award_id, self.unit_gold(u), "unit", prev if "{ay}" in template else [prev, None],
                                    "conferred")
                giver = ("thừa ủy quyền Thủ tướng Chính phủ, " if award_id in ("co-cp", "bk-ttg") else
                         rng.choice(("", f"thừa ủy quyền Chủ tịch UBND {self.p.kind}, ")))
                out.append(self.fill(template, giver_intro=giver, vc_name=self.person_name(vc),
                                     vc_title=self.vice_chair_title(vc), award=self.award_text(award_id),
                                     recipients=recipients, ay=prev,
                                     lead_note="đơn vị dẫn đầu phong trào thi đua" if len(units) == 1 else "các đơn vị dẫn đầu phong trào thi đua"))
        medal = bloc.medals.get(prev)
        if medal is not None and (hash_index(f"{bloc.key}:{prev}:medal", 2) == 0) == (self.event.kind == "kk"):
            template = self.pick("conferred_medal")
            award_id = rng.choice(("hc-ld3", "hc-ld3", "hc-ld2"))
            recipient = self.unit(medal)
            self.award_fact(award_id, self.unit_gold(medal), "unit", [prev, None], "conferred")
            out.append(self.fill(template, vc_name=self.person_name(vc), award=self.award_text(award_id),
                                 recipients=f"tập thể {recipient}" if rng.random() < 0.3 else recipient,
                                 ay=prev, y5=prev - 4))
        fighter = bloc.emulation_fighter.get(prev)
        if fighter is not None and self.event.kind == bloc.conferred_at.get(prev):
            out.append(self.person_award_sentence("cstd", [fighter], prev, vc))
        if self.event.kind == "tk" and bloc.person_awards.get(self.Y):
            out.append(self.person_award_sentence("bk-tinh", bloc.person_awards[self.Y], self.Y, vc))
        return out

    def person_award_sentence(self, award_id: str, units: list[Unit], year: int, vc: Person) -> str:
        template = self.pick("conferred_person")
        persons = []
        for unit in units:
            deputy = self.officials.leaders[unit.key][1]
            persons.append(f"{'bà' if deputy.female else 'ông'} {self.person_name(deputy)} - "
                           f"{self.leader_title(deputy, unit, deputy=True)}")
            self.award_fact(award_id, self.person_gold(deputy), "person",
                            year if "{ay}" in template else [year, None], "conferred")
        return self.fill(template, vc_name=self.person_name(vc), award=self.award_text(award_id), ay=year,
                         persons="; ".join(persons), n_word=len(persons))

    def proposed(self) -> list[str]:
        rng, bloc = self.rng, self.bloc
        proposals = bloc.proposals.get(self.Y)
        out = []
        if proposals and rng.random() < 0.85:
            (lead_award, lead), rest = proposals[0], proposals[1:]
            text = self.fill(self.pick("proposed_lead"), r=self.unit(lead), award=self.award_text(lead_award),
                             via=self.via(lead_award))
            self.award_fact(lead_award, self.unit_gold(lead), "unit", self.Y, "proposed")
            groups: dict[str, list[Unit]] = {}
            for award_id, unit in rest:
                groups.setdefault(award_id, []).append(unit)
            for award_id, units in groups.items():
                text += self.fill(self.pick("proposed_more"), rs=self.join([self.unit(u) for u in units]),
                                  award=self.award_text(award_id), via=self.via(award_id))
                for u in units:
                    self.award_fact(award_id, self.unit_gold(u), "unit", self.Y, "proposed")
            out.append(text + ".")
        fighter = bloc.emulation_fighter.get(self.Y)
        if fighter is not None and rng.random() < 0.7:
            person = self.officials.leaders[fighter.key][1]
            desc = f"{'bà' if person.female else 'ông'} {self.person_name(person)} - {self.leader_title(person, fighter, deputy=True)}"
            self.award_fact("cstd", self.person_gold(person), "person", [self.Y, None], "proposed")
            out.append(self.fill(self.pick("proposed_person"), award=self.award_text("cstd"), person=desc))
        return out

    def via(self, award_id: str) -> str:
        if award_id in ("co-cp", "bk-ttg"):
            return self.rng.choice((f"UBND {self.p.kind} trình Thủ tướng Chính phủ ", ""))
        if award_id == "bk-tinh":
            return self.rng.choice((f"Chủ tịch UBND {self.p.kind} ", ""))
        return self.rng.choice((f"UBND {self.p.kind} ", ""))

    def join(self, names: list[str]) -> str:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]

    # -- heads and deputies -------------------------------------------------------------------
    def handover(self, head: Unit, deputy: Unit) -> str:
        next_head, next_deputy = self.bloc.heads[self.Y + 1]
        if self.rng.random() < 0.6:
            template = self.pick("handover")
            self.head_fact(head, self.Y, "head")
            values = {"head": self.unit(head)}
        else:
            template = self.pick("handover_vote")
            values = {}
        nh = self.unit(next_head)
        if next_head is deputy and self.rng.random() < 0.5:
            nh += f" (đơn vị {self.DR} năm {self.Y})"
            self.head_fact(deputy, self.Y, "deputy")
        self.head_fact(next_head, self.Y + 1, "head")
        self.head_fact(next_deputy, self.Y + 1, "deputy")
        return self.fill(template, next_head=nh, next_deputy=self.unit(next_deputy), **values)

    def roles_line(self, head: Unit, deputy: Unit) -> str:
        self.head_fact(head, self.Y, "head")
        self.head_fact(deputy, self.Y, "deputy")
        return self.fill(self.pick("kk_roles"), head=self.unit(head), deputy=self.unit(deputy))

    def signing_roles(self, head: Unit, deputy: Unit) -> str:
        prev = self.bloc.heads.get(self.Y - 1)
        if prev and prev[0] is not head and self.rng.random() < 0.6:
            self.head_fact(prev[0], self.Y - 1, "head")
            self.head_fact(head, self.Y, "head")
            self.head_fact(deputy, self.Y, "deputy")
            return self.fill(self.pick("kk_handover"), prev_head=self.unit(prev[0]), head=self.unit(head),
                             deputy=self.unit(deputy))
        return self.roles_line(head, deputy)

    # -- portal furniture ---------------------------------------------------------------------
    def reporter(self) -> str:
        lex, rng = self.lex, self.rng
        female = rng.random() < 0.5
        return f"{rng.choice(lex.middle[female]).split()[-1]} {rng.choice(lex.given[female])}"

    def footer(self) -> str:
        rng = self.rng
        reporter = self.reporter()
        parts = [self.fill(self.pick("byline"), reporter=reporter, REPORTER=reporter.upper())]
        if rng.random() < 0.5:
            related = rng.sample(self.lex.templates["related"], 3)
            d1 = (self.date - dt.timedelta(days=rng.randint(2, 20))).strftime("%d/%m/%Y")
            d2 = (self.date - dt.timedelta(days=rng.randint(21, 60))).strftime("%d/%m/%Y")
            parts.append(self.pick("related_head") + "\n" + "\n".join(self.fill(r, d1=d1, d2=d2) for r in related))
        if rng.random() < 0.4:
            forms = "\n".join(self.lex.templates["comments"]).split("\n--\n")
            parts.append(rng.choice(forms))
        return "\n\n".join(parts)


# -- module helpers ---------------------------------------------------------------------------

def hash_index(key: str, n: int) -> int:
    """A stable small number from a key (Python's hash() changes between runs)."""
    return zlib.crc32(key.encode("utf-8")) % n if n else 0


def _event_date(rng: random.Random, event: Event) -> dt.date:
    if event.kind == "kk":
        return dt.date(event.year, 2, 10) + dt.timedelta(days=rng.randint(0, 59))
    if event.year + 1 > LAST_YEAR or rng.random() < 0.6:
        return dt.date(event.year, 12, 5) + dt.timedelta(days=rng.randint(0, 24))
    return dt.date(event.year + 1, 1, 5) + dt.timedelta(days=rng.randint(0, 15))


def publication_date(rng: random.Random, event_date: dt.date) -> dt.date:
    """Days later as a rule; months or years later for retrospectives and bulletins."""
    draw = rng.random()
    delay = (rng.randint(0, 3) if draw < 0.7 else rng.randint(4, 60) if draw < 0.9 else
             rng.randint(61, 365) if draw < 0.98 else rng.randint(366, 1100))
    published = event_date + dt.timedelta(days=delay)
    latest = dt.date(LAST_YEAR, 11, 30)
    return published if published <= latest else max(event_date, min(latest, event_date + dt.timedelta(days=2)))


def _role_with_org(role: str, org: str) -> str:
    """'Chánh Thanh tra' + 'Thanh tra tỉnh' -> 'Chánh Thanh tra tỉnh'; 'Trưởng ban' + 'Ban Dân tộc tỉnh'
    -> 'Trưởng Ban Dân tộc tỉnh'; otherwise role and organisation side by side."""
    role_words, org_words = role.split(), org.split()
    for k in (2, 1):
        if len(role_words) > k and [w.lower() for w in role_words[-k:]] == [w.lower() for w in org_words[:k]]:
            return " ".join(role_words[:-k] + org_words)
    return f"{role} {org}"


def _typo(rng: random.Random, name: str) -> str:
    """Drop one diacritic from one syllable: 'Phan Thị Thúy Hằng' -> 'Phan Thi Thúy Hằng'."""
    syllables = name.split()
    candidates = [i for i, s in enumerate(syllables) if any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", s))]
    if not candidates:
        return name
    i = rng.choice(candidates)
    decomposed = list(unicodedata.normalize("NFD", syllables[i]))
    marks = [j for j, c in enumerate(decomposed) if unicodedata.combining(c)]
    del decomposed[rng.choice(marks)]
    syllables[i] = unicodedata.normalize("NFC", "".join(decomposed))
    return " ".join(syllables)
