"""Head and deputy of a bloc for an emulation year.

Read from descriptions ("Sở Tài chính - đơn vị Trưởng khối năm 2022", "Văn phòng UBND tỉnh
(Phó Trưởng khối năm 2023)"), elections ("bầu Sở Y tế làm Trưởng khối, Báo Bắc Giang làm Phó
Trưởng khối năm 2023", "đề cử Sở Công Thương là Trưởng khối") and handovers ("bàn giao nhiệm
vụ Cụm trưởng năm 2018 cho quận Đống Đa", "trao Cờ luân lưu cho …": the receiver heads the
new year, the giver headed the one before). The unit and the title must be joined by one of
a few connecting phrases, so a title that merely stands near a unit says nothing.
A title without a year takes the year the sentence speaks of: an election or handover
the year the article opens, a description the year it reviews.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from thidua.loaders.extract.dates import Years
from thidua.loaders.extract.people import Person, is_generic_cue, bloc_follows, year_after
from thidua.loaders.extract.tokens import Token, tokenize
from thidua.loaders.extract.units import Context, Unit, cue_at, cue_first_words, match_unit, role_at, units_in

_ELECT = (r"(?:luân phiên )?(?:giữ chức(?: vụ)?|đảm nhiệm(?: vai trò| nhiệm vụ)?)|luân phiên làm|"
          r"là|làm|giữ|(?:luân phiên )?nhận|đảm nhận|tiếp nhận|giữ vai trò|giữ nhiệm vụ|(?:luân phiên )?nhận nhiệm vụ|"
          r"đảm nhận vai trò|đảm nhận nhiệm vụ|để đảm nhận(?: nhiệm vụ| vai trò)?|"
          r"được (?:(?:các )?[\w ]{2,25}? )?(?:thống nhất )?(?:bầu|chọn|giao|cử|suy tôn|phân công)(?: làm| giữ)?")
_DESCRIBE = r"từ vị trí|thay mặt(?: cho)?|đại diện(?: cho)?|hoàn thành tốt vai trò|tiếp tục làm"
# "Sở Thông tin và Truyền thông, đơn vị làm Khối trưởng …": "đơn vị" may stand before the verb too
_CONNECTOR = re.compile(rf"^\s*(?:[-,(]\s*)?(?:đơn vị\s+(?=(?:{_ELECT})\s))?(?:(?P<elect>{_ELECT})\s+|(?:{_DESCRIBE})\s+)?"
                        r"(?:(?:là )?đơn vị\s*)?(?:nhiệm vụ\s*)?$", re.IGNORECASE)
_ELECTION_SENTENCE = re.compile(r"\b(?:bầu|chọn|đề cử|giao|nhận nhiệm vụ|đảm nhận|đảm nhiệm|luân phiên|bàn giao|chuyển giao|thống nhất)\b",
                                re.IGNORECASE)
# "trao cờ Cụm trưởng … năm 2023 cho …": the flag of the title, handed to next year's head
_HANDOVER = re.compile(r"(?:(?:bàn giao|chuyển giao)(?: lại)?(?: nhiệm vụ| vai trò| cờ luân lưu)?|trao(?: lại)? cờ)"
                       r"(?: đơn vị)?\s*$", re.IGNORECASE)
# "Bộ Giáo dục và Đào tạo đã giao nhiệm vụ Cụm trưởng … cho Đại học Huế, Cụm phó cho …", "trao
# Cờ … suy tôn Thường trực Khối … năm 2019 cho …": a title given to the unit after "cho", said
# further back in the clause. Only a hand-over (not an assignment) has a giver.
_GIVEN_IN_CLAUSE = re.compile(r"(?P<verb>bàn giao|chuyển giao|giao nhiệm vụ|giao vai trò|trao(?: lại)? cờ)\b[^.;]{0,120}$",
                              re.IGNORECASE)
_SENTENCE_YEAR = re.compile(r"^(?:Trong |Cả )?năm (\d{4})\s*,", re.IGNORECASE)
# "bầu chọn cụm trưởng và cụm phó cụm thi đua số II năm 2023 là A (Cụm trưởng) và B (Cụm phó)":
# the titles are filled for the year stated before the units, whatever year is reviewed.
_TITLES_OF_YEAR = re.compile(r"(?:(?:phó\s+)?trưởng\s+(?:khối|cụm)|(?:khối|cụm)\s+(?:trưởng|phó))"
                             r"[^.;:()]{0,60}?\bnăm\s+(\d{4})\s*(?:là|:|gồm)\s", re.IGNORECASE)
_FLAG = re.compile(r"cờ luân lưu", re.IGNORECASE)
_GIVE = re.compile(r"(?:bàn giao|trao|chuyển giao)(?: lại)?\s*$", re.IGNORECASE)
_TAKE = re.compile(r"(?:tiếp nhận|nhận|đón nhận)\s*$", re.IGNORECASE)
# Two-word phrases between "cho" and the receiver ("cho đại diện lãnh đạo đơn vị …"), matched
# as pairs: "Đại học Huế" opens with one of their words.
_FILLER = (("đại", "diện"), ("lãnh", "đạo"), ("đơn", "vị"), ("tập", "thể"))
_TAKEN_OVER = re.compile(r"nhận bàn giao(?: nhiệm vụ)?\s*$", re.IGNORECASE)
_ASIDE = re.compile(r"\([^()]*\)")
_ROLE_BEFORE = re.compile(r"(?:Trưởng|trưởng|phó|Phó)\s*$")


@dataclass(slots=True)
class Head:
    unit: str
    role: str
    year: int | None
    token: int


def heads_in(tokens: list[Token], text: str, ctx: Context, people: list[Person],
             years: Years, bloc_spans: tuple[tuple[int, int], ...] = ()) -> list[Head]:
    """The heads and deputies a sentence names; `bloc_spans` (token ranges of the blocs it
    names) hold no head: "Khối thi đua … tỉnh Tây Ninh" names a place, not a unit."""
    found_units: list[list[Unit]] = []

    def units() -> list[Unit]:
        """The sentence's units, read when a cue needs them (most cue hints find no cue)."""
        if not found_units:
            found_units.append([u for u in units_in(tokens, ctx, text)
                                if not any(a <= u.start < b for a, b in bloc_spans)])
        return found_units[0]

    taken = _person_spans(people)
    found: list[tuple[Head, bool, bool]] = []   # (head, year explicit, elected)
    sentence_year = _SENTENCE_YEAR.match(text) or _TITLES_OF_YEAR.search(text)
    k = 0
    cue_words = cue_first_words()
    while k < len(tokens):
        if tokens[k].lower not in cue_words:     # no cue can start here
            k += 1
            continue
        cue = cue_at(tokens, k)
        if not cue or k in taken or (is_generic_cue(cue) and not bloc_follows(tokens, k + len(cue[0]), ctx)):
            k += 1
            continue
        end = k + len(cue[0])
        year, _ = year_after(tokens, end)
        before = text[:tokens[k].start]
        if _TAKEN_OVER.search(before):
            unit = _subject_before(tokens, k, units(), people, ctx)
            if unit:
                found.append((Head(unit, cue[1], year, k), year is not None, True))
        elif _HANDOVER.search(before):
            found += _handover(tokens, k, end, cue[1], year, text, ctx, units(), people)
        elif (given := _GIVEN_IN_CLAUSE.search(before)) and _cho_follows(tokens, end):
            # the giver stands before the verb: "trao Cờ của Ủy ban nhân dân tỉnh …" names the flag's issuer
            giver_before = None if given.group("verb").lower().startswith("giao") else given.start()
            found += _handover(tokens, k, end, cue[1], year, text, ctx, units(), people,
                               giver_before=giver_before)
        else:
            after = _unit_after_cue(tokens, end, units()) or _unit_after_role_phrase(tokens, end, before, units())
            if after:
                unit, elected = after, bool(_ELECTION_SENTENCE.search(text))
            else:
                unit, elected = _described_unit(tokens, k, text, units())
            elected = elected or _takes_over(text, tokens, end)
            if unit:
                found.append((Head(unit.name, cue[1], year, k), year is not None, elected))
        k = end
    heads = _years(found, text, years, sentence_year)
    heads += _flag_receivers(tokens, text, ctx, units, people, years)
    for p in people:
        for c in p.cues:
            y = c.year or (years.opened if _takes_over(text, tokens, c.token + 1) else years.described)
            heads.append(Head(c.unit, c.role, y, c.token))
    return heads


_ASIDE_AFTER_NAME = re.compile(r"(?P<before>[^,;:()]{2,80}?)\s*\((?:là\s+)?(?:đơn vị\s+)?(?P<aside>[^()]{4,40})\)")


def heads_in_asides(text: str, names: list[str], years: Years) -> list[Head]:
    """"Sở Tài chính các tỉnh: Phú Thọ (Cụm trưởng), Quảng Ninh, …": the title in parentheses
    after a listed item names the head among `names` (the list's full names) whose name ends
    with the item's words."""
    out = []
    for m in _ASIDE_AFTER_NAME.finditer(text):
        aside = tokenize(m.group("aside"))
        cue = cue_at(aside, 0)
        if not cue or len(cue[0]) < 2:
            continue
        item = m.group("before").strip()
        name = next((n for n in names if n == item or n.endswith(" " + item)), None)
        if name is None:
            continue
        year, _ = year_after(aside, len(cue[0]))
        out.append(Head(name, cue[1], year or years.described, 0))
    return out


_TAKE_OVER = re.compile(r"^(?:\s*(?:khối|cụm|trưởng|phó))*\s*(?:đã\s+|sẽ\s+)?"
                        r"(?:tiếp nhận|nhận bàn giao|đón nhận|nhận)\b", re.IGNORECASE)


def _takes_over(text: str, tokens: list[Token], end: int) -> bool:
    """"thay mặt đơn vị Trưởng khối tiếp nhận Cờ luân lưu": the unit taking the role over holds
    it for the year being opened, not the one reviewed."""
    if end >= len(tokens):
        return False
    return bool(_TAKE_OVER.match(text[tokens[end].start:]))


def _years(found, text, years: Years, sentence_year) -> list[Head]:
    out = []
    for idx, (head, explicit, elected) in enumerate(found):
        if not explicit:
            shared = next((h.year for h, ex, el in found[idx + 1:] if ex and el), None) if elected else None
            if shared:
                head.year = shared
            elif sentence_year:
                head.year = int(sentence_year.group(1))
            else:
                head.year = years.opened if elected else years.described
        out.append(head)
    return out


def _unit_after_cue(tokens, end, units: list[Unit]) -> Unit | None:
    """"Cụm trưởng – Sở Tài nguyên và Môi trường Hà Tĩnh chủ trì …", "cụm phó là Sở …": the
    unit the title names right after it."""
    j = end
    if j + 1 < len(tokens) and tokens[j].lower == "năm" and tokens[j + 1].text.isdigit():
        j += 2
    if j >= len(tokens) or (tokens[j].text not in ("-", ":") and tokens[j].lower != "là"):
        return None
    j += 1
    if j + 1 < len(tokens) and tokens[j].lower == "đơn" and tokens[j + 1].lower == "vị":
        j += 2
    role = role_at(tokens, j)
    if role:    # "Khối trưởng: Chủ tịch Hội Bảo trợ …": the holder's title, then the unit (which a
        j += len(role[0]) - (1 if role[2] else 0)    # title like "Trưởng ban" opens with its last word)
    return next((u for u in units if u.start == j), None)


# "Với vai trò Khối trưởng Khối thi đua … năm 2018, Ban Quản lý Khu kinh tế đã chủ trì …",
# "Là đơn vị Cụm trưởng, Sở Y tế …": the title opens the clause, the unit follows its comma.
_ROLE_PHRASE = re.compile(r"(?:^|[,;.:]\s*)(?:với vai trò(?: là)?|trên cương vị(?: là)?|là)\s+(?:đơn vị\s+)?$",
                          re.IGNORECASE)


def _unit_after_role_phrase(tokens, end, before: str, units: list[Unit]) -> Unit | None:
    if not _ROLE_PHRASE.search(before):
        return None
    for j in range(end, min(len(tokens), end + 20)):
        if tokens[j].text in (";", "."):
            return None
        if tokens[j].text == ",":
            return next((u for u in units if u.start == j + 1), None)
    return None


def _described_unit(tokens, k, text, units: list[Unit]) -> tuple[Unit | None, bool]:
    before = [u for u in units if u.end <= k]
    if not before:
        return None, False
    u = before[-1]
    between = text[tokens[u.end - 1].end:tokens[k].start]
    between = _ASIDE.sub(" ", between)
    m = _CONNECTOR.match(between)
    if not m:
        return None, False
    elected = bool(m.group("elect")) and (m.group("elect").lower() not in ("là",)
                                          or bool(_ELECTION_SENTENCE.search(text)))
    return u, elected


def _cho_follows(tokens, end) -> bool:
    """Is "cho" among the next words after a title, before the clause ends?"""
    for t in tokens[end:end + 12]:
        if t.text in (";", "."):
            return False
        if t.lower == "cho":
            return True
    return False


def _handover(tokens, k, end, role, year, text, ctx, units, people, giver_before: int | None = -1
              ) -> list[tuple[Head, bool, bool]]:
    """The receiver after "cho" and, when a year is stated, the giver who held the title the
    year before: a unit before the title, or (`giver_before`, a text offset) before the verb;
    None: an assignment, with no giver."""
    receiver = _unit_after_cho(tokens, end, ctx, text, people)
    out = []
    if receiver:
        out.append((Head(receiver, role, year, k), year is not None, True))
    if giver_before is None:
        giver = None
    else:
        before = [u for u in units if giver_before < 0 or tokens[u.end - 1].end <= giver_before]
        giver = _giver(tokens, k, text, before)
    if giver and year:
        out.append((Head(giver, role, year - 1, k), True, False))
    return out


def _giver(tokens, k, text, units: list[Unit]) -> str | None:
    start = _clause_start(tokens, k)
    before = [u for u in units if start <= u.start and u.end <= k]
    after_tu = [u for u in units if u.start > k and tokens[u.start - 1].lower == "từ"]
    if after_tu:
        return after_tu[0].name
    return before[-1].name if before else None


def _unit_after_cho(tokens, k, ctx, text, people: list[Person]) -> str | None:
    n = len(tokens)
    j = k
    while j < n and j < k + 12 and tokens[j].lower != "cho":
        if tokens[j].text in (";", "."):
            return None
        j += 1
    if j >= n or tokens[j].lower != "cho":
        return None
    j += 1
    while j + 1 < n and (tokens[j].lower, tokens[j + 1].lower) in _FILLER:
        j += 2
    for p in people:
        if p.start == j:
            orgs = [pos.organization for pos in p.positions if pos.organization]
            return orgs[-1] if orgs else ctx.person_orgs.get(p.name)
    u = match_unit(tokens, j, ctx, text)
    return u.name if u else None


def _flag_receivers(tokens, text, ctx, units: Callable[[], list[Unit]], people, years: Years) -> list[Head]:
    """"… trao Cờ luân lưu cho X" / "X tiếp nhận Cờ luân lưu": X heads the new year."""
    out = []
    for m in _FLAG.finditer(text):
        k = next((i for i, t in enumerate(tokens) if t.start == m.start()), None)
        if k is None:
            continue
        before = text[:m.start()]
        if _ROLE_BEFORE.search(before):
            continue
        if _GIVE.search(before):
            name = _unit_after_cho(tokens, k + 3, ctx, text, people)
        elif _TAKE.search(before):
            name = _subject_before(tokens, k, units(), people, ctx)
        else:
            continue
        if name:
            out.append(Head(name, "head", years.opened, k))
    return out


def _subject_before(tokens, k, units, people: list[Person], ctx) -> str | None:
    start = _clause_start(tokens, k)
    cands = [(p.start, p) for p in people if start <= p.start < k] + \
            [(u.start, u) for u in units if start <= u.start and u.end <= k]
    if not cands:
        return None
    _, who = max(cands, key=lambda c: c[0])
    if isinstance(who, Person):
        orgs = [pos.organization for pos in who.positions if pos.organization]
        return orgs[-1] if orgs else ctx.person_orgs.get(who.name)
    return who.name


def _clause_start(tokens, k) -> int:
    j = k
    while j > 0 and tokens[j - 1].text not in (";", "."):
        j -= 1
    return j


def _person_spans(people: list[Person]) -> set[int]:
    return {i for p in people for i in range(p.start, p.chain_end)}
