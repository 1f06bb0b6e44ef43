"""Units stated to belong to a bloc: member lists in their many shapes.

"Khối gồm 8 cơ quan (A, B, …)", "12 đơn vị trong Khối (…)", "có 5 thành viên là A, B …",
a list of bullets under "Khối gồm 7 cơ quan:", and lists that share one head word:
"gồm các quận: Ba Đình, Đống Đa …", "6 quận: 1, 3, 4 …", "Sở Tư pháp 6 tỉnh: Thanh Hóa,
Nghệ An …". A "gồm" list counts only when it is said of a bloc (a bloc word stands before
it, or the list is of "thành viên"), so "Bằng khen cho 3 đơn vị gồm: …" is no member list.
"""
from __future__ import annotations

import re

from thidua.loaders.extract import lexicon
from thidua.loaders.extract.sentences import Sentence
from thidua.loaders.extract.shared_lists import (ITEM_SEPARATOR, counted_places, departments_by_field,
                                                 districts_listed, names_sharing_head,
                                                 names_sharing_kind, opens_counted_areas,
                                                 places_named_before, places_sharing_head,
                                                 separator_length)
from thidua.loaders.extract.tokens import Token, tokenize
from thidua.loaders.extract.units import Context, head_at, match_unit, units_in

TRIGGER = re.compile(
    # The lookahead on first letters lets the case-blind engine skip most positions fast.
    r"(?=[bgc\d])(?:"
    r"\b(?:bao gồm|gồm có|gồm)\b"
    r"|\bcó \d+ (?:đơn vị |cơ quan |địa phương )?thành viên\b"
    r"|\b\d+ (?:đơn vị|cơ quan|sở, ngành|địa phương|doanh nghiệp|trường)(?: thành viên)? (?:của|trong) (?:khối|cụm)\b"
    r"|\b\d+ (?:đơn vị|cơ quan|địa phương|doanh nghiệp) thành viên\b"
    # "của các đơn vị trong khối: A, B, C": without a count, only when a colon opens the list
    r"|\bcác (?:đơn vị|cơ quan|địa phương|doanh nghiệp|sở, ngành|huyện|tỉnh)(?: thành viên)? (?:(?:của|trong|thuộc) )?(?:khối|cụm)"
    r"(?: thi đua)?(?: số)?(?: [\dIVX]+| (?!gồm|bao|là)[a-zđà-ỹ]+(?: [a-zđà-ỹ]+)?)?\s*:"
    # "đại diện lãnh đạo các doanh nghiệp thành viên: A, B, C"
    r"|\bcác (?:đơn vị|cơ quan|địa phương|doanh nghiệp|sở, ngành) thành viên\s*(?::|là|gồm)"
    # "các đơn vị thuộc Khối thi đua 5 (A, B, C)": the list in parentheses after the bloc's name
    r"|\bcác (?:đơn vị|cơ quan|doanh nghiệp|địa phương)(?: thành viên)? (?:thuộc|trong|của) (?:khối|cụm)"
    r"(?=(?: thi đua[^():;.]{0,80})?\s*\()"
    # "Khối thi đua 10 có 5 trường đại học, cao đẳng trên địa bàn tỉnh: A; B; …"
    r"|\bcó \d+ (?:đơn vị|cơ quan|trường|trung tâm|doanh nghiệp|công ty|bệnh viện|địa phương|huyện|sở)"
    r"[^:.;()]{0,60}:)",
    re.IGNORECASE)
_FILLER = re.compile(r"^(?:\s*(?:các|\d+|đơn vị|cơ quan|địa phương|thành viên|sở, ngành|là|:))*\s*",
                     re.IGNORECASE)
# Lower-case words naming the kind of members before the colon that opens their list
_COUNTED_KIND = re.compile(r"(?:\d+\s+)?(?:[a-zđà-ỹ]+,?\s+){0,6}[a-zđà-ỹ]+\s*:\s*")
_BULLET = re.compile(r"^\s*(?:[-•+*–]|\(?\d{1,2}[.)])\s*")
_GAP = re.compile(r"^[\s,;\-–+•*.]*(?:và)?[\s,;\-–+•*.]*(?:\(\d{1,2}\))?\s*$")
_HEAD_OVER_UNITS = re.compile(r"^\s*:?\s*(?P<head>[A-ZĐÀ-Ỹ][^\d:(),;]{1,30}?)\s+các\s+(?:đơn vị|cơ quan)\s*:\s*")
_BLOC_NAME_BEFORE_PAREN = re.compile(r"\s*thi đua[^():;.]{0,80}?(?=\()", re.IGNORECASE)
_BLOC_WORD = re.compile(r"\b(?:khối|cụm)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;.]")
_ASIDE = re.compile(r"\([^()]*\)")
# "Cục Thống kê tỉnh - đơn vị trưởng khối; Văn phòng …": a dashed title after a member (read
# as a head by leadership.py) is an aside too, not the end of the list.
_TITLE_TAG = re.compile(r"^\s*-\s*(?:là\s+)?(?:đơn vị\s+)?(?:(?:phó\s+)?(?:trưởng|phó)\s+(?:khối|cụm)|"
                        r"(?:khối|cụm)\s+(?:trưởng|phó))(?:\s+thi đua)?(?:\s+năm\s+\d{4})?", re.IGNORECASE)


# Every TRIGGER phrase holds one of these (or "có " and a colon); substring tests are far
# cheaper than the search.
_LIST_WORDS = ("gồm", "thành viên", "của khối", "trong khối", "của cụm", "trong cụm", "thuộc khối", "thuộc cụm")


def may_list(lower: str) -> bool:
    """Can TRIGGER match the lower-case sentence `lower`, said of a bloc? Sentences without a
    bloc word never count; with one, only those holding a word of a TRIGGER phrase (about half
    as many) are searched. Case-blind matching lets "i" and "s" match "ı" and "ſ", so a
    sentence holding those is searched too."""
    if "khối" not in lower and "cụm" not in lower and "gồm" not in lower and "thành viên" not in lower:
        return False
    return any(w in lower for w in _LIST_WORDS) or ("có " in lower and ":" in lower) \
        or "ı" in lower or "ſ" in lower


def member_lists(sentences: list[Sentence], s: Sentence, ctx: Context) -> list[tuple[int, str]]:
    """(token index of the list, unit name) for the member lists in sentence s."""
    out: list[tuple[int, str]] = []
    for m in TRIGGER.finditer(s.work):
        if not _said_of_bloc(s.work, m):
            continue
        rest_start = m.end()
        named = _BLOC_NAME_BEFORE_PAREN.match(s.work, rest_start)
        if named:       # "07 trường trong khối thi đua các trường đại học, cao đẳng (A; B; …)"
            rest_start = named.end()
        paren = s.work[rest_start:].lstrip().startswith("(")
        body_start = rest_start + (s.work[rest_start:].index("(") + 1 if paren else 0)
        body_end = _list_end(s.work, body_start, paren)
        body = s.work[body_start:body_end]
        k = _token_at(s.tokens, m.start())
        over = _HEAD_OVER_UNITS.match(body)
        if over and head_at(tokenize(over.group("head")), 0):
            # "Thanh tra các đơn vị: Sở Xây dựng, Sở Công Thương" -> "Thanh tra Sở Xây dựng", …
            out += [(k, f"{over.group('head')} {name}")
                    for name in _unit_list(s, ctx, body_start + over.end(), body_end)]
            continue
        shared = _names_with_shared_head(s.work, m, body, ctx)
        if shared:
            out += [(k, name) for name in shared]
            continue
        if opens_counted_areas(body) and s.work.rstrip().endswith(":"):
            out += [(k, name) for name in bullet_units(sentences, s, ctx)]
            continue
        filler = _FILLER.match(body).end()
        counted = _COUNTED_KIND.match(body, filler)       # "gồm 7 tập đoàn kinh tế nhà nước: …"
        filler = counted.end() if counted else filler
        kind_names, used = names_sharing_kind(body[filler:])
        found = kind_names + _unit_list(s, ctx, body_start + filler + used, body_end, after_shared=bool(kind_names))
        if found:
            out += [(k, name) for name in found]
        elif s.work.rstrip().endswith(":"):
            out += [(k, name) for name in bullet_units(sentences, s, ctx)]
    return out


_COUNTED_HINT = re.compile(r"\d\s+(?:tỉnh|huyện|quận|xã|phường|thị xã)\s", re.IGNORECASE)


def counted_members(s: Sentence) -> list[str]:
    """"Tham dự có … lãnh đạo Công an 6 tỉnh Kon Tum, Gia Lai, …": the bloc's member units named
    as attendees, without "gồm", when as many places follow as the count says."""
    # the hint on the lower-case text: the working text is made only for the few that pass
    return counted_places(s.work) if _COUNTED_HINT.search(s.lower) else []


_LEADS = re.compile(r"\bdẫn đầu(?:\s+phong trào)?(?:\s+thi đua)?\s*$", re.IGNORECASE)


def leaders_of_blocs(s: Sentence, ctx: Context, bloc_starts: list[int]) -> list[tuple[int, str]]:
    """(bloc mention's token index, unit) for "LĐLĐ thành phố Hà Nội - dẫn đầu Cụm Thi đua 5 …",
    "Văn phòng Huyện ủy …; … dẫn đầu phong trào thi đua Khối 01 …": the unit that leads a bloc
    is one of its members; the nearest unit before, with no other bloc named between."""
    out = []
    units = None
    for k, start in enumerate(bloc_starts):
        if not _LEADS.search(s.work[:s.tokens[start].start]):
            continue
        units = units if units is not None else units_in(s.tokens, ctx, s.work)
        floor = bloc_starts[k - 1] if k else 0
        before = [u for u in units if floor <= u.start and u.end <= start]
        if before:
            out.append((start, before[-1].name))
    return out


_LEVEL_IN_NAME = re.compile(r"\s(?:tỉnh|thành phố|huyện|quận|thị xã)(?=\s+\S)", re.IGNORECASE)


def peers_of_heads(heads: list[str], organisations: list[str]) -> list[str]:
    """"đồng chí A, Viện trưởng VKSND tỉnh Gia Lai – đơn vị Cụm trưởng; đồng chí B, Phó Viện
    trưởng VKSND tỉnh Đắk Lắk; …": the officials named beside the head's represent the bloc's
    other members when their bodies are of the head's kind in another place of its level (the
    same words up to "tỉnh", "huyện" …: the province's body above district heads is none)."""
    kinds = {_kind(h) for h in heads} - {None}
    return [o for o in dict.fromkeys(organisations) if o not in heads and _kind(o) in kinds]


def _kind(name: str) -> str | None:
    m = _LEVEL_IN_NAME.search(name)
    return name[:m.end()].lower() if m else None


def _names_with_shared_head(text: str, m: re.Match, body: str, ctx: Context) -> list[str]:
    """The list's names when its items share a head: written at the list's opening, as bare
    districts, or ("… Công an 8 tỉnh trong Cụm gồm: A, B") said just before "gồm"."""
    found = names_sharing_head(body) or districts_listed(body, ctx.jurisdiction)
    before = text[max(0, m.start() - _HEAD_BEFORE_REACH):m.start()]
    if not found and m.group().lower() == "gồm":
        found = places_named_before(before, body) or departments_by_field(before, body, ctx)
    if found and all(_BARE_AREA.match(name) for name in found):
        branch = _sector_branch(before)
        if branch:       # "Cụm thi đua số VII – BHXH Việt Nam gồm các tỉnh Lâm Đồng, Gia Lai"
            found = [f"{branch} {name}" for name in found]
    return found


_BARE_AREA = re.compile(r"^(?:tỉnh|thành phố|huyện|quận|thị xã) ")


def _sector_branch(before: str) -> str | None:
    """The provincial body of the sector named just before a list (lexicons/extract-sector-branches.tsv)."""
    return next((branch for sector, branch in lexicon.sector_branches() if sector in before), None)


_HEAD_BEFORE_REACH = 80      # characters before "gồm" that may name the shared head and level


# "Tặng Cờ thi đua … cho 04 tập thể … dẫn đầu các khối …, gồm:": the awarded, not members
_AWARDED_BEFORE = re.compile(r"\b(?:tặng|trao|khen thưởng)\b[^;.]*\b(?:cho|đối với)\b", re.IGNORECASE)


_COUNTED_UNITS = re.compile(r"\b\d+\s+(?:đơn vị|cơ quan)\s*(?:bao\s*)?$", re.IGNORECASE)
_SIGNS = re.compile(r"\b(?:ký kết|ký giao ước)\b", re.IGNORECASE)


def _said_of_bloc(text: str, m: re.Match) -> bool:
    phrase = m.group().lower()
    if "thành viên" in phrase or "khối" in phrase or "cụm" in phrase:
        return True
    if _AWARDED_BEFORE.search(_CLAUSE_END.split(text[:m.start()])[-1]):
        return False
    before = text[max(0, m.start() - 160):m.start()]
    tail = _CLAUSE_END.split(before)[-1]
    if "đơn vị thành viên" in tail.lower():     # "đại diện 09 đơn vị thành viên … của các đơn vị gồm:"
        return True
    if _COUNTED_UNITS.search(tail) and _SIGNS.search(text):
        return True       # "7 đơn vị bao gồm: A, B, … đã thống nhất ký kết": the covenant's signatories
    words = tail.split()[-24:]
    return bool(_BLOC_WORD.search(" ".join(words)))


def _list_end(text: str, start: int, paren: bool) -> int:
    if paren:
        depth = 1
        for i in range(start, len(text)):
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth -= 1
                if depth == 0:
                    return i
        return len(text)
    m = re.search(r";\s+(?=[a-zđàáảãạăâèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ])", text[start:])
    return start + m.start() if m else len(text)


def _token_at(tokens: list[Token], offset: int) -> int:
    return next((i for i, t in enumerate(tokens) if t.start >= offset), len(tokens))


def _unit_list(s: Sentence, ctx: Context, start: int, end: int, after_shared: bool = False) -> list[str]:
    """The units listed from `start`; `after_shared`: the list went on past a shared-head part
    ("các sở Nội vụ, Tư pháp; Ban Dân tộc tỉnh, …"), so it may open with its separator."""
    if after_shared:
        start += separator_length(s.work, start)
    i0 = _token_at(s.tokens, start)
    i1 = _token_at(s.tokens, end)
    names, last_end = [], start
    for u in units_in(s.tokens, ctx, s.work, i0, i1):
        if names and u.name == names[-1]:     # "… đô thị (HUD)": the acronym just defined
            continue
        gap = _TITLE_TAG.sub(" ", _ASIDE.sub(" ", s.work[last_end:s.tokens[u.start].start]))
        if names and not _GAP.match(gap):
            # "Huyện ủy Ea H'leo, Krông Pắc, Krông Búk và Thị ủy Buôn Hồ"; "Vụ Pháp chế, Văn
            # phòng, Vụ Kế hoạch": places sharing the last head, or units named by a bare head
            places = places_sharing_head(names[-1], gap, ctx.jurisdiction) or _bare_heads(gap) \
                or _with_elided_head(names[-1], gap, whole=True)
            if not places:
                break
            names += places
        if not names and _BULLET.sub("", s.work[last_end:s.tokens[u.start].start]).strip(" :(-"):
            break
        names.append(u.name)
        last_end = s.tokens[u.end - 1].end
    if names:         # "… Sở Tư pháp Quảng Bình, Quảng Trị." : places after the last unit
        rest = _CLAUSE_END.split(s.work[last_end:end])[0]
        names += places_sharing_head(names[-1], rest, ctx.jurisdiction, whole=False) or \
            _with_elided_head(names[-1], rest, whole=False)
    return names


def _bare_heads(gap: str) -> list[str]:
    """The items of a stretch of a member list that units_in passed over when each is a unit
    named by its head word alone ("Văn phòng", "Thanh tra": the bloc's parent body is implied),
    else []."""
    items = [item for item in ITEM_SEPARATOR.split(gap.strip(" ,;")) if item]
    for item in items:
        tokens = tokenize(item)
        head = head_at(tokens, 0)
        if not head or len(head[0]) != len(tokens) or not tokens[0].is_cap:
            return []
    return items


def _with_elided_head(last: str, rest: str, whole: bool) -> list[str]:
    """"Trường THPT Lê Duẩn, THPT Bác Ái, THPT Nguyễn Du": items that repeat the last unit's
    second word leave out its first ("Trường"); their full names. With `whole`, `rest` must
    hold nothing but such items; otherwise those that open it count, each up to its last
    capitalised word."""
    words = last.split()
    if len(words) < 3 or not rest.lstrip().startswith((",", ";", "và")):
        return []
    names = []
    for item in ITEM_SEPARATOR.split(rest.strip(" ,;")):
        item_words = item.split()
        shared = 0          # "Trung học phổ thông" of "Trường Trung học phổ thông Lê Duẩn"
        while shared < min(len(item_words), len(words) - 2) and item_words[shared] == words[1 + shared]:
            shared += 1
        run = shared
        while run < len(item_words) and (item_words[run][0].isupper() or item_words[run][0].isdigit()):
            run += 1
        if not shared or run == shared or (whole and run < len(item_words)):
            return [] if whole else names
        names.append(f"{words[0]} {' '.join(item_words[:run])}")
        if run < len(item_words):
            break
    return names


def bullet_units(sentences: list[Sentence], s: Sentence, ctx: Context) -> list[str]:
    """The unit opening each bullet ("- A", "1. B") in the sentences after `s`."""
    names = []
    for nxt in sentences[s.index + 1:]:
        m = _BULLET.match(nxt.work)
        if not m:
            break
        i = _token_at(nxt.tokens, m.end())
        u = match_unit(nxt.tokens, i, ctx, nxt.work)
        if u:
            names.append(u.name)
    return names
