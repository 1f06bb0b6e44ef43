"""Units: bodies, local governments, mass organisations and enterprises named in a sentence.

A unit is a head word from a lexicon ("Sở", "Cục", "Ủy ban nhân dân", "huyện", "Công ty" …)
followed by the words of its name, which run until a verb, a title, an award or punctuation
(names of standard bodies that contain "và" or commas come from a lexicon of their own).
A bare "thành phố" / "tỉnh" at the end of a name is resolved to the article's jurisdiction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections import Counter
from functools import lru_cache

from thidua.loaders.extract import lexicon
from thidua.loaders.extract.tokens import Token, words_at
from thidua.text import fold

AREA_WORDS = ("thành phố", "tỉnh", "quận", "huyện", "thị xã", "phường", "xã", "thị trấn")
_PROVINCE_LEVEL = ("thành phố", "tỉnh")
# Heads that name nothing on their own: they need at least one more word ("Sở Y tế").
_NEEDS_TAIL = {"Sở", "Cục", "Chi cục", "Tổng cục", "Ban", "Phòng", "Vụ", "Bộ", "Viện", "Hội",
               "Báo", "Trường", "Văn phòng", "Trung tâm", "Công ty", "Tổng Công ty",
               "Tổng công ty", "Ngân hàng", "Tập đoàn", "Liên hiệp", "Đài Phát thanh",
               "Bệnh viện", "Học viện", "Đại học", "Hợp tác xã", "Cảng vụ", "Bộ Chỉ huy"}


@dataclass
class Context:
    """What the recognisers know about the article being read."""
    jurisdiction: str | None = None                 # "thành phố Hải Phòng"
    acronyms: dict[str, str] = field(default_factory=dict)   # "SAMCO" -> full unit name
    bloc_acronyms: dict[str, str] = field(default_factory=dict)
    places: list[tuple[int, str]] | None = None     # provinces named in the sentence, on demand
    sentence_tokens: object = None                  # () -> the tokens of the sentence being read
    person_orgs: dict[str, str] = field(default_factory=dict)    # person -> last organisation
    unit_cache: dict = field(default_factory=dict)   # (sentence tokens, index) -> Unit | None
    article_text: str = ""                          # for the district a bare "huyện" refers to
    districts: dict = field(default_factory=dict)    # level word -> the district named most


@dataclass(slots=True)
class Unit:
    start: int          # token indexes [start, end)
    end: int
    name: str           # expanded, place resolved
    kind: str
    generic: bool = False


# -- token tests -------------------------------------------------------------------------
# Each lexicon is indexed by its entries' first word, so a test at a token looks at the few
# entries that can start there, and compares only their other words (_entry_at).
def _with_rest(table: dict[str, tuple]) -> dict[str, tuple]:
    """A by_first_word table as first word -> ((entry, its other words), ...) in the same order.
    The first word is the key already, so a test compares only the others; an entry whose
    first word is not its key as written could never match and is left out."""
    return {key: tuple((entry, entry[0][1:]) for entry in entries if entry[0][0] == key)
            for key, entries in table.items()}


@lru_cache(maxsize=1)
def _stops() -> dict[str, tuple]:
    return _with_rest(lexicon.by_first_word((p,) for p in lexicon.stop_phrases()))


@lru_cache(maxsize=1)
def _roles() -> dict[str, tuple]:
    return lexicon.by_first_word(lexicon.roles())


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple]:
    return _with_rest(lexicon.by_first_word(lexicon.leadership_cues()))


@lru_cache(maxsize=1)
def _awards() -> dict[str, tuple]:
    return _with_rest(lexicon.by_first_word(lexicon.award_openers()))


@lru_cache(maxsize=1)
def _honorifics() -> dict[str, tuple]:
    return _with_rest(lexicon.by_first_word(((tuple(h.split()),) for h in lexicon.honorifics()),
                                            lower=False))


@lru_cache(maxsize=1)
def _heads() -> dict[str, tuple]:
    """Head words by their first word as written; the others compare in lower case, since
    portals write "Liên minh hợp tác xã" and "Ủy Ban nhân dân" as often as the lexicon's case."""
    table = _with_rest(lexicon.by_first_word(lexicon.unit_heads(), lower=False))
    return {key: tuple((entry, tuple(w.lower() for w in rest)) for entry, rest in entries)
            for key, entries in table.items()}


@lru_cache(maxsize=1)
def _areas() -> dict[str, tuple]:
    return _with_rest(lexicon.by_first_word((tuple(w.split()), w) for w in AREA_WORDS))


@lru_cache(maxsize=1)
def _agencies() -> dict[str, tuple]:
    return _with_rest(lexicon.by_first_word((a,) for a in lexicon.agencies()))


def _entry_at(table: dict[str, tuple], tokens: list[Token], k: int, key: str, lower: bool):
    """The first entry of a _with_rest table whose words start at token k (whose key is
    `key`, its text or lower case), comparing lower case or as written; or None."""
    n = len(tokens)
    for entry, rest in table.get(key, ()):
        j = k + 1
        if j + len(rest) > n:
            continue
        for w in rest:
            if (tokens[j].lower if lower else tokens[j].text) != w:
                break
            j += 1
        else:
            return entry
    return None


def cue_first_words() -> dict[str, tuple]:
    """Lower-case first words of the bloc-role titles (a scan skips every other token)."""
    return _cues()


def award_first_words() -> dict[str, tuple]:
    """Lower-case first words of the award openers."""
    return _awards()


def is_stop(tokens: list[Token], k: int) -> bool:
    if k >= len(tokens) or tokens[k].is_cap:
        return False
    return _entry_at(_stops(), tokens, k, tokens[k].lower, True) is not None


@lru_cache(maxsize=1)
def _roles_by_first_word() -> dict[str, tuple]:
    """First word (lower case) -> (entry, its other words in lower case), longest first: the
    words are lower-cased once here, not at every test."""
    return {first: tuple((entry, tuple(w.lower() for w in entry[0][1:])) for entry in entries)
            for first, entries in _roles().items()}


def role_at(tokens: list[Token], k: int):
    """The title of the roles lexicon at k (its first letter's case free, the other words
    matched in lower case), or None."""
    n = len(tokens)
    if k >= n or not tokens[k].is_cap:
        return None
    for entry, rest in _roles_by_first_word().get(tokens[k].lower, ()):
        if k + 1 + len(rest) > n:
            continue
        j = k + 1
        for w in rest:
            if tokens[j].lower != w:
                break
            j += 1
        else:
            return entry
    return None


def cue_at(tokens: list[Token], k: int):
    if k >= len(tokens):
        return None
    return _entry_at(_cues(), tokens, k, tokens[k].lower, True)


def award_at(tokens: list[Token], k: int):
    if k >= len(tokens):
        return None
    return _entry_at(_awards(), tokens, k, tokens[k].lower, True)


@lru_cache(maxsize=1)
def person_starts() -> tuple[frozenset[str], frozenset[str]]:
    """The quick test before the person recognisers, run on every token: only an honorific,
    a title or a family name starts a person. (Honorifics and family names as written, first
    words of titles in lower case.)"""
    return frozenset(_honorifics()) | lexicon.surnames(), frozenset(_roles())


def honorific_at(tokens: list[Token], k: int) -> int:
    """Number of tokens of an honorific ("ông", "Thượng tá") starting at k, or 0."""
    if k >= len(tokens):
        return 0
    entry = _entry_at(_honorifics(), tokens, k, tokens[k].text, False)
    if entry is None:
        return 0
    words = entry[0]
    n = len(words)
    # "TS. Nguyễn Văn A": an academic abbreviation keeps its full stop
    if len(words) == 1 and words[0][-1].isupper() and k + n + 1 < len(tokens) \
            and tokens[k + n].text == "." and tokens[k + n + 1].is_cap:
        n += 1
    return n


def head_at(tokens: list[Token], k: int):
    if k >= len(tokens):
        return None
    return _entry_at(_heads(), tokens, k, tokens[k].text, True)


def area_at(tokens: list[Token], k: int) -> str | None:
    if k >= len(tokens):
        return None
    entry = _entry_at(_areas(), tokens, k, tokens[k].lower, True)
    return entry[1] if entry else None


def is_surname(token: Token) -> bool:
    return token.text in lexicon.surnames()


def person_run(tokens: list[Token], k: int) -> int:
    """End of a person name (2-4 capitalised words from a family name) at k, or k."""
    if k >= len(tokens) or not is_surname(tokens[k]):
        return k
    j = k
    while j < len(tokens) and j - k < 5 and tokens[j].is_word and tokens[j].text[0].isupper() \
            and not role_at(tokens, j):
        j += 1
    return j if 2 <= j - k <= 4 else k


def province_at(tokens: list[Token], k: int) -> tuple[int, str] | None:
    """A province or centrally-governed city name at k: (end, full name)."""
    table = lexicon.provinces()
    if k >= len(tokens) or not tokens[k].text[0].isupper():
        return None
    # Folding works letter by letter, so a name's folded first word is its first token's:
    # most capitalised words start no province name, and need no joining and folding.
    if _fold(tokens[k].text).split(" ", 1)[0] not in _province_first_words():
        return None
    for n in (5, 4, 3, 2, 1):      # "Bà Rịa - Vũng Tàu" is five tokens
        if k + n > len(tokens):
            continue
        words = [t.text for t in tokens[k:k + n]]
        if not all(w[0].isupper() or w == "-" for w in words):
            continue
        full = table.get(_fold(" ".join(words)))
        if full and not _misspelt_within_name(tokens, k + n, " ".join(words), full):
            return k + n, full
    return None


_LEVEL = re.compile(r"^(?:tỉnh|thành phố)\s+")


def _misspelt_within_name(tokens: list[Token], end: int, written: str, full: str) -> bool:
    """Folding forgives a province's misspelt accents ("Lâm Đông"), but not inside a longer name:
    "Trường Cao đẳng Nông Lâm Đông Bắc" goes on with a capitalised word."""
    return written.strip(" -") != _LEVEL.sub("", full) and end < len(tokens) and tokens[end].is_word \
        and tokens[end].text[0].isupper()


@lru_cache(maxsize=1)
def _province_first_words() -> frozenset[str]:
    return frozenset(key.split(" ", 1)[0] for key in lexicon.provinces())


# -- places ------------------------------------------------------------------------------
def place_end(tokens: list[Token], k: int, area: str) -> int:
    """End of the place name after an area word; k when the area word stands bare."""
    if k >= len(tokens):
        return k
    if tokens[k].text[0].isdigit():
        return k + 1
    prov = province_at(tokens, k)
    if area in _PROVINCE_LEVEL:
        if prov:
            return prov[0]
        if person_run(tokens, k) > k:
            return k
    end = _place_run(tokens, k)
    if end - k >= 4:   # "Hoàng Mai Nguyễn Quang Hiếu": the place, then a person's name
        for length in (3, 2, 4):
            s = end - length
            if s > k and is_surname(tokens[s]):
                return s
    return end


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return fold(text)


def _place_run(tokens: list[Token], k: int) -> int:
    j = k
    while j < len(tokens):
        t = tokens[j]
        if t.is_word and t.text[0].isupper() and not role_at(tokens, j) and not cue_at(tokens, j):
            j += 1
        elif t.text == "-" and j > k and j + 1 < len(tokens) and tokens[j + 1].is_word \
                and tokens[j + 1].text[0].isupper() and not role_at(tokens, j + 1):
            j += 1
        else:
            break
    return j


# -- units -------------------------------------------------------------------------------
_NOT_READ = object()      # unit_cache: no answer yet (None is an answer: no unit there)


def match_unit(tokens: list[Token], i: int, ctx: Context, text: str) -> Unit | None:
    """The unit named at token i of `text` (a sentence's working text), or None."""
    if i >= len(tokens) or not tokens[i].is_word:
        return None
    key = (id(tokens), i)
    unit = ctx.unit_cache.get(key, _NOT_READ)
    if unit is _NOT_READ:
        unit = ctx.unit_cache[key] = _match_unit(tokens, i, ctx, text)
    return unit


def _match_unit(tokens: list[Token], i: int, ctx: Context, text: str) -> Unit | None:
    t = tokens[i]
    if t.text in ctx.acronyms:
        return Unit(i, i + 1, ctx.acronyms[t.text], "enterprise")
    agency = _agency_at(tokens, i)
    head = head_at(tokens, i) or _lower_case_head_at(tokens, i)
    if agency is None and head is None:
        return None
    if agency is None and role_at(tokens, i):
        return None       # "Viện trưởng Viện kiểm sát …", "Bộ trưởng Bộ …": a title, then the unit
    if agency is None and _names_no_unit(tokens, i):
        return None
    if agency is None and i > 0 and tokens[i - 1].lower in _SCHOOL_LEVELS and _historical_name_length(tokens, i):
        return None       # "Trung học phổ thông Trường Chinh": a school's namesake, not "Trường …"
    if head and head[1] == "area" and agency is None:
        return _area_unit(tokens, i, head[0], ctx, text)
    start_tail = agency if agency is not None else i + len(head[0])
    kind = head[1] if head else "agency"
    end, generic = _tail_end(tokens, start_tail, ctx)
    if agency is None and end == start_tail and " ".join(head[0]) in _NEEDS_TAIL:
        return None
    end = _as_defined(tokens, i, end, ctx, text)
    place = _place_after_acronym(tokens, end)
    if place:           # "Hội Cựu chiến binh (CCB) tỉnh": the acronym's aside, then the place
        end, generic = place
    name = _ACRONYM_ASIDE.sub("", _name(text, tokens, i, end, ctx))
    return Unit(i, end, name[0].upper() + name[1:], kind, generic)


_ACRONYM_WORD = re.compile(r"^[A-ZĐ][A-ZĐ0-9&]{1,9}$")
_ACRONYM_ASIDE = re.compile(r"\s*\([A-ZĐ][A-ZĐ0-9&]{1,9}\)")


def _place_after_acronym(tokens: list[Token], end: int) -> tuple[int, bool] | None:
    """(end, generic) of "(CCB) tỉnh" or "(HND) huyện Tuy An" after a name, or None."""
    k = end + 3
    if k >= len(tokens) or tokens[end].text != "(" or tokens[end + 2].text != ")" \
            or not _ACRONYM_WORD.match(tokens[end + 1].text):
        return None
    area = area_at(tokens, k)
    if not area:
        return None
    j = k + len(area.split())
    stop = place_end(tokens, j, area)
    if stop > j:
        return stop, False
    return (j, True) if area in _PROVINCE_LEVEL else None


def _lower_case_head_at(tokens: list[Token], i: int):
    """"sở Nội vụ" after a list separator or "bầu": a unit head written in lower case, or None."""
    t = tokens[i]
    if not t.text.islower() or t.text not in _lower_case_first_words():
        return None
    heads, openers = lexicon.lower_case_heads()
    if i > 0 and tokens[i - 1].text not in openers and tokens[i - 1].lower not in openers:
        return None
    head = _entry_at(_heads(), tokens, i, t.text.capitalize(), True)
    if not head or tuple(w.lower() for w in head[0]) not in heads:
        return None
    after = i + len(head[0])
    return head if after < len(tokens) and tokens[after].is_cap else None


@lru_cache(maxsize=1)
def _lower_case_first_words() -> frozenset[str]:
    return frozenset(words[0] for words in lexicon.lower_case_heads()[0])


def _names_no_unit(tokens: list[Token], i: int) -> bool:
    """"Hội nghị", "Hội thảo": a head word's opening that names an event or a place."""
    return any(tuple(t.lower for t in tokens[i:i + len(words)]) == words
               for words in lexicon.not_units().get(tokens[i].lower, ()))


def _as_defined(tokens: list[Token], i: int, end: int, ctx: Context, text: str) -> int:
    """A name cut at "và" that the article defines in full with an acronym elsewhere
    ("Tổng công ty Đầu tư phát triển nhà và đô thị (HUD)") runs on to its full length."""
    if end >= len(tokens) or tokens[end].text != "và" or not ctx.acronyms:
        return end
    start = tokens[i].start
    for full in ctx.acronyms.values():
        if not text.startswith(full, start):
            continue
        stop = start + len(full)
        k = next((k for k in range(end, len(tokens)) if tokens[k].end >= stop), None)
        if k is not None and tokens[k].end == stop:
            return k + 1
    return end


def agency_end(tokens: list[Token], i: int) -> int | None:
    """The end of the standard body's name at i (lexicons/extract-agencies.txt), or None."""
    return _agency_at(tokens, i)


def _agency_at(tokens: list[Token], i: int, any_case: bool = False) -> int | None:
    if not any_case and not tokens[i].text[0].isupper():
        return None
    entry = _entry_at(_agencies(), tokens, i, tokens[i].lower, True)
    return i + len(entry[0]) if entry else None


def field_end(tokens: list[Token], i: int) -> int | None:
    """The end of a standard body's field at i ("Văn hóa, Thể thao và Du lịch" of "Sở Văn hóa,
    …"), as a bloc's, sector's or ministry's name carries it; or None."""
    if not tokens[i].text[0].isupper():
        return None
    entry = _entry_at(_fields(), tokens, i, tokens[i].lower, True)
    return i + len(entry[0]) if entry else None


@lru_cache(maxsize=1)
def _fields() -> dict[str, tuple]:
    return _with_rest(lexicon.by_first_word((a[1:],) for a in lexicon.agencies() if len(a) > 1))


def _area_unit(tokens, i, head_words, ctx, text) -> Unit | None:
    k = i + len(head_words)
    end = place_end(tokens, k, " ".join(head_words).lower())
    if end == k:
        return None
    return Unit(i, end, _name(text, tokens, i, end, ctx), "area")


def embedded_unit(tokens: list[Token], i: int, embed: str, ctx: Context, text: str) -> Unit | None:
    """The unit whose head word ends a title ("Trưởng ban Thi đua, Khen thưởng" -> its Ban)."""
    words = tuple(embed.lower().split())
    i = i - len(words) + 1
    if i < 0 or not words_at(tokens, i, words, lower=True):
        return None
    agency = _agency_at(tokens, i, any_case=True)
    first = agency if agency else i + len(words)
    end, generic = _tail_end(tokens, first, ctx)
    if end == i + len(words):
        return None
    name = embed + text[tokens[i + len(words) - 1].end:tokens[end - 1].end].rstrip(" -,")
    return Unit(i, end, resolve_place(name, tokens[i].start, ctx), "agency", generic)


def _tail_end(tokens: list[Token], j: int, ctx: Context) -> tuple[int, bool]:
    """End of the words of a unit's name from j; and whether it ends in a bare place word."""
    n = len(tokens)
    while j < n:
        t = tokens[j]
        if not t.is_word:
            if t.text in ("-", "&") and j + 1 < n and _continues_name(tokens, j + 1):
                j += 1        # "Sở Văn hóa Thể thao & Du lịch"
                continue
            paired = dash_compound_end(tokens, j) if t.text == "-" else None
            if paired:
                j = paired
                continue
            return j, False
        area = area_at(tokens, j)
        if area == "xã" and tokens[j - 1].lower == "tác":
            area = None       # "Liên hiệp Hợp tác xã Thương mại": a cooperative, not a commune
        head = head_at(tokens, j) if area and t.is_cap else None
        if area and not (head and head[1] != "area"):
            k = j + len(area.split())
            end = place_end(tokens, k, area)
            if end == k:
                if area in _PROVINCE_LEVEL:
                    return k, True
                j = k      # "Chính sách xã hội": a plain word here, not an area
                continue
            return _numbered(tokens, end), False      # "Công an xã Bảo Lâm 1"
        if t.is_cap:
            prov = province_at(tokens, j)     # before the honorific test: "Bà Rịa - Vũng Tàu"
            if prov and not (t.text[0].isdigit() and tokens[j - 1].lower != "số"):
                end = _numbered(tokens, prov[0])
                if not _branch_follows(tokens, end):
                    return end, False
                j = end + (tokens[end].text in ("-", "–"))     # "Trường … Hà Nội – Phân hiệu Lạng Sơn"
                continue
            titled = historical_title_end(tokens, j) if t.lower in _roles_by_first_word() else None
            if titled:
                j = titled        # "Ban Quản lý Lăng Chủ tịch Hồ Chí Minh": no official's title
                continue
            if t.text[0].isdigit() and tokens[j - 1].lower != "số":
                # "Tòa án nhân dân khu vực 15", "Công an xã Bảo Lâm 1": a small number ends the
                # name it follows, unless it counts what comes next ("Sở Nội vụ 2 năm liền")
                return (_numbered(tokens, j) if tokens[j - 1].is_word else j), False
            if not _continues_name(tokens, j):
                return j, False
            run_end = person_run(tokens, j)
            if run_end > j and run_end == _cap_end(tokens, j) \
                    and not _after_school_level(tokens, j) and not _names_district(tokens, j, run_end, ctx) \
                    and not _names_district(tokens, j - 1, run_end, ctx):     # "Huyện ủy Bắc Trà My"
                return j, False
            j += 1
            continue
        if t.text == "và":
            if j + 1 < n and tokens[j + 1].is_cap and _continues_name(tokens, j + 1) \
                    and not head_at(tokens, j + 1) and person_run(tokens, j + 1) == j + 1 \
                    and tokens[j + 1].text not in ctx.acronyms:
                j += 1
                continue
            closed = _acronym_closes(tokens, j + 1) or _lower_case_tail(tokens, j + 1)
            if closed:
                return closed, False
            return j, False
        if is_stop(tokens, j) and tokens[j - 1].lower == "các" and tokens[j - 1].is_word:
            j += 1      # "Liên hiệp các tổ chức hữu nghị": after "các", a noun, not the verb
            continue
        if is_stop(tokens, j) or honorific_at(tokens, j):
            return j, False
        j += 1
    return j, False


def _branch_follows(tokens: list[Token], j: int) -> bool:
    """A dash and a branch's word at j ("– Phân hiệu", "- Chi nhánh"), or the word alone at j
    after a dash that province_at took in ("Hà Nội -" folds as the city's name)?"""
    if j < len(tokens) and tokens[j].text in ("-", "–"):
        j += 1
    elif not (0 < j < len(tokens) and tokens[j - 1].text in ("-", "–")):
        return False
    return any(words_at(tokens, j, words, lower=True) for words in lexicon.branch_words())


def historical_title_end(tokens: list[Token], j: int) -> int | None:
    """"Lăng Chủ tịch Hồ Chí Minh", "Bảo tàng Đại tướng Võ Nguyên Giáp": a title before a leader
    of the past (lexicons/extract-historical-names.txt) belongs to the name it stands in; the
    end of the leader's name, or None."""
    role = role_at(tokens, j)
    if role is None:
        return None
    k = j + len(role[0])
    size = _historical_name_length(tokens, k)
    return k + size if size else None


def _historical_name_length(tokens: list[Token], i: int) -> int:
    """Tokens of a leader of the past's name at i (lexicons/extract-historical-names.txt), or 0."""
    return next((size for size in (4, 3, 2) if i + size <= len(tokens)
                 and " ".join(t.text for t in tokens[i:i + size]) in lexicon.historical_names()), 0)


def _names_district(tokens: list[Token], j: int, end: int, ctx: Context) -> bool:
    """Do tokens[j:end], read like a person's name ("Trà Ôn", "Kim Bôi"), name a district of
    the article's province? Then they end a unit's name as its place."""
    return lexicon.district_of(" ".join(t.text for t in tokens[j:end]), ctx.jurisdiction) is not None


def dash_compound_end(tokens: list[Token], j: int) -> int | None:
    """At the dash j of a paired field written in lower case ("kinh tế - xã hội",
    lexicons/extract-dash-compounds.txt): the end of the field's second half, else None."""
    if j == 0 or j + 1 >= len(tokens):
        return None
    for before, after in lexicon.dash_compounds().get(tokens[j - 1].lower, ()):
        start, end = j - len(before), j + 1 + len(after)
        if start >= 0 and end <= len(tokens) \
                and tuple(t.lower for t in tokens[start:j]) == before \
                and tuple(t.lower for t in tokens[j + 1:end]) == after:
            return end
    return None


_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9&]{1,11}$")
# "Trường Trung học phổ thông Chu Văn An", "Trường Tiểu học Lê Lợi", "Trường Chính trị Nguyễn
# Văn Cừ", "Trường Cao đẳng Nguyễn Du": schools bear people's names.
_SCHOOL_LEVELS = {"thông", "học", "non", "chuyên", "sở", "trị", "đẳng", "cấp", "nghề"}


def _after_school_level(tokens: list[Token], j: int) -> bool:
    """Does a school's level stand one or two words before j ("Trường Cao đẳng Nông Lâm …")?"""
    return tokens[j - 1].lower in _SCHOOL_LEVELS or (j > 1 and tokens[j - 2].lower in _SCHOOL_LEVELS
                                                      and tokens[j - 1].is_cap)


def _acronym_closes(tokens: list[Token], j: int) -> int | None:
    """"… phát triển nhà và đô thị (HUD)": plain words after "và" that run into the name's
    acronym in parentheses still belong to the name; the end of those words, or None."""
    k = j
    while k < len(tokens) and k - j < 6 and tokens[k].is_word and not tokens[k].is_cap \
            and not is_stop(tokens, k):
        k += 1
    if k > j and k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")" \
            and _ACRONYM.match(tokens[k + 1].text):
        return k
    return None


def _lower_case_tail(tokens: list[Token], j: int) -> int | None:
    """"Ban Giải phóng mặt bằng và phát triển quỹ đất, …": plain words after "và" that run to a
    list separator (no verb, no "các") still belong to the name; the end of those words, or None."""
    k = j
    while k < len(tokens) and k - j < 5 and tokens[k].is_word and not tokens[k].is_cap \
            and not is_stop(tokens, k) and tokens[k].lower not in ("các", "những", "cùng", "cả"):
        k += 1
    if k > j and (k == len(tokens) or tokens[k].text in (",", ";", ")")):
        return k
    return None


_COUNTED = {"năm", "tháng", "ngày", "lần", "đơn", "cơ", "tập", "cá", "người"}


def _numbered(tokens: list[Token], j: int) -> int:
    """"Trường Đại học Sư phạm Hà Nội 2": a small number after the place ends the name."""
    if j < len(tokens) and tokens[j].text.isdigit() and len(tokens[j].text) <= 3 and \
            (j + 1 == len(tokens) or not tokens[j + 1].is_word or tokens[j + 1].lower == "và"
             or (is_stop(tokens, j + 1) and tokens[j + 1].lower not in _COUNTED)):
        return j + 1
    return j


def _cap_end(tokens: list[Token], j: int) -> int:
    while j < len(tokens) and tokens[j].is_word and tokens[j].text[0].isupper():
        j += 1
    return j


def _continues_name(tokens: list[Token], j: int) -> bool:
    """Can the capitalised word at j still belong to the name being read?"""
    t = tokens[j]
    if not t.is_word or not t.is_cap:
        return False
    if role_at(tokens, j) or award_at(tokens, j) or honorific_at(tokens, j):
        return False
    if t.text == "Khối" and j > 1 and tokens[j - 1].lower == "ủy" and tokens[j - 2].lower == "đảng":
        return True       # "Đảng ủy Khối các cơ quan tỉnh", "Đảng ủy Khối Doanh nghiệp"
    if t.text in ("Khối", "Cụm", "Trưởng", "Phó", "Đơn"):
        return False
    cue = cue_at(tokens, j)
    if cue and cue[0] == ("thường", "trực"):
        # "Ban Thường trực Ủy ban Mặt trận": a bloc's standing unit only before the bloc's word
        return not (j + 2 < len(tokens) and tokens[j + 2].lower in ("khối", "cụm"))
    return not cue


def _name(text: str, tokens: list[Token], i: int, end: int, ctx: Context) -> str:
    # "Sở Nông nghiệp & Phát triển nông thôn" is registered with "và"
    name = text[tokens[i].start:tokens[end - 1].end].strip(" -,").replace(" & ", " và ")
    return resolve_place(name, tokens[i].start, ctx)


_GENERIC_END = re.compile(r"\s(thành phố|tỉnh)$", re.IGNORECASE)
_PARTY_END = re.compile(r"(?:^|\s)(Tỉnh ủy|Thành ủy)$")


def resolve_place(name: str, position: int, ctx: Context) -> str:
    """"Cục Hải quan thành phố" in a Hải Phòng article -> "Cục Hải quan thành phố Hải Phòng";
    "Ban Dân vận Tỉnh ủy" in a Quảng Bình article -> "Ban Dân vận Tỉnh ủy Quảng Bình"."""
    # endswith() before each search: the patterns are anchored at the end, but a search tries
    # every position of the name first.
    party = _PARTY_END.search(name) if name.endswith(("Tỉnh ủy", "Thành ủy")) else None
    if party and ctx.jurisdiction:
        level = "tỉnh " if party.group(1) == "Tỉnh ủy" else "thành phố "
        if ctx.jurisdiction.lower().startswith(level):
            return f"{name} {ctx.jurisdiction[len(level):]}"
        return name
    # Case-blind, but "thành phố" and "tỉnh" have no letter that matches another one when case
    # is ignored (as "i" matches "ı"), so lower() decides as the pattern would.
    m = _GENERIC_END.search(name) if name.lower().endswith(("thành phố", "tỉnh")) else None
    if not m:
        return _resolve_district(name, position, ctx)
    word = m.group(1).lower()
    if ctx.jurisdiction and ctx.jurisdiction.lower().startswith(word + " "):
        return name[:m.start(1)] + ctx.jurisdiction
    if ctx.places is None:
        ctx.places = provinces_named(ctx.sentence_tokens()) if ctx.sentence_tokens else []
    local = [p for pos, p in ctx.places if pos < position and p.lower().startswith(word + " ")]
    if local:
        return name[:m.start(1)] + local[-1]
    return name


_DISTRICT_END = re.compile(r"\s(huyện|quận|thị xã)$")


def _resolve_district(name: str, position: int, ctx: Context) -> str:
    """"Phòng Nội vụ huyện" in an article about huyện Kim Sơn -> "Phòng Nội vụ huyện Kim Sơn",
    the district the article names most (a district's own page names it throughout)."""
    m = _DISTRICT_END.search(name) if name.endswith(("huyện", "quận", "thị xã")) else None
    if not m or name.startswith(("Khối", "Cụm")) or name[:m.start()].endswith((",", "các")):
        return name     # a bloc's name, or "các quận, huyện": kinds of units, not one place
    level = m.group(1)
    if level not in ctx.districts:
        ctx.districts[level] = _most_named_district(ctx.article_text, level)
    place = ctx.districts[level]
    return f"{name} {place}" if place else name


def _most_named_district(text: str, level: str) -> str | None:
    """The place after `level` ("huyện") named most often in `text`: at least twice and more
    often than any other."""
    counts: Counter = Counter()
    for m in re.finditer(rf"(?<!\w){level} ((?:[A-ZĐÀ-Ỹ][\w'’]*|\d+)(?: [A-ZĐÀ-Ỹ][\w'’]*)?)", text):
        counts[m.group(1)] += 1
    top = counts.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0]
    return None


def provinces_named(tokens: list[Token]) -> list[tuple[int, str]]:
    """(offset, full name) of each "tỉnh X" / "thành phố X" naming a province in a sentence."""
    places = []
    for k, t in enumerate(tokens):
        area = area_at(tokens, k)
        if area in _PROVINCE_LEVEL:
            prov = province_at(tokens, k + len(area.split()))
            if prov:
                places.append((t.start, prov[1]))
    return places


@lru_cache(maxsize=8192)
def unit_key(name: str, jurisdiction: str | None = None) -> str:
    """An identity key within one article: accents folded, place and "UBND" prefixes dropped."""
    s = lexicon.legal_forms().sub(" ", fold(lexicon.expand(name)))
    s = re.sub(r"\s+", " ", s).strip()
    if jurisdiction:
        j = fold(jurisdiction)
        bare = re.sub(r"^(thanh pho|tinh) ", "", j)
        for suffix in (j, bare):
            if s.endswith(" " + suffix) and len(s) > len(suffix) + 1:
                s = s[: -len(suffix) - 1]
                break
    s = re.sub(r" (thanh pho|tinh)$", "", s)
    s = re.sub(r"^uy ban nhan dan (?=(quan|huyen|thi xa|thanh pho|tinh|phuong|xa) )", "", s)
    s = re.sub(r"^(quan|huyen|thi xa|thanh pho|tinh|phuong|xa) (?=\S)", "", s)
    return s.strip()


def units_in(tokens: list[Token], ctx: Context, text: str, start: int = 0,
             end: int | None = None) -> list[Unit]:
    """All units in tokens[start:end], left to right, not overlapping."""
    out, i = [], start
    end = len(tokens) if end is None else end
    # The quick test before match_unit: only a head word, an agency or an acronym starts one.
    heads, agencies, acronyms, lower_heads = _heads(), _agencies(), ctx.acronyms, _lower_case_first_words()
    while i < end:
        t = tokens[i]
        if t.text not in heads and t.lower not in agencies and t.text not in acronyms \
                and t.text not in lower_heads:
            i += 1
            continue
        u = match_unit(tokens, i, ctx, text)
        if u and u.end <= end:
            out.append(u)
            i = u.end
        else:
            i += 1
    return out
