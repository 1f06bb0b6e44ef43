"""Emulation blocs and clusters ("Khối thi đua …", "Cụm thi đua số III"), by their full names.

Every article mentions its bloc several times, in slightly different words ("Khối thi đua
Mặt trận, đoàn thể thành phố" in the title, "Khối thi đua các cơ quan Mặt trận, đoàn thể
thành phố Hải Phòng" in the text). Mentions whose words are contained in another's are one
bloc, named by its most complete mention. An acronym defined after the name
("Khối thi đua Kinh tế ngành (KTĐKTN)") names the same bloc later.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from thidua.loaders.extract import lexicon
from thidua.loaders.extract.sentences import Sentence
from thidua.loaders.extract.tokens import Token, words_at
from thidua.loaders.extract.units import (Context, agency_end, area_at, award_at, dash_compound_end, field_end,
                                          head_at, honorific_at, is_stop, place_end, resolve_place,
                                          role_at)

_ROMAN = re.compile(r"^(?:[IVXL]+|\d+)$")
_BARE_NUMBER = re.compile(r"^(?:[IVX]{1,4}|\d{1,2})$")     # not a year: "giao ước thi đua 2023"
# Words after a comma that go on with a bloc's name ("Khối thi đua Mặt trận Tổ quốc, các tổ
# chức chính trị - xã hội").
_COMMA_CONTINUES = (("ngành",), ("đoàn", "thể"), ("thành", "phố"), ("huyện",), ("thị", "xã"),
                    ("các", "tổ", "chức"), ("xã", "hội", "nghề", "nghiệp"))
# "Khối thi đua tổ chức chính trị - xã hội": "tổ chức" opening a bloc's name is the noun
# (organisations), not the verb of "Khối thi đua tổ chức hội nghị".
_NOUN_OPENERS = (("tổ", "chức", "chính", "trị"), ("tổ", "chức", "xã", "hội"), ("tổ", "chức", "đoàn", "thể"))
_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9&]{1,11}$")
# "(ĐH)" after "đại học" inside a name: the register names the bloc without it
_ACRONYM_ASIDE = re.compile(r"\s*\([A-ZĐ][A-ZĐ0-9&]{1,11}\)(?=\s*[,\s])")
# Lower-case words that open a new clause after a comma, not one more kind of member.
_CLAUSE_WORDS = {"đơn", "đại", "lãnh", "ông", "bà", "đồng", "gồm", "nhằm", "qua", "trong", "sau",
                 "tiếp", "các", "những", "với", "và", "cùng", "đồng thời", "nhất", "đặc"}
_SHARED_WORDS = {"khối", "cụm", "thi", "đua", "các", "cơ", "quan"}


@dataclass(slots=True)
class Mention:
    sentence: int
    start: int                 # token indexes in the sentence
    end: int
    name: str
    group: int = -1


@dataclass(slots=True)
class Bloc:
    name: str
    words: frozenset[str]
    mentions: list[Mention] = field(default_factory=list)
    acronym: str | None = None


def find_mentions(s: Sentence, ctx: Context) -> list[Mention]:
    out = []
    toks = s.tokens
    for i, t in enumerate(toks):
        opener = _opener_length(toks, i) if t.lower in _BLOC_WORDS else 0
        if opener:
            end = _name_end(toks, i + opener)
            if end > i + opener:
                name = resolve_place(s.work[t.start:toks[end - 1].end].strip(" ,-"), t.start, ctx)
                name = _ACRONYM_ASIDE.sub("", name[0].upper() + name[1:])
                out.append(Mention(s.index, i, end, name))
                acr = _acronym_after(toks, end)
                if acr:
                    ctx.bloc_acronyms[acr] = name
        elif t.text in ("Khối", "Cụm") and i + 1 < len(toks) \
                and (i == 0 or toks[i - 1].lower not in ("(", "ủy")):
            # (an aside "Cụm thi đua số 2 (Khối Văn hóa - Thông tin)" names the sector, not a
            # bloc; "Đảng ủy Khối Doanh nghiệp" is a party committee)
            end = _short_name_end(toks, i + 1)
            if end:
                name = _ACRONYM_ASIDE.sub("", resolve_place(s.work[t.start:toks[end - 1].end].strip(" ,-"),
                                                            t.start, ctx))
                out.append(Mention(s.index, i, end, name))
        elif t.text in ctx.bloc_acronyms:
            out.append(Mention(s.index, i, i + 1, ctx.bloc_acronyms[t.text]))
    return out


_BLOC_WORDS = frozenset(("khối", "cụm"))


def _opener_length(toks: list[Token], i: int) -> int:
    """Tokens of "Khối thi đua" / "Cụm giao ước thi đua" at i, a bloc word (before the bloc's own name), or 0."""
    if words_at(toks, i + 1, ("thi", "đua"), lower=True):
        return 3
    if words_at(toks, i + 1, ("giao", "ước", "thi", "đua"), lower=True):
        return 5
    return 0


def _names_no_bloc(toks: list[Token], j: int) -> bool:
    nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
    return (toks[j].lower, nxt) in lexicon.not_blocs() or (toks[j].lower, "") in lexicon.not_blocs()


def _short_name_end(toks: list[Token], j: int) -> int | None:
    """"Khối Kinh tế - Kỹ thuật tỉnh", "Khối 01 huyện Bắc Trà My", "Cụm II", "Cụm các trường …": a
    bloc named without "thi đua", by a capitalised name, a number or "các" and a kind of member
    (lexicons/extract-bloc-member-kinds.txt) after the capitalised bloc word; None when
    the word is no bloc ("Khối trưởng", "Cụm Công nghiệp Tân Mỹ")."""
    t = toks[j]
    if _BARE_NUMBER.match(t.text):
        # "Khối 01 huyện Bắc Trà My", "Cụm II": a number, then only a place ("Khối 1 hỗ trợ …" is a verb)
        area = area_at(toks, j + 1)
        if area:
            k = j + 1 + len(area.split())
            end = place_end(toks, k, area)
            return end if end > k else j + 1
        return j + 1
    if any(words_at(toks, j, words) for words in lexicon.bloc_lower_case_names()):
        end = _words_end(toks, j)       # "Khối sự nghiệp thuộc Bộ …", "Khối ngân hàng I"
        return end if end > j + 1 else None
    if t.text == "các" and any(words_at(toks, j + 1, kind, lower=True) for kind in lexicon.bloc_member_kinds()):
        end = _words_end(toks, j)       # "Cụm các trường Trung cấp, Cao đẳng trên địa bàn tỉnh"
        return end if end > j + 2 else None
    if not t.is_cap or t.text[0].isdigit() or t.text in ("Trưởng", "Phó", "Thi") \
            or role_at(toks, j) or award_at(toks, j) or honorific_at(toks, j) \
            or _names_no_bloc(toks, j):
        return None
    end = _words_end(toks, j)
    return end if end > j else None


def _name_end(toks: list[Token], j: int) -> int:
    n = len(toks)
    numbered = j < n and toks[j].lower in ("số", "thứ") and j + 1 < n and _ROMAN.match(toks[j + 1].text)
    if numbered or _bare_number_at(toks, j):       # "Khối thi đua 10"
        j += 2 if numbered else 1
        area = area_at(toks, j) if j < n else None
        if area:
            k = j + len(area.split())
            end = place_end(toks, k, area)
            return end if end > k else j
        return _ministry_end(toks, j) or j
    return _words_end(toks, j)


def _ministry_end(toks: list[Token], j: int) -> int | None:
    """"Cụm thi đua số IV - Bộ Tài nguyên và Môi trường", "… số V - Bộ Tư pháp": the ministry
    after a numbered cluster; its field is a standard one (lexicons/extract-agencies.txt) or,
    as every other ministry's, two words ("Công an", "Y tế")."""
    n = len(toks)
    if not (j + 3 < n and toks[j].text == "-" and toks[j + 1].text == "Bộ" and toks[j + 2].is_cap):
        return None
    return field_end(toks, j + 2) or (j + 4 if toks[j + 3].is_word else None)


def _words_end(toks: list[Token], j: int) -> int:
    """The end of a bloc name's words from j: up to a verb, a title, a clause or a place."""
    n = len(toks)
    start = j
    while j < n:
        t = toks[j]
        if t.text == ",":
            phrase = next((w for w in _COMMA_CONTINUES if words_at(toks, j + 1, w, lower=True)), None)
            if phrase:
                j += 1 + len(phrase)     # the phrase's words, though "tổ chức" is also a verb
                continue
            if _enumeration_goes_on(toks, start, j + 1):
                j += 1
                continue
            agency = _agency_across(toks, start, j)
            if agency:
                j = agency
                continue
            break
        if t.text == "-":
            nxt = toks[j + 1] if j + 1 < n else None
            if nxt and nxt.is_word and not is_stop(toks, j + 1) and not role_at(toks, j + 1) \
                    and nxt.lower not in ("đơn", "đại", "lãnh"):
                j += 1
                continue
            break
        if not t.is_word:
            if j > start and _acronym_after(toks, j) and j + 3 < n and \
                    (toks[j + 3].text == "," or toks[j + 3].lower == "và"):
                j += 3        # "Khối các trường đại học (ĐH), cao đẳng (CĐ) và …": an abbreviation aside
                continue
            break
        area = area_at(toks, j)
        if area and j > start and toks[j - 1].lower == "các":
            j += len(area.split())   # "các tỉnh Đồng bằng sông Hồng": a kind of members, then a region
            continue
        if area and j > start:
            k = j + len(area.split())
            end = place_end(toks, k, area)
            if end > k and end < n and toks[end].lower == "ngành":
                j = end        # "Cụm thi đua 06 tỉnh Tây Nguyên ngành Văn hóa, …": the sector follows
                continue
            if end > k:
                return end
            comma_goes_on = k < n and toks[k].text == "," and \
                (any(words_at(toks, k + 1, w, lower=True) for w in _COMMA_CONTINUES)
                 or _enumeration_goes_on(toks, start, k + 1))
            if area in ("thành phố", "tỉnh") and not comma_goes_on and \
                    (k >= n or not toks[k].is_word or is_stop(toks, k) or toks[k].is_cap):
                return k
            j = k          # "Văn hóa - Xã hội", "các tỉnh, thành phố duyên hải": plain words
            continue
        if t.lower == "và":
            nxt = toks[j + 1] if j + 1 < n else None
            if j == start or nxt is None or nxt.lower in ("khối", "cụm") or head_at(toks, j + 1) \
                    or honorific_at(toks, j + 1):
                break
            j += 1
            continue
        if t.is_cap:
            if role_at(toks, j) or award_at(toks, j) or honorific_at(toks, j) \
                    or t.text in ("Trưởng", "Phó"):
                break
            j += 1
            continue
        if toks[j].lower == "về" and j > start:
            field = next((e for k in range(j + 2, min(j + 5, n)) if toks[k].text == "-"
                          for e in [dash_compound_end(toks, k)] if e), None)
            if field:
                j = field   # "quản lý Nhà nước về văn hóa - xã hội": the bloc's field
                continue
        if is_stop(toks, j):
            if j > start and toks[j - 1].lower == "các":
                j += 1      # "các đơn vị sự nghiệp", "các tổ chức …": after "các", a noun
                continue
            opener = next((w for w in _NOUN_OPENERS if j == start and words_at(toks, j, w)), None)
            if not opener:
                break
            j += 2
            continue
        j += 1
    return j


def _agency_across(toks: list[Token], start: int, comma: int) -> int | None:
    """"… ngành Văn hóa, Thể thao và Du lịch": the end of a standard name or field that holds
    the comma at `comma` (lexicons/extract-agencies.txt), or None."""
    for k in range(comma - 1, max(start, comma - 4) - 1, -1):
        end = (agency_end(toks, k) or field_end(toks, k)) if toks[k].is_cap else None
        if end and end > comma:
            return end
    return None


def _bare_number_at(toks: list[Token], j: int) -> bool:
    """"Khối thi đua 10, …", "Khối thi đua 10 tổ chức …": a number right after "thi đua" is the
    bloc's, unless a counted word follows ("Cụm thi đua 07 tỉnh trung du …" counts provinces)."""
    if j >= len(toks) or not _BARE_NUMBER.match(toks[j].text):
        return False
    k = j + 1
    if k >= len(toks) or not toks[k].is_word or toks[k].is_cap or is_stop(toks, k):
        return True
    # a count only before a level or a kind of member ("07 tỉnh", "10 tổ chức"); "19 còn có …" is the bloc's number
    counted = area_at(toks, k) or toks[k].lower in ("đơn", "cơ", "tổ") or \
        any(words_at(toks, k, kind) for kind in lexicon.bloc_member_kinds())
    return not counted


def _enumeration_goes_on(toks: list[Token], start: int, k: int) -> bool:
    """"các tỉnh miền núi, trung du phía Bắc", "các tỉnh, thành Đoàn …": a name that opens with
    "các" enumerates kinds of members, and a comma followed by a plain lower-case word that
    is no verb, title or name starts the next kind, not a new clause."""
    if start >= len(toks) or toks[start].lower != "các" or k >= len(toks):
        return False
    t = toks[k]
    if any(words_at(toks, k, kind, lower=True) for kind in lexicon.bloc_member_kinds()):
        return True       # "các trường Trung cấp, Cao đẳng": one more kind, whatever its case
    return t.is_word and not t.is_cap and not is_stop(toks, k) and not honorific_at(toks, k) \
        and t.lower not in _CLAUSE_WORDS


def _acronym_after(toks: list[Token], end: int) -> str | None:
    if end + 2 < len(toks) and toks[end].text == "(" and toks[end + 2].text == ")" \
            and _ACRONYM.match(toks[end + 1].text):
        return toks[end + 1].text
    return None


def words_of(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", name.lower()))


def group_mentions(mentions: list[Mention]) -> list[Bloc]:
    """One Bloc per set of mentions whose words nest; named by the longest mention."""
    blocs: list[Bloc] = []
    for m in sorted(mentions, key=lambda m: -len(words_of(m.name))):
        w = words_of(m.name)
        for b in blocs:
            if w <= b.words and w - _SHARED_WORDS:
                b.mentions.append(m)
                break
        else:
            blocs.append(Bloc(m.name, w, [m]))
    for gi, b in enumerate(blocs):
        for m in b.mentions:
            m.group = gi
    return blocs
