"""Portal boilerplate out of article text, line by line; the rules are data
(`lexicons/boilerplate.txt`), the structure (header zone, trailers, titles) is here.

Bylines and photo captions stay: they look like boilerplate but carry facts the extractor may
want (who wrote it, who is in the picture), and it decides what they are.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Rules", "rules", "strip_boilerplate", "find_title", "title_text", "drop_title_repeats",
           "is_menu_line"]

HEADER_LINES = 10         # menus and mastheads live in the first lines of a page
LONG_PARAGRAPH = 200      # characters: a trailer followed by a line this long is not the end
_MENU_MIN_ITEMS = 4       # "Trang chủ | Giới thiệu | Tin tức | Liên hệ"
_MENU_MAX_WORDS = 5
_TITLE_MIN, _TITLE_MAX = 10, 250
_MASTHEAD_MAX = 50        # "SỞ NỘI VỤ TỈNH HÀ TĨNH": a short line in capitals above the title
_TITLE_SCAN = 8
_SENTENCE = 80            # a line this long that ends like a sentence is body, not a headline
_PIPE = re.compile(r"\s+\|\s+|\s*\|\s*(?=\S)")
# "... năm 2017 (22:15 02/11/2017)": a time stamp glued to the title line.
_TRAILING_STAMP = re.compile(r"\s*\(\s*\d{1,2}:\d{2}\s+\d{1,2}/\d{1,2}/\d{4}\s*\)\s*$")


@dataclass(frozen=True)
class Rules:
    line: re.Pattern
    segment: re.Pattern
    section: re.Pattern


@lru_cache(maxsize=1)
def rules() -> Rules:
    kinds: dict[str, list[str]] = {"line": [], "segment": [], "section": []}
    data = resources.files("thidua.loaders").joinpath("lexicons/boilerplate.txt").read_text(
        encoding="utf-8")
    for number, raw in enumerate(data.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, pattern = raw.partition("\t")
        if kind not in kinds or not pattern:
            raise ValueError(f"boilerplate.txt:{number}: expected 'line|segment|section<TAB>regex'")
        kinds[kind].append(f"(?:{pattern.strip()})")
    return Rules(*(re.compile("|".join(kinds[kind]), re.IGNORECASE)
                   for kind in ("line", "segment", "section")))


def is_menu_line(line: str) -> bool:
    """'Thời sự | Chính trị | Kinh tế | Xã hội': many short items between bars."""
    if line.count("|") < _MENU_MIN_ITEMS - 1:
        return False
    items = [item for item in _PIPE.split(line) if item]
    return len(items) >= _MENU_MIN_ITEMS and all(len(item.split()) <= _MENU_MAX_WORDS for item in items)


def _without_segments(line: str, segment: re.Pattern) -> str:
    if "|" not in line:
        return "" if segment.fullmatch(line) else line
    kept = [item for item in _PIPE.split(line) if item and not segment.fullmatch(item)]
    return " | ".join(kept)


def strip_boilerplate(lines: list[str]) -> list[str]:
    """Lines (blank lines as "") without boilerplate; blank lines are kept as paragraph breaks."""
    r = rules()
    kept: list[str] = []
    seen = 0
    for line in lines:
        if not line:
            kept.append(line)
            continue
        seen += 1
        if r.line.fullmatch(line) or (seen <= HEADER_LINES and is_menu_line(line)):
            continue
        line = _without_segments(line, r.segment)
        if line:
            kept.append(line)
    return _drop_trailers(kept, r.section)


def _drop_trailers(lines: list[str], section: re.Pattern) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not (lines[i] and section.fullmatch(lines[i])):
            out.append(lines[i])
            i += 1
            continue
        rest = lines[i + 1:]
        if not any(len(line) > LONG_PARAGRAPH for line in rest):
            break  # the page ends in lists and forms: everything from here is trailer
        i += 1  # a box in the middle of the page: drop its heading and its list only
        while i < len(lines) and lines[i] and len(lines[i]) <= LONG_PARAGRAPH:
            i += 1
    return out


def find_title(lines: list[str], is_date_line: Callable[[str], bool]) -> int | None:
    """Index of the first heading-like line among the first lines, skipping datelines, bars and
    mastheads; None when the body starts first (a long line or a finished sentence)."""
    candidates = [i for i, line in enumerate(lines) if line][:_TITLE_SCAN]
    for i in candidates:
        line = lines[i]
        if is_date_line(line) or "|" in line:
            continue
        if len(line) > _TITLE_MAX or (line.endswith((".", ";", ":")) and len(line) > _SENTENCE):
            return None
        if line.isupper() and len(line) < _MASTHEAD_MAX and i != candidates[-1]:
            continue
        if len(line) >= _TITLE_MIN:
            return i
    return None


def title_text(line: str) -> str:
    return _TRAILING_STAMP.sub("", line).strip()


def drop_title_repeats(lines: list[str], title_index: int) -> list[str]:
    """Portals print the title twice (page heading, article heading): keep the first."""
    title = lines[title_index]
    following = [i for i in range(title_index + 1, len(lines)) if lines[i]][:_TITLE_SCAN]
    repeats = {i for i in following if lines[i] == title}
    return [line for i, line in enumerate(lines) if i not in repeats]
