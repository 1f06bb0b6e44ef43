"""Officials named with their positions; bylines and photo credits are not officials.

A person is recognised in three shapes: after an honorific ("ông", "bà", "đồng chí",
"Thượng tá") with the name following; after a title ("Phó Chủ tịch UBND tỉnh Trương Minh
Hiến"); or as a bare name that opens a clause and is followed by a title ("Nông Quốc Tuấn,
Chánh Văn phòng …"). What follows the name is read as a chain of positions separated by
" - " or ", " ("Ủy viên Ban Thường vụ Tỉnh ủy - Phó Chủ tịch UBND tỉnh" is two positions).
A chain link naming the bloc role ("đơn vị Trưởng khối năm 2021") makes the person's
organisation the bloc's head for that year. A name with no title after it (a byline, a
credit) gives no position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from thidua.loaders.extract import lexicon
from thidua.loaders.extract.tokens import Token, words_at
from thidua.loaders.extract.units import (Context, cue_at, embedded_unit, honorific_at,
                                          match_unit, person_run, person_starts, role_at)

_PARTY_LEVEL = {"Tỉnh ủy": "tỉnh", "Thành ủy": "thành phố", "Huyện ủy": "huyện",
                "Quận ủy": "quận", "Thị ủy": "thị xã"}
_PLACE_AFTER_LEVEL = {level: re.compile(rf"\b(?i:{level}) (\w.*)$") for level in _PARTY_LEVEL.values()}
_COMMITTEE = re.compile(r"(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)(?: [A-ZĐÀ-Ỹ0-9].*)?$")
# A title after these words names whom someone acts for, not a title the next name holds
# ("thừa ủy quyền Chủ tịch UBND tỉnh, Phó Chủ tịch UBND tỉnh Trần Minh Chiến trao …").
_NOT_HELD = {"quyền", "của", "thay", "mặt", "cho", "với"}
_CUE_PREFIXES = (("đại", "diện", "đơn", "vị"), ("thay", "mặt", "đơn", "vị"), ("đại", "diện"),
                 ("đơn", "vị"), ("là", "đơn", "vị"))
_CUE_PREFIX_FIRSTS = {prefix[0] for prefix in _CUE_PREFIXES}
_YEAR_DIGITS = re.compile(r"\d{4}")


@dataclass(slots=True)
class Position:
    person: str
    role: str
    organization: str | None


@dataclass(slots=True)
class HeadCue:
    """"… đơn vị Trưởng khối năm 2021" said of a person's organisation (or a unit)."""
    unit: str
    role: str                  # head | deputy
    year: int | None
    token: int                 # where the cue stands in the sentence
    bloc_end: int | None = None   # end token of a bloc name right after the cue, if any
    elected: bool = False


@dataclass(slots=True)
class Person:
    start: int
    end: int                   # end of the name
    chain_end: int             # end of the name and its titles
    name: str
    positions: list[Position] = field(default_factory=list)
    cues: list[HeadCue] = field(default_factory=list)


def person_at(tokens: list[Token], i: int, ctx: Context, text: str,
              bare_name: bool = False) -> Person | None:
    """A person introduced by an honorific at i (or, with bare_name, a name and a title)."""
    h = honorific_at(tokens, i)
    lead_cue = None
    if h:
        # "Đồng chí Khối trưởng Nguyễn Thị Kim Chi, …, Giám đốc Sở …": the bloc role before the name
        lead_cue = cue_at(tokens, i + h)
        lead_cue = lead_cue if lead_cue and not is_generic_cue(lead_cue) else None
        start = i + h + (len(lead_cue[0]) if lead_cue else 0)
        end = _name_end(tokens, start)
        if end - start < 2:
            return None
        p = Person(i, end, end, _text(text, tokens, start, end))
    elif bare_name:
        end = person_run(tokens, i)
        if end == i or not _chain_starts(tokens, end):
            return None
        p = Person(i, end, end, _text(text, tokens, i, end))
    else:
        return None
    p.chain_end = read_chain(tokens, p.end, p, ctx, text)
    if lead_cue:
        _read_cue(tokens, i + h, lead_cue, p, ctx)      # the organisation is known after the chain
    return p


def title_first_person(tokens: list[Token], i: int, ctx: Context, text: str) -> Person | None:
    """"Phó Chủ tịch UBND tỉnh Trương Minh Hiến": a title, its organisation, then the name."""
    titles: list[tuple[str, str | None]] = []
    k = i
    while True:   # "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh X Nguyễn Văn A": every title counts
        role = role_at(tokens, k)
        if not role:
            if not titles:
                return None
            break
        surface, canonical, embed, implied = role
        after = k + len(surface)
        org, org_end = _organisation(tokens, after, embed, implied, ctx, text)
        titles.append((canonical, org))
        start = org_end if org_end else after
        held = i == 0 or tokens[i - 1].lower not in _NOT_HELD
        if held and start + 1 < len(tokens) and tokens[start].text in (",", "-") and role_at(tokens, start + 1):
            k = start + 1
            continue
        break
    end = person_run(tokens, start)
    if end == start:
        return None
    p = Person(i, end, end, _text(text, tokens, start, end))
    # A title right before the name needs no organisation ("Vụ trưởng Nghiêm Đức Hiệp").
    p.positions += [Position(p.name, canonical, org) for canonical, org in titles]
    p.chain_end = read_chain(tokens, end, p, ctx, text)
    _fill_party_places(p, ctx)
    return p


def read_chain(tokens: list[Token], pos: int, p: Person, ctx: Context, text: str) -> int:
    """Read " - title org, title org (đơn vị Trưởng khối năm X)" after a name; return its end."""
    n = len(tokens)
    if pos == p.end and role_at(tokens, pos):   # a photo caption: "Đồng chí Lê Minh Phó Trưởng ban …"
        pos = _segment(tokens, pos, p, ctx, text)
    while pos < n and tokens[pos].text in ("-", ",", "("):
        paren = tokens[pos].text == "("
        seg = pos + 1
        nxt = _segment(tokens, seg, p, ctx, text)
        if nxt == seg:
            break
        pos = nxt
        if paren:
            if pos < n and tokens[pos].text == ")":
                pos += 1
            else:
                break
    _fill_party_places(p, ctx)
    return pos


def _segment(tokens: list[Token], k: int, p: Person, ctx: Context, text: str) -> int:
    start = k
    if k < len(tokens) and tokens[k].lower in _CUE_PREFIX_FIRSTS:
        for prefix in _CUE_PREFIXES:
            if words_at(tokens, k, prefix, lower=True):
                k += len(prefix)
                break
    cue = cue_at(tokens, k)
    if cue and (not is_generic_cue(cue) or _bloc_follows(tokens, k + len(cue[0]), ctx)):
        return _read_cue(tokens, k, cue, p, ctx)
    if k != start:
        return start
    role = role_at(tokens, k)
    if role:
        surface, canonical, embed, implied = role
        org, end = _organisation(tokens, k + len(surface), embed, implied, ctx, text)
        p.positions.append(Position(p.name, canonical, org))
        return end or k + len(surface)
    unit = match_unit(tokens, k, ctx, text)
    if unit and p.positions:
        if p.positions[-1].organization is None:
            p.positions[-1].organization = unit.name
        return unit.end
    return start


def is_generic_cue(cue) -> bool:
    """Bare "Trưởng" / "Phó Trưởng" / "Thường trực" are a bloc role only when a bloc name follows."""
    return cue[0] in (("trưởng",), ("phó", "trưởng"), ("thường", "trực"))


def bloc_follows(tokens: list[Token], k: int, ctx: Context) -> bool:
    return _bloc_follows(tokens, k, ctx)


def _bloc_follows(tokens: list[Token], k: int, ctx: Context) -> bool:
    if k < len(tokens) and tokens[k].text in ctx.bloc_acronyms:
        return True
    return k + 1 < len(tokens) and tokens[k].lower in ("khối", "cụm") and tokens[k + 1].lower == "thi"


def _read_cue(tokens, k, cue, p: Person, ctx: Context) -> int:
    surface, role = cue
    end = k + len(surface)
    bloc_end = None
    if end < len(tokens) and tokens[end].text in ctx.bloc_acronyms:
        bloc_end = end + 1
    year, end_year = year_after(tokens, bloc_end or end)
    orgs = [pos.organization for pos in p.positions if pos.organization]
    # a party committee is the head only when the official leads nothing else ("Phó Bí thư
    # Thường trực Huyện ủy Lắk, Cụm trưởng …" in a cluster of district party committees); a seat
    # on a committee ("Ủy viên Ban Thường vụ Tỉnh ủy") never names the head
    led = [pos.organization for pos in p.positions if pos.organization and not pos.role.startswith("Ủy viên")
           and not pos.role.endswith("ủy viên")]
    unit = next((o for o in reversed(orgs) if not _is_party(o)), None) or ctx_org(ctx, p.name) or \
        (led[-1] if led else None)
    if unit:
        p.cues.append(HeadCue(unit, role, year, k, bloc_end))
    return end_year or bloc_end or end


def ctx_org(ctx: Context, name: str) -> str | None:
    return ctx.person_orgs.get(name)


def year_after(tokens: list[Token], k: int, reach: int = 12) -> tuple[int | None, int | None]:
    """"năm 2021" at k or after a bloc name within `reach` tokens: (year, end) or (None, None)."""
    for j in range(k, min(len(tokens) - 1, k + reach)):
        t = tokens[j]
        if t.lower == "năm" and _YEAR_DIGITS.fullmatch(tokens[j + 1].text):
            return int(tokens[j + 1].text), j + 2
        if j > k and (not t.is_word or t.lower in ("là", "làm", "đã", "và", "cho", "được")):
            break
    return None, None


def _organisation(tokens, k, embed, implied, ctx, text) -> tuple[str | None, int | None]:
    if implied:
        return implied, None
    if embed:
        written_out = match_unit(tokens, k, ctx, text)   # "Phó Trưởng ban Ban Thi đua - Khen thưởng"
        if written_out and tokens[k].lower == embed.lower():
            return written_out.name, written_out.end
        unit = embedded_unit(tokens, k - 1, embed, ctx, text)
        return (unit.name, unit.end) if unit else (None, None)
    unit = match_unit(tokens, k, ctx, text)
    return (unit.name, unit.end) if unit else (None, None)


def _fill_party_places(p: Person, ctx: Context) -> None:
    """"Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Đông Anh": the Huyện ủy of Đông Anh; and
    "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy": a member of that Tỉnh ủy's board."""
    for pos in p.positions:
        if pos.organization is None and pos.role.startswith("Ủy viên"):
            committee = next((m.group() for o in p.positions if o.organization
                              for m in [_COMMITTEE.search(o.organization)] if m), None)
            pos.organization = committee
    bodies = [o.organization for o in p.positions if o.organization and not _is_party(o.organization)]
    for pos in p.positions:
        if pos.organization == "Đảng ủy" and bodies:
            # "Bí thư Đảng ủy, Hiệu trưởng Trường Đại học Vinh": that body's party committee
            pos.organization = f"Đảng ủy {bodies[0]}"
    for pos in p.positions:
        org = _party_of_jurisdiction(pos.organization, ctx.jurisdiction)
        if org not in _PARTY_LEVEL:
            continue
        level = _PARTY_LEVEL[org]
        for other in p.positions:
            m = _PLACE_AFTER_LEVEL[level].search(other.organization or "")
            if other is not pos and m and (m.group(1)[0].isupper() or m.group(1)[0].isdigit()):
                place = m.group(1)
                pos.organization = f"{org} {'Quận ' + place if place[0].isdigit() else place}"
                break
        else:
            j = ctx.jurisdiction or ""
            if j.lower().startswith(level + " "):
                pos.organization = f"{org} {j[len(level) + 1:]}"


@lru_cache(maxsize=4096)
def _party_of_jurisdiction(org: str | None, jurisdiction: str | None) -> str | None:
    """"Tỉnh ủy Tuyên Quang" that only took the manifest's province -> "Tỉnh ủy", so that the
    province named in the same chain of titles ("… UBND tỉnh Bắc Kạn") can take its place."""
    if not org or not jurisdiction:
        return org
    for party, level in _PARTY_LEVEL.items():
        if jurisdiction.lower().startswith(level + " ") and \
                org == f"{party} {jurisdiction[len(level) + 1:]}":
            return party
    return org


def _is_party(org: str) -> bool:
    return any(org.startswith(w) for w in _PARTY_LEVEL) or org.startswith(("Ban Thường vụ", "Đảng ủy"))


def _chain_starts(tokens: list[Token], k: int) -> bool:
    return k + 1 < len(tokens) and tokens[k].text in ("-", ",") and role_at(tokens, k + 1) is not None


def _name_end(tokens: list[Token], k: int) -> int:
    j = k
    while j < len(tokens) and j - k < 5 and tokens[j].is_word and tokens[j].text[0].isupper() \
            and not role_at(tokens, j):
        j += 1
    return j


def _text(text: str, tokens: list[Token], i: int, end: int) -> str:
    return text[tokens[i].start:tokens[end - 1].end]


def people_in(tokens: list[Token], ctx: Context, text: str) -> list[Person]:
    """Every person in a sentence, with positions and bloc-role cues, left to right."""
    out: list[Person] = []
    i, n = 0, len(tokens)
    clause_start = True
    written, lower = person_starts()
    while i < n:
        t = tokens[i]
        if t.text not in written and t.lower not in lower:
            clause_start = t.text in (";", ":", "(")
            i += 1
            continue
        p = person_at(tokens, i, ctx, text, bare_name=clause_start) \
            or title_first_person(tokens, i, ctx, text)
        if p and p.name in lexicon.historical_names():     # a set phrase, not an attendee
            i = max(p.chain_end, i + 1)
            clause_start = False
            continue
        if p:
            out.append(p)
            for pos in p.positions:
                if pos.organization:
                    ctx.person_orgs[p.name] = pos.organization
            i = max(p.chain_end, i + 1)
            clause_start = False
            continue
        clause_start = tokens[i].text in (";", ":", "(")
        i += 1
    return out
