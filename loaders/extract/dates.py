"""Dates: the day of the reported event and the emulation years an article is about.

Event dates are written "Ngày 10/4", "Chiều 20/3", "Sáng ngày 11/12/2019", "ngày 5-3-2022" or
"ngày 20 tháng 12 năm 2023" at the head of the sentence that reports the conference. A date
without a year takes it from the article: a conference late in the year reviews that year
("tổng kết năm 2017" in November), one early in the year opens the new one ("ký giao ước
thi đua năm 2017" in March), and the publication year is only the last resort, because an
article can be published long after the event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PART_OF_DAY = r"(?:(?:Sáng|Chiều|Tối|Trưa|Đêm|Sáng sớm)\s+(?:ngày\s+)?|(?:Ngày|ngày)\s+)"
# Case-insensitive: all-capital lead paragraphs ("(BTB) - SÁNG 5-1, KHỐI THI ĐUA …") date too.
_NUMERIC = re.compile(_PART_OF_DAY + r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?(?!\d)",
                      re.IGNORECASE)
_WORDS = re.compile(_PART_OF_DAY + r"(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.IGNORECASE)
# "Chiều thứ Ba (14/3)", "Sáng Chủ nhật (5/1/2023)", "Thứ Sáu, ngày 12/5": a weekday and the date
_WEEKDAY = re.compile(r"(?:(?:Sáng|Chiều|Tối|Trưa)\s+)?(?:thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ nhật)"
                      r"\s*(?:\(|,\s*(?:ngày\s+)?)(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?(?!\d)",
                      re.IGNORECASE)
# "Sáng nay (18/12)", "Chiều qua (14/3/2023)", "Hôm nay (5/1)"
_TODAY = re.compile(r"(?:Sáng|Chiều|Tối|Trưa|Hôm|Ngày)\s+(?:nay|qua|hôm qua|hôm nay)\s*"
                    r"\((\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?\)", re.IGNORECASE)
# A date inside the sentence ("… tổ chức hội nghị vào ngày 20/12/2023"), the last resort.
_ANYWHERE = re.compile(r"(?<!\w)(?:ngày|(?:sáng|chiều|tối|trưa)(?:\s+ngày)?)\s+(\d{1,2})\s*[/\-]\s*"
                       r"(\d{1,2})(?:\s*[/\-]\s*(\d{4}))?(?!\d)", re.IGNORECASE)
# A date heads the event sentence, after at most a source tag such as "HNP - " or "(BDO) ".
_LEAD = re.compile(r"^(?:\([^)]{1,40}\)\s*(?:-\s*)?|[A-ZĐ]{2,10}\s+-\s+)?")
# "Tiếp đó, chiều thứ Ba (14/3), …": a later part of the same report, dated on its own.
_SEQUEL = re.compile(r"^(?:Tiếp đó|Sau đó|Tiếp theo|Trước đó|Cũng trong dịp này|Nối tiếp chương trình)"
                     r"\s*,\s*", re.IGNORECASE)
# Case-blind over whole sentences or articles: a lookahead on the phrases' first letters lets
# the engine skip most positions.
_EVENT_WORDS = re.compile(r"(?=[tkghdp])(?:tổ chức|tổng kết|ký kết|giao ước|hội nghị|họp|diễn ra|phát động)",
                          re.IGNORECASE)
_REVIEWED_WORDS = r"(?:tổng kết|sơ kết|đánh giá công tác|đánh giá kết quả)[^.;]{0,80}?năm (\d{4})"
_OPENED_WORDS = r"(?:giao ước|triển khai|phát động|phương hướng|nhiệm vụ)[^.;]{0,60}?năm (\d{4})"
_REVIEWED = re.compile(_REVIEWED_WORDS, re.IGNORECASE)
_OPENED = re.compile(_OPENED_WORDS, re.IGNORECASE)
# The same, for lower-cased text (see _years_in): twice as fast as the case-blind search.
_REVIEWED_LOWER = re.compile(_REVIEWED_WORDS)
_OPENED_LOWER = re.compile(_OPENED_WORDS)
_AWARDS_OF = re.compile(r"(?=[qk])(?:quyết định khen thưởng năm (\d{4})|khen thưởng năm (\d{4})\s*:)",
                        re.IGNORECASE)
# "nhiệm vụ năm học 2013 - 2014": schools and their clusters count in school years.
_SCHOOL_YEAR = re.compile(r"năm học (\d{4})\s*-\s*(?:\d{4}|\d{2})(?!\d)", re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)(?:năm\s+)(\d{4})(?!\d)")


@dataclass(frozen=True)
class Years:
    """The year an article reviews (its results, awards) and the year it opens (new heads)."""
    reviewed: int | None
    opened: int | None
    reviews: bool = False      # the article reports a review ("tổng kết") of `reviewed`
    conferred: int | None = None    # "trao các quyết định khen thưởng năm 2022": the year of
                                    # the awards handed over; otherwise an award handed over
                                    # without a year has none (it may reward an earlier year)

    @property
    def described(self) -> int | None:
        """The year a description without a year ("đơn vị Trưởng khối") speaks of."""
        return self.reviewed if self.reviews else self.opened


def parse_date_at_head(sentence: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of a date that opens `sentence`, or None."""
    lead = _LEAD.match(sentence).end()
    head = sentence[lead:lead + 60]
    for pattern in (_NUMERIC, _WORDS, _TODAY, _WEEKDAY):
        m = pattern.match(head)
        if m:
            return _valid(m)
    return None


_SOURCE_TAG = re.compile(r"^(?:\([^)]{1,40}\)|[A-ZĐ]{2,10})\s*[-–]\s*\S")


def opens_lead(sentence: str) -> bool:
    """Does `sentence` open a news lead paragraph: a source tag "(BTB) - " or a date?"""
    return bool(_SOURCE_TAG.match(sentence)) or parse_date_at_head(sentence) is not None


def parse_sequel_date(sentence: str) -> tuple[int, int, int | None] | None:
    """The date of "Tiếp đó, chiều thứ Ba (14/3), …": a second event of the same article."""
    m = _SEQUEL.match(sentence)
    return parse_date_at_head(sentence[m.end():]) if m else None


# "Hướng dẫn số 1595/HD-HVCTQG ngày 13/02/2020": the date of a document cited, not of the event.
_CITED = re.compile(r"\bsố\s+\d+[\w/.\-]*\s*$", re.IGNORECASE)


def parse_date_inside(sentence: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of "ngày 20/12" anywhere in `sentence` but in a document's
    number, or None."""
    for m in _ANYWHERE.finditer(sentence):
        if not _CITED.search(sentence, max(0, m.start() - 40), m.start()):
            return _valid(m)
    return None


def _valid(m: re.Match) -> tuple[int, int, int | None] | None:
    day, month = int(m.group(1)), int(m.group(2))
    if 1 <= day <= 31 and 1 <= month <= 12:
        return day, month, int(m.group(3)) if m.group(3) else None
    return None


def is_event_sentence(sentence: str) -> bool:
    return bool(_EVENT_WORDS.search(sentence))


# Without a date, only a conference or a signing said outright is the event reported ("tổ
# chức tốt các phong trào" and "họp" are too loose).
_REPORTED_EVENT = re.compile(r"(?=[thkl])(?:tổ chức (?:hội nghị|lễ)|hội nghị tổng kết|lễ ký kết|"
                             r"ký kết giao ước|ký giao ước|tổng kết (?:công tác|phong trào|hoạt động))",
                             re.IGNORECASE)


def reports_event(sentence: str) -> bool:
    """Does `sentence` say a conference or a signing took place?"""
    return bool(_REPORTED_EVENT.search(sentence))


def article_years(event_sentence: str | None, text: str, event_year: int | None,
                  event_month: int | None, published: str | None) -> Years:
    """Reviewed and opened years, from the event sentence, then the whole text, then dates."""
    lower = _lower_in_place(text)
    for source in (event_sentence or "", text):
        if source is text and lower is not None:
            reviewed = stated = _first_year(_REVIEWED_LOWER, lower)
            opened = _first_year(_OPENED_LOWER, lower)
        else:
            reviewed = stated = _first_year(_REVIEWED, source)
            opened = _first_year(_OPENED, source)
        if reviewed and not opened:
            opened = reviewed + 1
        if opened and not reviewed:
            reviewed = opened - 1
        if reviewed and opened:
            return Years(reviewed, opened, bool(stated), _awards_year(text, lower))
    school = _SCHOOL_YEAR.search(text) if event_year is None else None
    if school:      # a school year opens in September: a date from then on is in its first year
        first = int(school.group(1))
        return Years(first, first + 1, False, _awards_year(text, lower))
    year = event_year or _year_of(published)
    if year is None:
        # no dated event, no publication date: "thành lập 4 Khối thi đua năm 2016" names the
        # year its titles are for; awards and dates stay without a year (which year an award
        # rewards is not known from a year merely named)
        named = _ANY_YEAR.search(text)
        if named is None:
            return Years(None, None)
        return Years(None, int(named.group(1)), False, _awards_year(text, lower))
    late = (event_month or 12) >= 9
    return Years(year if late else year - 1, year + 1 if late else year, late, _awards_year(text, lower))


_ANY_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def _lower_in_place(text: str) -> str | None:
    """text.lower(), when a case-sensitive search of it finds what a case-blind search of
    `text` finds (patterns written in lower case): every character keeps its place (not so
    for "İ", which lowers to two), and none is "ı" or "ſ", which case-blind "i" and "s" also
    match. None otherwise."""
    lower = text.lower()
    if len(lower) != len(text) or "ı" in lower or "ſ" in lower:
        return None
    return lower


def _awards_year(text: str, lower: str | None) -> int | None:
    """"các quyết định khen thưởng năm 2022": the year of the awards handed over."""
    # Both phrasings hold these words, and they have no letter that matches another one when
    # case is ignored (as "i" matches "ı"): a substring test rules articles out cheaply.
    if "khen thưởng năm" not in (lower if lower is not None else text.lower()):
        return None
    return _first_year(_AWARDS_OF, text)


def resolve_year(day: int, month: int, year: int | None, years: Years,
                 published: str | None) -> int | None:
    if year:
        return year
    if years.reviewed and years.opened:
        return years.reviewed if month >= 9 else years.opened
    return _year_of(published)


def iso(day: int, month: int, year: int | None) -> str | None:
    if not year:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def explicit_year(text: str) -> int | None:
    m = YEAR.search(text)
    return int(m.group(1)) if m else None


def _first_year(pattern: re.Pattern, text: str) -> int | None:
    m = pattern.search(text)
    return int(next(g for g in m.groups() if g)) if m else None


def _year_of(published: str | None) -> int | None:
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    return None
