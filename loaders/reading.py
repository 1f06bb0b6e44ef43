"""Reading articles as they come: files and folders of .txt/.html/.htm in any encoding the
Vietnamese web has used, with or without a manifest.tsv beside them.

`read_article(path, manifest_row)` returns an `Article` whose text is clean NFC with modern tone
placement, paragraphs separated by "\n\n", and portal boilerplate removed. A file that cannot
be read raises `UnreadableInput(path, reason)`; callers report it on one line and go on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from thidua.errors import UnreadableInput
from thidua.loaders.boilerplate import drop_title_repeats, find_title, strip_boilerplate, title_text
from thidua.loaders.encodings import decode_bytes, redecode_font_text, repair_font_encoded
from thidua.loaders.html import HtmlText, html_to_text, looks_like_html
from thidua.loaders.model import Article
from thidua.text import modern_tones, nfc, squash_spaces

__all__ = ["ARTICLE_SUFFIXES", "MANIFEST", "iter_article_paths", "read_manifest", "read_article",
           "clean_text", "is_dateline", "published_from_lines", "parse_date"]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MANIFEST = "manifest.tsv"
MANIFEST_COLUMNS = ("doc", "url", "jurisdiction", "published")
# Files that sit beside articles but are not articles: the manifest, gold and facts files, notes.
_NOT_ARTICLES = re.compile(r"^(?:manifest|gold|facts|readme|license|changelog)(?:[._-].*)?$"
                           r"|.*[._-](?:gold|facts)$", re.IGNORECASE)
# Data files given directly are for other loaders (facts, manifests, RDF), never article text.
DATA_SUFFIXES = (".jsonl", ".json", ".tsv", ".csv", ".ttl", ".nt", ".nq", ".trig", ".rdf")
DATELINE_SCAN = 12  # the publication date is printed near the top of a page

# Control characters, soft hyphens, zero-width joiners and stray BOMs: invisible, but they
# split words for every later matcher.
_NEWLINES = (("\r\n", "\n"), ("\r", "\n"), ("\u2028", "\n"), ("\u2029", "\n\n"))
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200c\u200d\u2060\ufeff]")


# --- finding articles --------------------------------------------------------------------

def iter_article_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files given directly, plus .txt/.html/.htm found recursively in folders; sorted, without
    manifest/gold/facts files and hidden folders. A missing path is passed on, so that reading it
    reports it like any other unreadable input."""
    found: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            found.update(_articles_under(path))
        elif not _NOT_ARTICLES.match(path.stem) and path.suffix.lower() not in DATA_SUFFIXES:
            found.add(path)
    yield from sorted(found)


def _articles_under(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES and not _NOT_ARTICLES.match(path.stem) \
                and path.is_file():
            yield path


# --- the manifest ---------------------------------------------------------------------------

def read_manifest(folder: Path) -> dict[str, dict]:
    """doc -> {"doc", "url", "jurisdiction", "published"} from folder/manifest.tsv (empty values
    are None); {} when there is none. A malformed manifest raises UnreadableInput naming the line."""
    folder = Path(folder)
    path = folder if folder.name == MANIFEST and folder.is_file() else folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(path, "manifest is not UTF-8") from None
    except OSError as error:
        raise UnreadableInput(path, _os_reason(error)) from None
    lines = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header = [name.strip().lower() for name in lines[0].split("\t")] if lines else []
    if "doc" not in header:
        raise UnreadableInput(path, "line 1: header must name the columns, starting with 'doc' "
                                    f"({', '.join(MANIFEST_COLUMNS)})")
    rows: dict[str, dict] = {}
    for number, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        row = _manifest_row(path, number, header, line)
        if row["doc"] in rows:
            raise UnreadableInput(path, f"line {number}: doc {row['doc']!r} is listed twice")
        rows[row["doc"]] = row
    return rows


def _manifest_row(path: Path, number: int, header: list[str], line: str) -> dict:
    fields = line.split("\t")
    if len(fields) > len(header):
        raise UnreadableInput(path, f"line {number}: {len(fields)} tab-separated fields, "
                                    f"the header has {len(header)}")
    fields += [""] * (len(header) - len(fields))  # editors drop trailing empty fields
    row: dict = {name: (squash_spaces(value) or None) for name, value in zip(header, fields)}
    for name in MANIFEST_COLUMNS:
        row.setdefault(name, None)
    if not row["doc"]:
        raise UnreadableInput(path, f"line {number}: empty doc")
    if row["published"]:
        published = parse_date(row["published"])
        if published is None:
            raise UnreadableInput(path, f"line {number}: published {row['published']!r} is not a "
                                        "date (YYYY-MM-DD)")
        row["published"] = published
    return row


# --- reading one article -------------------------------------------------------------------

def read_article(path: Path, manifest_row: dict | None = None) -> Article:
    """One article file -> Article(doc, text, title, published, url, jurisdiction, content_hash,
    source_path). Raises UnreadableInput with a short reason when the file cannot be read."""
    path = Path(path)
    raw = _read_bytes(path)
    source = _source_text(path, raw)
    title = _clean_title(source.title)
    text, lines, text_title = clean_text(source.text, title)
    if not text:
        raise UnreadableInput(path, "no article text left after removing markup and boilerplate")
    row = manifest_row or {}
    published = (row.get("published") or parse_date(source.published or "")
                 or published_from_lines(lines))
    return Article(doc=path.stem, text=text, url=row.get("url") or None,
                   jurisdiction=row.get("jurisdiction") or None, published=published,
                   title=title or text_title or _clean_title(source.page_title),
                   content_hash=hashlib.sha256(raw).hexdigest(), source_path=str(path))


def _source_text(path: Path, raw: bytes) -> HtmlText:
    """Decoded text, and for HTML (by suffix or by content) the page's own title and date."""
    decoded = decode_bytes(raw, path)
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(raw.lstrip(b"\xef\xbb\xbf")):
        page = html_to_text(decoded.text)
    else:
        page = HtmlText(decoded.text, None, None, None)
    # After the markup is gone, so that letters written as entities (&oslash;) count too.
    text, legacy = repair_font_encoded(page.text, path)
    if legacy is None:
        return page
    return HtmlText(text, *(redecode_font_text(value, legacy) if value else value
                            for value in (page.title, page.page_title)), page.published)


def _clean_title(title: str | None) -> str | None:
    return squash_spaces(modern_tones(nfc(title))) or None if title else None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnreadableInput(path, _os_reason(error)) from None


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, FileNotFoundError):
        return "no such file"
    return (error.strerror or str(error)).lower()


def clean_text(text: str, title: str | None = None) -> tuple[str, list[str], str | None]:
    """Raw decoded text -> (clean text, its lines with "" between paragraphs, title found in it).

    A known title (from HTML) is not searched for, but its repeats are dropped all the same."""
    for newline, meaning in _NEWLINES:
        text = text.replace(newline, meaning)
    text = _INVISIBLE.sub("", text)
    text = modern_tones(nfc(text))
    # str.split() folds every Unicode space (NBSP, thin and ideographic spaces): the same as
    # thidua.text.squash_spaces, at a fraction of a regex's cost.
    text = text.replace("\u200b", " ")
    lines = strip_boilerplate([" ".join(line.split()) for line in text.split("\n")])
    found = None
    if title is not None:
        index = next((i for i, line in enumerate(lines) if title_text(line) == title), None)
    else:
        index = find_title(lines, is_dateline)
        found = title_text(lines[index]) if index is not None else None
    if index is not None:
        lines = drop_title_repeats(lines, index)
    return _join_paragraphs(lines), lines, found


def _join_paragraphs(lines: list[str]) -> str:
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    return "\n\n".join(paragraphs)


# --- dates ----------------------------------------------------------------------------------

_NUMERIC_DATE = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_WORDED_DATE = r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
_TIME = r"\d{1,2}\s*(?::|h)\s*\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
_LABEL = (r"(?:Cập nhật(?: lúc| ngày)?|Ngày cập nhật|Ngày đăng|Đăng ngày|Đăng lúc|Ngày xuất bản|"
          r"Xuất bản|Thời gian(?: đăng)?|Ngày|Published|Posted|Updated)\s*:?\s*")
_WEEKDAY = r"(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật|CN)\s*,?\s*"
_SEP = r"\s*[-,|–]?\s*"
_DATELINES = tuple(re.compile(form, re.IGNORECASE) for form in (
    # "Cập nhật: 24/12/2021 08:45", "Thứ Sáu, 09/12/2022 - 16:20", "(22:15) 02/11/2017"
    rf"(?:{_LABEL})?(?:{_WEEKDAY})?(?:\(?{_TIME}\)?{_SEP})?{_NUMERIC_DATE}(?:{_SEP}{_TIME})?"
    r"(?:\s*\(?GMT\s*[+-]\s*\d+\)?)?",
    rf"(?:{_LABEL})?(?:{_WEEKDAY})?{_WORDED_DATE}(?:{_SEP}{_TIME})?",
    # "Hải Phòng, ngày 21 tháng 07 năm 2019": a place, then the worded date.
    rf"[^\d,]{{2,40}},\s*{_WORDED_DATE}",
))
# "Cụm thi đua số III tổng kết ... năm 2017 (22:15 02/11/2017)": a headline with its stamp.
_HEADLINE_STAMP = re.compile(rf".{{10,}}?\s*\(\s*{_TIME}\s+{_NUMERIC_DATE}\s*\)", re.IGNORECASE)
_SEGMENTS = re.compile(r"\s+\|\s+")
_DATELINE_MAX = 120
_HEADLINE_MAX = 300


def _dateline_match(line: str) -> re.Match | None:
    if len(line) > _DATELINE_MAX:
        return None  # a paragraph, not a dateline: and the patterns need not scan it
    for segment in _SEGMENTS.split(line):
        for form in _DATELINES:
            match = form.fullmatch(segment.strip())
            if match:
                return match
    return None


def is_dateline(line: str) -> bool:
    """'Cập nhật: 24/12/2021 08:45', 'Thứ tư, 21/12/2022 - 15:30', '11/01/2023 | Lượt xem: 486'."""
    return _dateline_match(line) is not None


def published_from_lines(lines: list[str]) -> str | None:
    """The publication date printed in a dateline near the top, as YYYY-MM-DD."""
    for line in [line for line in lines if line][:DATELINE_SCAN]:
        match = _dateline_match(line) or (
            _HEADLINE_STAMP.fullmatch(line) if len(line) <= _HEADLINE_MAX else None)
        date = _valid_date(match["y"], match["m"], match["d"]) if match else None
        if date:
            return date
    return None


def parse_date(value: str) -> str | None:
    """'2019-07-21', '2019-07-21T08:45:00+07:00', '21/07/2019' -> '2019-07-21'; None otherwise."""
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])", value)
    if iso:
        return _valid_date(*iso.groups())
    numeric = re.fullmatch(_NUMERIC_DATE + r"(?:[ ,T].*)?", value)
    if numeric:
        return _valid_date(numeric["y"], numeric["m"], numeric["d"])
    return None


def _valid_date(year: str | None, month: str | None, day: str | None) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None
