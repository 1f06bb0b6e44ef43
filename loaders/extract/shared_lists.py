"""Lists whose items share one head word, written once: each item is given its full name.

Member lists and award recipients are often written so: "các sở Nội vụ, Tài chính" (a
lower-case head, items that are standard agency names), "các quận: Ba Đình, Đống Đa",
"Sở Tư pháp 6 tỉnh: Thanh Hóa, Nghệ An", "Công an các tỉnh Cao Bằng, Lào Cai", "các Trường
THPT: Nguyễn Du, Trần Phú"; the head and level may stand before "gồm" ("Công an 8 tỉnh trong
Cụm gồm: A, B"), and bare places may follow a unit named for one ("Huyện ủy Ea H'leo, Krông
Pắc"). Bare district names are checked against the gazetteer (lexicons/districts.tsv), never
guessed. membership.py and awards.py both read these lists through this module.
"""
from __future__ import annotations

import re

from thidua.loaders.extract import lexicon
from thidua.loaders.extract.tokens import tokenize
from thidua.loaders.extract.units import Context, agency_end, head_at, is_stop, units_in
from thidua.text import fold

_AREAS = r"(?P<area>tỉnh, thành phố|quận|huyện|tỉnh|thành phố|thị xã|xã|phường|thị trấn)"
# "các quận: Ba Đình, …", "6 quận: 1, 3 …", "các tỉnh Kon Tum, Gia Lai …"
_SHARED_AREA = re.compile(r"^(?:các\s+)?(?:\d+\s+)?" + _AREAS + r"\s*:?\s*(?=[A-ZĐÀ-Ỹ0-9])")
# "Sở Tư pháp 6 tỉnh: Thanh Hóa, …", "Liên đoàn Lao động 7 tỉnh, thành phố: Cần Thơ, …"
_SHARED_HEAD = re.compile(r"^(?P<head>[A-ZĐÀ-Ỹ][^\d:()]{1,40}?)\s+\d+\s+" + _AREAS + r"\b[^:()]{0,40}?:\s*")
# "Công an các tỉnh Cao Bằng, Lào Cai và Sơn La": a unit's head shared over places
_SHARED_PLACES = re.compile(r"^(?P<head>[A-ZĐÀ-Ỹ][^\d:(),;]{1,40}?)\s+các\s+" + _AREAS + r"\s*:?\s*(?=[A-ZĐÀ-Ỹ])")
# "Công an 8 tỉnh trong Cụm Thi đua gồm:", "7 xã gồm:": the head and level before the list
_PLACES_BEFORE = re.compile(r"(?:(?P<head>[A-ZĐÀ-Ỹ][^\d:();]{1,60}?)\s+)?(?:\d+|các)\s+" + _AREAS +
                            # "12 phường thành viên trong cụm, gồm: …"
                            r"(?:\s+thành\s+viên)?"
                            # "… trong Cụm thi đua số 2 – Bộ Công an gồm: …": the bloc's number and sector
                            r"(?:\s+(?:trong|thuộc|của)\s+(?:cụm|khối)(?:\s+thi\s+đua)?(?:\s+(?:số\s+)?[\dIVXL]+)?"
                            r"(?:\s*[-–]\s*[A-ZĐ][^\d:;()]{1,40}?)?"
                            # "… các tỉnh trung du miền núi phía Bắc gồm: …": a region after the level
                            r"|\s+(?:trung du|miền núi|duyên hải|đồng bằng|khu vực|phía|vùng)[^\d:();,]{0,40})?"
                            r"\s*,?\s*$", re.IGNORECASE)
# "các Trường THPT: Nguyễn Du, Trần Phú": a unit's head shared over the names after a colon
_SHARED_NAMED = re.compile(r"^(?:các\s+)?(?P<head>[A-ZĐÀ-Ỹ][^\d:(),;]{1,40}?)\s*:\s*(?=[A-ZĐÀ-Ỹ])")
_ASIDE = re.compile(r"\([^()]*\)")
_AREA_AGAIN = re.compile(r"^(?:thành phố|tỉnh)\s+(?=[A-ZĐÀ-Ỹ])", re.IGNORECASE)


# "các sở Nội vụ, Tài chính, Kế hoạch và Đầu tư": one lower-case head word shared by the items.
_SHARED_KIND = re.compile(r"(?P<head>sở|cục|ban|chi cục)\s+(?=[A-ZĐÀ-Ỹ])")
_SEPARATOR = re.compile(r"[\s,;]*(?:và\s+)?")
_ITEM_END = re.compile(r"\s*(?:[,;]\s*|\s+và\s+(?=[A-ZĐÀ-Ỹ])|$)")


def names_sharing_kind(body: str) -> tuple[list[str], int]:
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


# "09 Sở, ngành thuộc Khối thi đua, gồm: Giáo dục và Đào tạo, Y tế, Đài Phát thanh …", "gồm các
# sở: Y tế, Ngoại vụ": departments named by their field alone, the kind said before the list
_DEPARTMENTS_BEFORE = re.compile(r"\b(?:\d+|các)\s+[Ss]ở(?:\s*,\s*ngành)?\b[^:;.()]{0,50}$")
_FIELD_BEFORE = re.compile(r"\bcác\s+sở\s+([A-ZĐÀ-Ỹ][^:;()]{1,50}?)\s+(?:thuộc|trong|của)\b")
_DEPARTMENTS_OPENING = re.compile(r"^[\s:]*các\s+sở\s*:\s*")


def departments_by_field(before: str, body: str, ctx: Context) -> list[str]:
    """The items of such a list: "Sở " and a standard field (lexicons/extract-agencies.txt), or a
    unit written in full ("Đài Phát thanh và Truyền hình tỉnh"); up to the first that is neither."""
    opening = _DEPARTMENTS_OPENING.match(body)
    if opening:
        body = body[opening.end():]
    elif _DEPARTMENTS_BEFORE.search(before):
        body = body.lstrip(" :")
    else:
        return []
    if body.startswith("Sở "):
        return []         # "gồm: Sở Giao thông vận tải, …": names in full, an ordinary list
    first = _capitalised_run(re.split(r",\s*|\s+và\s+", body, maxsplit=1)[0].split())
    if first and fold(" ".join(first)) in lexicon.provinces():
        # "lãnh đạo các sở VH-TT&DL thuộc Cụm gồm: Bình Dương, …": one department in each province
        named = _FIELD_BEFORE.search(before)
        return _items_named(f"Sở {named.group(1)}", "tỉnh, thành phố", body) if named else []
    names, pos = [], 0
    while pos < len(body) and body[pos].isupper():
        field = _agency_length("Sở", body[pos:])
        if field:
            names.append(f"Sở {body[pos:pos + field]}")
            end = pos + field
        else:
            tokens = tokenize(body[pos:pos + 160])
            found = units_in(tokens, ctx, body[pos:pos + 160])
            if found and found[0].start == 0:
                names.append(found[0].name)
                end = pos + tokens[found[0].end - 1].end
            else:       # a short field the lexicon lacks ("Y tế", "Ngoại vụ"), up to a verb
                words = _field_words(tokens)
                if not words:
                    break
                names.append(f"Sở {body[pos:pos + tokens[words - 1].end]}")
                end = pos + tokens[words - 1].end
        sep = _ITEM_END.match(body, end)
        if not sep or not sep.group().strip() or ";" in sep.group():
            break
        pos = sep.end()
    return names if len(names) >= 2 else []


def _field_words(tokens) -> int:
    """Tokens of a short field name at the start (1-4 words, the first capitalised, up to a
    separator or a verb), or 0."""
    n = 0
    while n < len(tokens) and tokens[n].is_word and not is_stop(tokens, n) and tokens[n].lower != "và":
        n += 1
    return n if 0 < n <= 4 and tokens[0].is_cap else 0


def _agency_length(head: str, rest: str) -> int:
    """Characters of `rest` that "{head} {rest}" takes as a standard name, or 0."""
    tokens = tokenize(f"{head} {rest[:120]}")
    end = agency_end(tokens, 0)
    return tokens[end - 1].end - len(head) - 1 if end else 0


def opens_counted_areas(body: str) -> bool:
    """Does `body` open with a head over counted places ("Sở Tư pháp 6 tỉnh: …")?"""
    return bool(_SHARED_HEAD.match(body.strip()))


def separator_length(text: str, start: int) -> int:
    """Characters of the separator (", ", "; và ") at `start`."""
    return len(_SEPARATOR.match(text, start).group())


# "bao gồm các địa phương: Đức Trọng, Di Linh …": places named bare, without their level
_PLACES_OPENING = re.compile(r"^(?:các\s+)?(?:\d+\s+)?địa phương\s*:\s*")
_AREA_WRITTEN = re.compile(r"^(?:huyện|quận|thị xã|thành phố)\s+", re.IGNORECASE)


def districts_listed(body: str, jurisdiction: str | None) -> list[str]:
    """"các địa phương: Đức Trọng, Đà Lạt" in tỉnh Lâm Đồng -> "huyện Đức Trọng", "thành phố
    Đà Lạt" (lexicons/districts.tsv); the list ends at a name that is no district there."""
    body = body.strip().lstrip(":").lstrip()
    m = _PLACES_OPENING.match(body)
    if not jurisdiction:
        return []
    names = []
    for item in re.split(r",\s*|\s+và\s+", body[m.end() if m else 0:]):
        words = item.split()
        written = _AREA_WRITTEN.match(item)      # "… Hữu Lũng và thành phố Lạng Sơn"
        run = _capitalised_run(words[len(written.group().split()):] if written else words)
        place = " ".join(run)
        full = lexicon.district_of(place, jurisdiction) if run else None
        if written and full:
            full = f"{written.group().strip().lower()} {place}"
        if not full:
            break
        names.append(full)
        if len(run) + (len(written.group().split()) if written else 0) < len(words):
            break
    return names if len(names) >= 2 and (m or len(names) >= 3) else []


def _capitalised_run(words: list[str]) -> list[str]:
    run = []
    for w in words:
        if not (w[0].isupper() or w[0].isdigit()):
            break
        run.append(w.strip(".;)"))
    return run


# Between the items of a list: a comma, a semicolon or "và"
ITEM_SEPARATOR = re.compile(r"\s*(?:,|;|\bvà\b)\s*")
_OPENS_WITH_SEPARATOR = re.compile(r"^\s*(?:,|\bvà\b)")


def places_sharing_head(unit: str, rest: str, jurisdiction: str | None, whole: bool = True) -> list[str]:
    """"Huyện ủy Ea H'leo" + ", Krông Pắc, Krông Búk và " -> "Huyện ủy Krông Pắc", "Huyện ủy
    Krông Búk": bare places after a unit named for a place of the same kind (a district of
    the article's province, or a province) are units of the same head. With `whole`, `rest`
    must hold nothing but such places and separators; otherwise the places that open it
    count, up to the first word that is not one."""
    names, _ = places_after(unit, rest, jurisdiction, whole)
    return names


def places_after(unit: str, rest: str, jurisdiction: str | None, whole: bool) -> tuple[list[str], int]:
    """places_sharing_head, and how many characters of `rest` the places take."""
    head = _head_before_place(unit, jurisdiction) if _OPENS_WITH_SEPARATOR.match(rest) else None
    if head is None:
        return [], 0
    level, stem = head
    out, used, pos = [], 0, 0
    for sep in ITEM_SEPARATOR.finditer(rest):
        item = rest[pos:sep.start()]
        pos = sep.end()
        if not item:
            continue
        words = item.split()
        run = _capitalised_run(words)
        if not run or not _is_place(" ".join(run), level, jurisdiction):
            return ([], 0) if whole else (out, used)
        out.append(f"{stem} {' '.join(run)}")
        used = sep.start() - len(item) + len(" ".join(run))
        if len(run) < len(words):
            return ([], 0) if whole else (out, used)
    tail = rest[pos:]
    if tail.strip():
        words = tail.split()
        run = _capitalised_run(words)
        if not run or not _is_place(" ".join(run), level, jurisdiction) or (whole and len(run) < len(words)):
            return ([], 0) if whole else (out, used)
        out.append(f"{stem} {' '.join(run)}")
        used = pos + len(tail) - len(tail.lstrip()) + len(" ".join(run))
    return out, used


def _head_before_place(unit: str, jurisdiction: str | None) -> tuple[str, str] | None:
    """("district" | "province", the unit's words before its place) when `unit` ends in a
    district of `jurisdiction` or in a province; else None."""
    words = unit.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        place = " ".join(words[-n:])
        if lexicon.district_of(place, jurisdiction):
            return "district", " ".join(words[:-n])
        if fold(place) in lexicon.provinces():
            return "province", " ".join(words[:-n])
    return None


def _is_place(name: str, level: str, jurisdiction: str | None) -> bool:
    if level == "district":
        return lexicon.district_of(name, jurisdiction) is not None
    return fold(name) in lexicon.provinces()


def names_sharing_head(body: str) -> list[str]:
    """"các quận: Ba Đình, Đống Đa …" / "Sở Tư pháp 6 tỉnh: Thanh Hóa, …" / "Công an các tỉnh
    Cao Bằng, Lào Cai …" / "các Trường THPT: Nguyễn Du, Trần Phú …" -> full names."""
    body = body.strip().lstrip(":").lstrip()       # "Cụm gồm: VKSND các tỉnh: …"
    m = _SHARED_AREA.match(body) or _SHARED_HEAD.match(body) or _unit_headed(_SHARED_PLACES.match(body))
    area = m.group("area").lower() if m else None
    if not m:
        m = _unit_headed(_SHARED_NAMED.match(body))
        if not m:
            return []
    head = (m.groupdict().get("head") or "").strip()
    if not area and body.startswith(head.split()[0] + " ", m.end()):
        return []         # "các Sở: Sở Y tế, …": names written in full, an ordinary list
    return _items_named(head, area, body[m.end():])


def places_named_before(before: str, body: str) -> list[str]:
    """"lãnh đạo Công an 8 tỉnh trong Cụm Thi đua gồm: Nam Định, Hà Nam" / "7 xã gồm: Mỹ
    Thạnh, Phước Long": the head and the level said before "gồm", the places after it."""
    m = _PLACES_BEFORE.search(before)
    if not m:
        return []
    return _items_named(_unit_head_in(m.group("head") or ""), m.group("area").lower(), body.strip().lstrip(":"))


# "lãnh đạo Công an 6 tỉnh Kon Tum, Gia Lai, …": a unit's head over a count of places, named right after
# ("… 6 quận trong cụm (quận Long Biên, Hai Bà Trưng, …)", "… 06 tỉnh biên giới phía Bắc: Lai Châu, …")
_COUNTED_PLACES = re.compile(r"(?P<head>[A-ZĐÀ-Ỹ][^\d:();,.]{1,40}?)\s+(?P<count>\d{1,2})\s+" + _AREAS +
                             r"(?:\s+(?:trong|thuộc|của)\s+(?:cụm|khối)(?:\s+thi\s+đua)?\s*\(|\s+[a-zđà-ỹ][^\d:;()]{0,40}?:)?"
                             r"\s*(?=[A-ZĐÀ-Ỹ]|(?:quận|huyện|xã|phường|thị xã)\s)")


def counted_places(text: str) -> list[str]:
    """The units of "Công an 6 tỉnh Kon Tum, Gia Lai, …" (attendees said without "gồm"), only when
    as many places are named as the count says: the count is what tells a list of the bloc's
    members from places that merely follow a unit."""
    out = []
    for m in _COUNTED_PLACES.finditer(text):
        head = _unit_head_in(m.group("head"))
        if not head:
            continue
        rest = re.split(r"[;.:()]", text[m.end():], maxsplit=1)[0]
        names = _items_named(head, m.group("area").lower(), rest)
        if len(names) == int(m.group("count")):
            out += names
    return out


def _unit_head_in(words: str) -> str:
    """The unit named at the end of `words` ("lãnh đạo Công an" -> "Công an", "lãnh đạo Sở Văn
    hóa, Thể thao và Du lịch" -> that Sở), or "" (the places are the members themselves:
    "Chủ tịch 7 xã gồm: …")."""
    tokens = tokenize(words)
    found = units_in(tokens, Context(article_text=words), words)
    last = found[-1] if found else None
    return last.name if last and last.end == len(tokens) else ""


def _items_named(head: str, area: str | None, rest: str) -> list[str]:
    """The full names of the items of `rest`, each under `head` (and `area`), up to the first
    item that is not a bare name; [] for fewer than two."""
    # "Nghệ An (đơn vị Cụm trưởng), Quảng Trị, …": an aside after an item does not end the list
    items = re.split(r",\s*|\s+và\s+", _ASIDE.sub("", rest))
    names = []
    for item in items:
        item_area = area
        if area:      # "Công an 5 thành phố: Hà Nội, Thành phố Hồ Chí Minh, …": the level written again
            item = _AREA_AGAIN.sub("", item.strip())
            switch = _AREA_SWITCH.match(item) if area in _DISTRICT_LEVELS else None
            if switch:        # "VKSND các huyện Tuy An, Sơn Hòa và thị xã Sông Cầu": another level
                item_area, item = switch.group(1).lower(), item[switch.end():]
        words = item.strip().split()
        run = _capitalised_run(words)
        if not run or (area and head_at(tokenize(item.strip()), 0)):
            break      # "huyện Nghĩa Hòa và UBND huyện Hải Kim": a unit in full ends the places
        names.append(_with_area(head, item_area, " ".join(run)) if area else _with_head(head, " ".join(run)))
        if len(run) < len(words):
            break
    return names if len(names) >= 2 else []


_DISTRICT_LEVELS = ("quận", "huyện", "thị xã", "xã", "phường", "thị trấn")
_AREA_SWITCH = re.compile(r"^((?i:quận|huyện|thị xã|thành phố|thị trấn|xã|phường))\s+(?=[A-ZĐÀ-Ỹ0-9])")


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
    if area in ("tỉnh, thành phố", "tỉnh"):       # "02 tỉnh …: Quảng Ninh, Hải Phòng": each at its own level
        full = lexicon.provinces().get(fold(place), "tỉnh " + place)
    elif area == "quận" and place[0].isdigit():
        full = "Quận " + place
    else:
        full = f"{area} {place}"
    return f"{head} {full}".strip()
