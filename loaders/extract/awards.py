"""Awards with a named recipient, conferred (trao, tặng, đón nhận) or proposed (suy tôn, đề
nghị, bình xét, bỏ phiếu), with the year of the achievement they reward.

An award name opens with a word from the awards lexicon ("Cờ thi đua", "Bằng khen",
"Huân chương", "danh hiệu Chiến sĩ thi đua" …) and may name its issuer ("của UBND tỉnh");
an issuer said before the verb ("đề nghị Thủ tướng Chính phủ tặng Bằng khen") completes it.
Recipients come after "cho" ("trao Bằng khen cho A và B"), after "được trao:", as the subject
("A được tặng …", "A đón nhận …") or as the ones voted for ("suy tôn A …, đề nghị tặng …").
Counts without a named recipient ("26 cờ, bằng khen") have none of these and give no fact;
the rotating flag ("Cờ luân lưu") is the bloc head's, not an award.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from thidua.loaders.extract import lexicon
from thidua.loaders.extract.dates import Years
from thidua.loaders.extract.people import Person, person_at
from thidua.loaders.extract.shared_lists import names_sharing_head, places_after
from thidua.loaders.extract.tokens import Token, words_at
from thidua.loaders.extract.units import (Context, award_at, award_first_words, honorific_at,
                                          is_stop, match_unit, resolve_place)

_QUOTES = ('"', "“", "”", "'")
_RANK = ("nhất", "nhì", "ba", "i", "ii", "iii", "1", "2", "3")
_LEVEL_AFTER = (("cấp", "tỉnh"), ("cấp", "cơ", "sở"), ("cấp", "bộ"), ("cấp", "thành", "phố"),
                ("toàn", "quốc"), ("cơ", "sở"), ("thành", "phố"), ("tỉnh",), ("cấp", "huyện"))
_ISSUER_TITLES = (("Thủ", "tướng", "Chính", "phủ"), ("Chủ", "tịch"), ("Bộ", "trưởng"),
                  ("Ban", "Chấp", "hành"), ("Chính", "phủ"), ("Chủ", "tịch", "nước"))
_AUTHORITY = re.compile(r"(?:đề nghị|trình(?! bày)|được)\s+(?P<auth>[^,;:()]{2,90}?)\s+(?:xét\s+)?tặng\s*$")
_PASSED_ON = re.compile(r"\b(?:trình(?! bày)|đề nghị)\s+")
_MANDATE = re.compile(r"thừa (?:ủy|uỷ) quyền (?P<auth>[^,;]{3,60}),", re.IGNORECASE)
_PLACE = r"(?: (?:[A-ZĐÀ-Ỹ][\w'’]*)(?: [A-ZĐÀ-Ỹ][\w'’]*){0,2})?"
_SUBJECT_AUTHORITY = re.compile(
    r"(?:^|[,;:]\s*)(?P<auth>Thủ tướng Chính phủ|Chính phủ|Bộ trưởng Bộ [A-ZĐÀ-Ỹ][\w ]{1,30}?"
    r"|(?:Chủ tịch )?Ủy ban nhân dân (?:tỉnh|thành phố|huyện|quận|thị xã)" + _PLACE + r")"
    r"\s+(?:đã\s+)?tặng\s*$")
_SUBJECT_VERB = re.compile(r"(?:\bđược\b|\bvinh dự\b|\bđón nhận\b|\bnhận\b)")
_LIST_FILLER = re.compile(r"^\s*(?:(?:\d+|các)\s+(?:đơn vị|cá nhân|tập thể)\b[^;]*?(?:\bgồm\b|\blà\b|:)\s*:?"
                          r"|tập thể\s+|đơn vị\s+)", re.IGNORECASE)
_YEAR_BITS = re.compile(r"năm (\d{4})|giai đoạn (\d{4})\s*-\s*(\d{4})|(\d{4})\s*-\s*(\d{4})")
_STOP_LIST = ("vì", "đã", "để", "do", "nhân", "với", "theo", "trong", "có", "góp")
_TITLE_WORD = re.compile(r"^danh hiệu\s+", re.IGNORECASE)
_VOTED = re.compile(r"suy tôn\s+")
# After a semicolon, a clause that opens with the award or says only "B nhận" goes on with the
# vote of the clause before.
_GOES_ON_WITH_VOTE = re.compile(r"^\s*$|\bnhận\s*$")
_NOT_A_SUBJECT_GAP = re.compile(r"[,;:]|thay mặt|đại diện")


@dataclass(slots=True)
class Award:
    name: str
    yearly: bool
    start: int
    end: int
    recipients: list[tuple[str, str]]      # (name, unit|person)
    status: str
    year: int | None
    year_stated: bool = False


def awards_in(tokens: list[Token], text: str, ctx: Context, people: list[Person],
              years: Years, listed: Callable[[], list[str]] | None = None) -> list[Award]:
    """The awards a sentence names; `listed`: the units of the bullets after a sentence that
    ends with a colon ("Tặng Cờ thi đua … cho 04 tập thể …, gồm:"), read only when the
    sentence's last award names no recipient itself."""
    mentions = _award_mentions(tokens, text, ctx)
    out = []
    last_status = None
    for idx, (start, end, name, yearly) in enumerate(mentions):
        clause_start, clause_end = _clause(tokens, start)
        following = mentions[idx + 1][0] if idx + 1 < len(mentions) else len(tokens)
        nxt = min(following, clause_end)
        name = _with_issuer(name, tokens, start, text, ctx)
        recipients, list_end = _recipients_after(tokens, end, nxt, following, text, ctx)
        if list_end > clause_end:       # a list of people that runs on past ";"
            nxt = min(following, _clause(tokens, list_end - 1)[1])
        recipients = recipients or _recipients_before(tokens, start, clause_start, text, ctx, people)
        if not recipients and listed is not None and idx == len(mentions) - 1:
            recipients = [(name, "unit") for name in listed()]
        if not recipients:
            continue
        status = _status(text, tokens, clause_start, start)
        if status == "conferred" and last_status == "proposed" and _GOES_ON_WITH_VOTE.search(
                text[tokens[clause_start].start:tokens[start].start]):
            # "suy tôn A nhận Cờ …; B nhận Bằng khen …", "đề nghị Cờ … cho A; Bằng khen … cho B"
            status = "proposed"
        last_status = status
        year = _year(text, tokens, start, nxt, clause_start if status == "proposed" else start) \
            or _opening_year(text)
        default = (years.reviewed if status == "proposed" else years.conferred) if yearly else None
        out.append(Award(name, yearly, start, end, recipients, status, year or default,
                         year is not None))
    return out


def _award_mentions(tokens, text, ctx) -> list[tuple[int, int, str, bool]]:
    out, k = [], 0
    opener_words = award_first_words()
    while k < len(tokens):
        if tokens[k].lower not in opener_words:   # no award name can open here
            k += 1
            continue
        opener = award_at(tokens, k)
        if not opener or (k + 2 < len(tokens) and tokens[k + 1].lower == "luân"):
            k += 1
            continue
        surface, yearly = opener
        end, issuer = _award_end(tokens, k + len(surface), surface, ctx, text)
        name = text[tokens[k].start:tokens[end - 1].end]
        if k > 0 and tokens[k - 1].text in _QUOTES and end < len(tokens) and tokens[end].text in _QUOTES:
            end += 1      # "tặng danh hiệu “Tập thể lao động xuất sắc” cho …": the quoted title
        if issuer:   # "của UBND tỉnh" -> "của Ủy ban nhân dân tỉnh Hà Tĩnh"
            name = text[tokens[k].start:tokens[issuer.start].start] + issuer.name
        name = _TITLE_WORD.sub("", name).strip("“”\" ")
        out.append((k, end, name[0].upper() + name[1:], yearly))
        k = end
    return out


def _award_end(tokens, j, surface, ctx, text):
    """End of the award name from j (after its opening words), and the issuing unit if named."""
    n = len(tokens)
    if surface[0] in ("huân", "huy"):
        for k in range(j, min(n - 1, j + 7)):
            if not tokens[k].is_word:
                break
            if tokens[k].lower == "hạng" and tokens[k + 1].lower in _RANK:
                return k + 2, None
        while j < n and tokens[j].is_word and not is_stop(tokens, j) and tokens[j].lower != "hạng":
            j += 1
        return j, None
    if surface == ("kỷ", "niệm", "chương"):
        if j < n and tokens[j].text in ('"', "“"):
            close = next((i for i in range(j + 1, n) if tokens[i].text in ('"', "”")), None)
            return (close + 1 if close else j), None
        return j, None
    if "chiến" in surface:
        for level in _LEVEL_AFTER:
            if words_at(tokens, j, level, lower=True):
                return j + len(level), None
        if j + 1 < n and tokens[j].lower == "ngành" and tokens[j + 1].is_cap:
            k = j + 1           # "Chiến sĩ thi đua ngành Tài chính": the sector's own title
            while k < n and tokens[k].is_word and not is_stop(tokens, k) and k - j < 6:
                k += 1
            return k, None
        return j, None
    if j < n and tokens[j].lower in ("xuất", "chuyên") and j + 1 < n:
        j += 2
    if j < n and words_at(tokens, j, ("chính", "phủ"), lower=True):      # "Chính Phủ" too
        return j + 2, None
    if j < n and tokens[j].lower == "của":
        k = j + 1
        for title in _ISSUER_TITLES:
            if words_at(tokens, k, title):
                k += len(title)
                break
        u = match_unit(tokens, k, ctx, text)
        if u:
            return u.end, u
        if k > j + 1:
            return k, None
    u = match_unit(tokens, j, ctx, text) if j < n else None
    if u and u.name.startswith(_ISSUING_BODIES):       # "Cờ thi đua UBND tỉnh": "của" left out
        return u.end, u
    return j, None


# Bodies that issue flags and certificates (provinces and ministries), named straight after the
# award without "của"; any other unit there is more likely its recipient ("tặng Bằng khen Sở Y
# tế", "Giấy khen Ủy ban nhân dân xã …").
_ISSUING_BODIES = ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân thành phố", "Bộ ")


def _with_issuer(name: str, tokens, start, text, ctx) -> str:
    """"đề nghị Thủ tướng Chính phủ tặng Bằng khen" -> "Bằng khen của Thủ tướng Chính phủ"."""
    if " của " in name or "Chính phủ" in name or name.lower().startswith(("huân", "huy", "kỷ", "chiến")):
        return name
    before = text[:tokens[start].start]
    m = _AUTHORITY.search(before)
    if m:
        # "đề nghị UBND tỉnh trình Thủ tướng Chính phủ tặng": the last authority confers it
        auth = _PASSED_ON.split(m.group("auth"))[-1].strip()
        if auth[:1].isupper() and len(auth.split()) <= 10:
            return f"{name} của {resolve_place(auth, tokens[start].start, ctx)}"
    m = _SUBJECT_AUTHORITY.search(before)
    if m:       # "Dịp này, Thủ tướng Chính phủ tặng Bằng khen cho …": the subject confers it
        return f"{name} của {resolve_place(m.group('auth'), tokens[start].start, ctx)}"
    m = _MANDATE.search(before)
    if m and "nước" not in m.group("auth"):
        return f"{name} của {resolve_place(m.group('auth').strip(), tokens[start].start, ctx)}"
    return name


def _clause(tokens, k) -> tuple[int, int]:
    s = k
    while s > 0 and tokens[s - 1].text != ";":
        s -= 1
    e = k
    while e < len(tokens) and tokens[e].text != ";":
        e += 1
    return s, e


def _recipients_after(tokens, end, limit, reach, text, ctx) -> tuple[list[tuple[str, str]], int]:
    """Recipients after the award ("… cho A và B", "… được trao: A; B"), and where they end.
    `limit` ends the clause; a list of people separated by ";" may go on up to `reach`."""
    j = end
    if j < len(tokens) and tokens[j].lower == "năm" and j + 1 < len(tokens):
        j += 2
    list_mode = False
    if words_at(tokens, j, ("được", "trao", ":"), lower=True):
        j, list_mode = j + 3, True
    elif words_at(tokens, j, ("được", "trao", "cho"), lower=True) \
            or words_at(tokens, j, ("được", "tặng", "cho"), lower=True):
        j += 3
    elif j < len(tokens) and tokens[j].lower == "cho":
        j += 1
        shared = _shared_head_list(tokens, j, limit, text)
        if shared:
            return shared, limit
        if j + 1 < len(tokens) and tokens[j].lower == "các" and match_unit(tokens, j + 1, ctx, text):
            j += 1       # "cho các Sở Tư pháp Quảng Bình, Quảng Trị"
        m = _LIST_FILLER.match(text[tokens[j].start:]) if j < len(tokens) else None
        if m:
            stop = tokens[j].start + m.end()
            list_mode = text[tokens[j].start:stop].rstrip().endswith((":", "gồm"))
            while j < len(tokens) and tokens[j].start < stop:
                j += 1
    else:
        return [], j
    found, j = _read_list(tokens, j, reach if list_mode else limit, reach, text, ctx, list_mode)
    more = next((k for k in range(j, min(limit, len(tokens)) - 1)
                 if tokens[k].lower == "và" and tokens[k + 1].lower == "cho"), None)
    if found and more:   # "… cho A vì …, và cho ông B vì …"
        extra, j = _read_list(tokens, more + 2, limit, reach, text, ctx, False)
        found += extra
    return found, j


_COUNT_OF_UNITS = re.compile(r"^(?:\d+\s+)?(?:đơn vị|tập thể)\s+")


def _shared_head_list(tokens, j, limit, text) -> list[tuple[str, str]]:
    """"cho 03 đơn vị Ủy ban MTTQ Việt Nam các huyện: Thống Nhất, Tân Phú": units whose head
    is written once, up to the end of the clause."""
    if j >= len(tokens):
        return []
    end = tokens[min(limit, len(tokens)) - 1].end
    body = text[tokens[j].start:end]
    count = _COUNT_OF_UNITS.match(body)
    return [(name, "unit") for name in names_sharing_head(body[count.end():] if count else body)]


def _read_list(tokens, j, limit, reach, text, ctx, list_mode) -> tuple[list[tuple[str, str]], int]:
    out, n = [], min(limit, len(tokens))
    while j < n:
        p = person_at(tokens, j, ctx, text, bare_name=True)
        if p:
            out.append((p.name, "person"))
            j = p.chain_end
        else:
            u = match_unit(tokens, j, ctx, text)
            if not u:
                break
            out.append((u.name, "unit"))
            j = u.end
            places, j = _places_after(u.name, tokens, j, n, text, ctx)
            out += [(name, "unit") for name in places]
        j = _skip_aside(tokens, j, len(tokens))
        # people in a list are often separated by ";" ("cho ông A - …; bà B - …")
        person_next = j + 1 < len(tokens) and tokens[j].text == ";" and honorific_at(tokens, j + 1) > 0
        if person_next:
            n = min(reach, len(tokens))
        if j < n and (tokens[j].text == "," or tokens[j].lower == "và"
                      or (list_mode and tokens[j].text == ";") or person_next):
            j += 1
            continue
        break
    return out, j


def _places_after(unit, tokens, j, n, text, ctx) -> tuple[list[str], int]:
    """"cho Sở Tài nguyên và Môi trường Quảng Bình, Quảng Trị": the same head over the places
    after the unit (shared_lists.places_after), and the token after them."""
    if j >= n or (tokens[j].text != "," and tokens[j].lower != "và"):
        return [], j
    start = tokens[j].start
    places, used = places_after(unit, text[start:tokens[n - 1].end], ctx.jurisdiction, whole=False)
    while places and j < n and tokens[j].start < start + used:
        j += 1
    return places, j


def _skip_aside(tokens, j, n) -> int:
    """Skip "(Quận 3)" or "(có thành tích …)" after a recipient."""
    if j < n and tokens[j].text == "(":
        depth = 0
        while j < n:
            depth += tokens[j].text == "("
            depth -= tokens[j].text == ")"
            j += 1
            if depth == 0:
                break
    return j


def _recipients_before(tokens, start, clause_start, text, ctx, people) -> list[tuple[str, str]]:
    before = text[tokens[clause_start].start:tokens[start].start] if start > clause_start else ""
    verbs = list(_SUBJECT_VERB.finditer(before))
    voted = list(_VOTED.finditer(before))
    # "A được suy tôn là đơn vị dẫn đầu, được đề nghị tặng …": voted for in the passive, A is the
    # subject, read as for "A được tặng".
    if voted and not before[:voted[-1].start()].rstrip().endswith("được"):
        k = _token_at(tokens, tokens[clause_start].start + voted[-1].end())
        return _read_list(tokens, k, start, start, text, ctx, False)[0]
    if not verbs:
        return []
    verb_at = tokens[clause_start].start + verbs[0].start()
    group = _group_before(tokens, clause_start, verb_at, text, ctx, people)
    return group


def _group_before(tokens, clause_start, offset, text, ctx, people) -> list[tuple[str, str]]:
    """The coordinated units or people that end just before `offset` (the subject)."""
    items: list[tuple[int, int, str, str]] = []
    j = clause_start
    while j < len(tokens) and tokens[j].start < offset:
        p = next((p for p in people if p.start == j), None)
        if p:
            items.append((j, p.chain_end, p.name, "person"))
            j = max(p.chain_end, j + 1)
            continue
        u = match_unit(tokens, j, ctx, text)
        if u and tokens[u.end - 1].end <= offset:
            items.append((j, u.end, u.name, "unit"))
            j = u.end
            continue
        j += 1
    if not items:
        return []
    gap = text[tokens[items[-1][1] - 1].end:offset]
    if len(gap.split()) > 6 or _NOT_A_SUBJECT_GAP.search(gap):
        return []
    group = [items[-1]]
    for prev in reversed(items[:-1]):
        between = text[tokens[prev[1] - 1].end:tokens[group[0][0]].start].strip()
        if between in (",", "và", ";"):
            group.insert(0, prev)
        else:
            break
    return [(name, kind) for _, _, name, kind in group]


def _token_at(tokens, offset) -> int:
    return next((i for i, t in enumerate(tokens) if t.start >= offset), len(tokens))


def _status(text, tokens, clause_start, start) -> str:
    before = text[tokens[clause_start].start:tokens[start].start]
    return "proposed" if lexicon.status_cues().search(before.replace("trình bày", "")) else "conferred"


def _year(text, tokens, start, nxt, clause_start) -> int | None:
    stop = tokens[nxt].start if nxt < len(tokens) else len(text)
    ahead = _years_in(text[tokens[start].start:stop])
    if ahead:
        return max(ahead)
    behind = _years_in(text[tokens[clause_start].start:tokens[start].start])
    return behind[-1] if behind else None


# "Kết quả năm 2023, đơn vị … được tặng Cờ thi đua": the year of the results the sentence opens with
_OPENING_YEAR = re.compile(r"^(?:Kết quả(?: thi đua)?|Trong|Cả)\s+năm\s+(\d{4})\s*,", re.IGNORECASE)


def _opening_year(text: str) -> int | None:
    m = _OPENING_YEAR.match(text)
    return int(m.group(1)) if m else None


def _years_in(text: str) -> list[int]:
    out = []
    for m in _YEAR_BITS.finditer(text):
        out.append(int(next(g for g in reversed(m.groups()) if g)))
    return out
