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
from thidua.loaders.extract.tokens import Token, tokenize
from thidua.loaders.extract.units import Context, agency_end, head_at, match_unit, units_in
from thidua.text import fold

TRIGGER = re.compile(
    # The lookahead on first letters lets the case-blind engine skip most positions fast.
    r"(?=[bgc\d])(?:"
    r"\b(?:bao gồm|gồm có|gồm)\b"
    r"|\bcó \d+ (?:đơn vị |cơ quan |địa phương )?thành viên\b"
    r"|\b\d+ (?:đơn vị|cơ quan|sở, ngành|địa phương|doanh nghiệp)(?: thành viên)? (?:của|trong) (?:khối|cụm)\b"
    r"|\b\d+ (?:đơn vị|cơ quan|địa phương|doanh nghiệp) thành viên\b"
    # "của các đơn vị trong khối: A, B, C": without a count, only when a colon opens the list
    r"|\bcác (?:đơn vị|cơ quan|địa phương|doanh nghiệp|sở, ngành)(?: thành viên)? (?:của|trong) (?:khối|cụm)(?: thi đua)?\s*:"
    # "đại diện lãnh đạo các doanh nghiệp thành viên: A, B, C"
    r"|\bcác (?:đơn vị|cơ quan|địa phương|doanh nghiệp|sở, ngành) thành viên\s*(?::|là|gồm))",
    re.IGNORECASE)
_FILLER = re.compile(r"^(?:\s*(?:các|\d+|đơn vị|cơ quan|địa phương|thành viên|sở, ngành|là|:))*\s*",
                     re.IGNORECASE)
_AREAS = r"(?P<area>tỉnh, thành phố|quận|huyện|tỉnh|thành phố|thị xã|xã|phường|thị trấn)"
# "các quận: Ba Đình, …", "6 quận: 1, 3 …", "các tỉnh Kon Tum, Gia Lai …"
_SHARED_AREA = re.compile(r"^(?:các\s+)?(?:\d+\s+)?" + _AREAS + r"\s*:?\s*(?=[A-ZĐÀ-Ỹ0-9])")
# "Sở Tư pháp 6 tỉnh: Thanh Hóa, …", "Liên đoàn Lao động 7 tỉnh, thành phố: Cần Thơ, …"
_SHARED_HEAD = re.compile(r"^(?P<head>[A-ZĐÀ-Ỹ][^\d:()]{1,40}?)\s+\d+\s+" + _AREAS + r"\b[^:()]{0,40}?:\s*")
# "Công an các tỉnh Cao Bằng, Lào Cai và Sơn La": a unit's head shared over places
_SHARED_PLACES = re.compile(r"^(?P<head>[A-ZĐÀ-Ỹ][^\d:(),;]{1,40}?)\s+các\s+" + _AREAS + r"\s*:?\s*(?=[A-ZĐÀ-Ỹ])")
# "các Trường THPT: Nguyễn Du, Trần Phú": a unit's head shared over the names after a colon
_SHARED_NAMED = re.compile(r"^(?:các\s+)?(?P<head>[A-ZĐÀ-Ỹ][^\d:(),;]{1,40}?)\s*:\s*(?=[A-ZĐÀ-Ỹ])")
_BULLET = re.compile(r"^\s*(?:[-•+*–]|\(?\d{1,2}[.)])\s*")
_GAP = re.compile(r"^[\s,;\-–+•*.]*(?:và)?[\s,;\-–+•*.]*(?:\(\d{1,2}\))?\s*$")
_BLOC_WORD = re.compile(r"\b(?:khối|cụm)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;.]")
_ASIDE = re.compile(r"\([^()]*\)")
# "Cục Thống kê tỉnh - đơn vị trưởng khối; Văn phòng …": a dashed title after a member (read
# as a head by leadership.py) is an aside too, not the end of the list.
_TITLE_TAG = re.compile(r"^\s*-\s*(?:là\s+)?(?:đơn vị\s+)?(?:(?:phó\s+)?(?:trưởng|phó)\s+(?:khối|cụm)|"
                        r"(?:khối|cụm)\s+(?:trưởng|phó))(?:\s+thi đua)?(?:\s+năm\s+\d{4})?", re.IGNORECASE)


# Every TRIGGER phrase holds one of these; substring tests are far cheaper than the search.
_LIST_WORDS = ("gồm", "thành viên", "của khối", "trong khối", "của cụm", "trong cụm")


def may_list(lower: str) -> bool:
    """Can TRIGGER match the lower-case sentence `lower`, said of a bloc? Sentences without a
    bloc word never count; with one, only those holding a word of a TRIGGER phrase (about half
    as many) are searched. Case-blind matching lets "i" and "s" match "ı" and "ſ", so a
    sentence holding those is searched too."""
    if "khối" not in lower and "cụm" not in lower and "gồm" not in lower and "thành viên" not in lower:
        return False
    return any(w in lower for w in _LIST_WORDS) or "ı" in lower or "ſ" in lower


def member_lists(sentences: list[Sentence], s: Sentence, ctx: Context) -> list[tuple[int, str]]:
    """(token index of the list, unit name) for the member lists in sentence s."""
    out: list[tuple[int, str]] = []
    for m in TRIGGER.finditer(s.work):
        if not _said_of_bloc(s.work, m):
            continue
        rest_start = m.end()
        paren = s.work[rest_start:].lstrip().startswith("(")
        body_start = rest_start + (s.work[rest_start:].index("(") + 1 if paren else 0)
        body_end = _list_end(s.work, body_start, paren)
        body = s.work[body_start:body_end]
        k = _token_at(s.tokens, m.start())
        shared = _shared_head(body)
        if shared:
            out += [(k, name) for name in shared]
            continue
        if _SHARED_HEAD.match(body.strip()) and s.work.rstrip().endswith(":"):
            out += [(k, name) for name in _bullets(sentences, s, ctx)]
            continue
        filler = _FILLER.match(body).end()
        kind_names, used = _shared_kind(body[filler:])
        found = kind_names + _unit_list(s, ctx, body_start + filler + used, body_end, after_shared=bool(kind_names))
        if found:
            out += [(k, name) for name in found]
        elif s.work.rstrip().endswith(":"):
            out += [(k, name) for name in _bullets(sentences, s, ctx)]
    return out


def _said_of_bloc(text: str, m: re.Match) -> bool:
    phrase = m.group().lower()
    if "thành viên" in phrase or "khối" in phrase or "cụm" in phrase:
        return True
    before = text[max(0, m.start() - 160):m.start()]
    tail = _CLAUSE_END.split(before)[-1]
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
        start += len(_SEPARATOR.match(s.work, start).group())
    i0 = _token_at(s.tokens, start)
    i1 = _token_at(s.tokens, end)
    names, last_end = [], start
    for u in units_in(s.tokens, ctx, s.work, i0, i1):
        if names and u.name == names[-1]:     # "… đô thị (HUD)": the acronym just defined
            continue
        gap = _TITLE_TAG.sub(" ", _ASIDE.sub(" ", s.work[last_end:s.tokens[u.start].start]))
        if names and not _GAP.match(gap):
            break
        if not names and _BULLET.sub("", s.work[last_end:s.tokens[u.start].start]).strip(" :(-"):
            break
        names.append(u.name)
        last_end = s.tokens[u.end - 1].end
    return names


# "các sở Nội vụ, Tài chính, Kế hoạch và Đầu tư": one lower-case head word shared by the items.
_SHARED_KIND = re.compile(r"(?P<head>sở|cục|ban|chi cục)\s+(?=[A-ZĐÀ-Ỹ])")
_SEPARATOR = re.compile(r"[\s,;]*(?:và\s+)?")
_ITEM_END = re.compile(r"\s*(?:[,;]\s*|\s+và\s+(?=[A-ZĐÀ-Ỹ])|$)")


def _shared_kind(body: str) -> tuple[list[str], int]:
    """The items of a list opened by a shared lower-case head word, each with the head
    ("sở Nội vụ, Tài chính" -> "Sở Nội vụ", "Sở Tài chính"), and how many characters of `body`
    they take: a part of the list after a semicolon names its units in full. An item is the
    longest standard name the head makes with it (lexicons/extract-agencies.txt: "Khoa học và
    công nghệ"), else its words up to the next comma, semicolon or "và"."""
    m = _SHARED_KIND.match(body)
    if not m:
        return [], 0
    head = m.group("head").capitalize()
    names, pos = [], m.end()
    while pos < len(body) and body[pos].isupper():
        end = pos + _agency_length(head, body[pos:])
        if end == pos:
            end = _ITEM_END.search(body, pos).start()
        names.append(f"{head} {body[pos:end].strip().rstrip('.:')}")
        sep = _ITEM_END.match(body, end)
        if not sep or not sep.group().strip() or ";" in sep.group():
            pos = end
            break
        pos = sep.end()
    return (names, pos) if len(names) >= 2 else ([], 0)


def _agency_length(head: str, rest: str) -> int:
    """Characters of `rest` that "{head} {rest}" takes as a standard name, or 0."""
    tokens = tokenize(f"{head} {rest[:120]}")
    end = agency_end(tokens, 0)
    return tokens[end - 1].end - len(head) - 1 if end else 0


def _shared_head(body: str) -> list[str]:
    """"các quận: Ba Đình, Đống Đa …" / "Sở Tư pháp 6 tỉnh: Thanh Hóa, …" / "Công an các tỉnh
    Cao Bằng, Lào Cai …" / "các Trường THPT: Nguyễn Du, Trần Phú …" -> full names."""
    body = body.strip()
    m = _SHARED_AREA.match(body) or _SHARED_HEAD.match(body) or _unit_headed(_SHARED_PLACES.match(body))
    area = m.group("area").lower() if m else None
    if not m:
        m = _unit_headed(_SHARED_NAMED.match(body))
        if not m:
            return []
    head = (m.groupdict().get("head") or "").strip()
    if not area and body.startswith(head.split()[0] + " ", m.end()):
        return []         # "các Sở: Sở Y tế, …": names written in full, an ordinary list
    # "Nghệ An (đơn vị Cụm trưởng), Quảng Trị, …": an aside after an item does not end the list
    items = re.split(r",\s*|\s+và\s+", _ASIDE.sub("", body[m.end():]))
    names = []
    for item in items:
        words = item.strip().split()
        run = []
        for w in words:
            if w[0].isupper() or w[0].isdigit():
                run.append(w.strip(".;)"))
            else:
                break
        if not run:
            break
        names.append(_with_area(head, area, " ".join(run)) if area else _with_head(head, " ".join(run)))
        if len(run) < len(words):
            break
    return names if len(names) >= 2 else []


def _unit_headed(m: re.Match | None) -> re.Match | None:
    """`m` when its shared head begins with a unit's head word ("Công an", "Trường"), else None."""
    if m is None:
        return None
    return m if head_at(tokenize(m.group("head")), 0) else None


def _with_head(head: str, item: str) -> str:
    """"Trường Trung học phổ thông" + "Nguyễn Du" (and + "Trường Chinh", a school named after a
    person); an item that repeats the whole head stays as it is."""
    return item if item.startswith(head + " ") else f"{head} {item}"


def _with_area(head: str, area: str, place: str) -> str:
    if area == "tỉnh, thành phố":
        full = lexicon.provinces().get(fold(place), "tỉnh " + place)
    elif area == "quận" and place[0].isdigit():
        full = "Quận " + place
    else:
        full = f"{area} {place}"
    return f"{head} {full}".strip()


def _bullets(sentences: list[Sentence], s: Sentence, ctx: Context) -> list[str]:
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
