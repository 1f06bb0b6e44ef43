"""The word lists the extractor reads (loaders/lexicons/extract-*.{txt,tsv}), loaded once."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from thidua.text import fold, nfc


def _lines(name: str) -> list[str]:
    text = resources.files("thidua.loaders").joinpath(f"lexicons/{name}").read_text(encoding="utf-8")
    return [nfc(line.rstrip("\n")) for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("\t")] for line in _lines(name)]


@lru_cache(maxsize=1)
def legal_forms() -> re.Pattern:
    forms = sorted(_lines("extract-legal-forms.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")


@lru_cache(maxsize=1)
def lower_case_heads() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """Unit heads that may be written in lower case (as word tuples), and what may precede them."""
    return (frozenset(tuple(line.split()) for line in _lines("extract-lower-case-heads.txt")),
            frozenset(_lines("extract-lower-case-head-openers.txt")))


@lru_cache(maxsize=1)
def not_blocs() -> frozenset[tuple[str, str]]:
    """First two words (lower case) after "Khối" / "Cụm" that name no emulation bloc."""
    return frozenset(tuple((line.lower().split() + [""])[:2]) for line in _lines("extract-not-blocs.txt"))


@lru_cache(maxsize=1)
def bloc_member_kinds() -> tuple[tuple[str, ...], ...]:
    """Kinds of members (lower-case word tuples, longest first) that name a bloc after "Khối các"."""
    kinds = {tuple(line.replace(",", " ,").split()) for line in _lines("extract-bloc-member-kinds.txt")}
    return tuple(sorted(kinds, key=len, reverse=True))


@lru_cache(maxsize=1)
def branch_words() -> tuple[tuple[str, ...], ...]:
    """Words naming a branch after a dash (lexicons/extract-branch-words.txt), in lower case."""
    return tuple(tuple(line.lower().split()) for line in _lines("extract-branch-words.txt"))


@lru_cache(maxsize=1)
def sector_branches() -> tuple[tuple[str, str], ...]:
    """(sector, its provincial body's head), longest sector first (lexicons/extract-sector-branches.tsv)."""
    return tuple(sorted(((r[0], r[1]) for r in _rows("extract-sector-branches.tsv")), key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def bloc_lower_case_names() -> tuple[tuple[str, ...], ...]:
    """Lower-case words that name a bloc after a capitalised "Khối" (lexicons/extract-bloc-lower-case-names.txt)."""
    return tuple(tuple(line.split()) for line in _lines("extract-bloc-lower-case-names.txt"))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(_lines("extract-surnames.txt"))


@lru_cache(maxsize=1)
def not_units() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Opening words (lower case) that look like a unit's head word but name no unit, by
    their first word."""
    table: dict[str, list] = {}
    for line in _lines("extract-not-units.txt"):
        words = tuple(line.lower().split())
        table.setdefault(words[0], []).append(words)
    return {first: tuple(entries) for first, entries in table.items()}


@lru_cache(maxsize=1)
def historical_names() -> frozenset[str]:
    return frozenset(_lines("extract-historical-names.txt"))


@lru_cache(maxsize=1)
def honorifics() -> tuple[str, ...]:
    return tuple(sorted(_lines("extract-honorifics.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def stop_phrases() -> tuple[tuple[str, ...], ...]:
    """Stop phrases as lower-case word tuples, longest first."""
    phrases = {tuple(line.lower().split()) for line in _lines("extract-stopwords.txt")}
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def dash_compounds() -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """The last word before the dash -> (words before, words after) of each paired field
    ("kinh tế - xã hội"), in lower case, longest first."""
    table: dict[str, list] = {}
    for line in _lines("extract-dash-compounds.txt"):
        parts = [part.lower().split() for part in line.split(" - ")]
        for cut in range(1, len(parts)):            # "nông - lâm - ngư": at either dash
            before = tuple(w for part in parts[:cut] for w in part + ["-"])[:-1]
            after = tuple(w for part in parts[cut:] for w in part + ["-"])[:-1]
            table.setdefault(before[-1], []).append((before, after))
    return {k: tuple(sorted(set(v), key=lambda e: -len(e[1]))) for k, v in table.items()}


@lru_cache(maxsize=1)
def roles() -> tuple[tuple[tuple[str, ...], str, str, str], ...]:
    """(surface words, canonical role, embedded org head, implied org), longest first."""
    out = []
    for row in _rows("extract-roles.tsv"):
        row += [""] * (4 - len(row))
        out.append((tuple(row[0].split()), row[1], row[2], row[3]))
    return tuple(sorted(out, key=lambda r: len(r[0]), reverse=True))


@lru_cache(maxsize=1)
def unit_heads() -> tuple[tuple[tuple[str, ...], str], ...]:
    rows = [(tuple(r[0].split()), r[1]) for r in _rows("extract-unit-heads.tsv")]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


@lru_cache(maxsize=1)
def agencies() -> tuple[tuple[str, ...], ...]:
    """Full agency names as word tuples (words keep their punctuation tokens), longest first."""
    from thidua.loaders.extract.tokens import tokenize
    names = {tuple(t.text.lower() for t in tokenize(expand(line))) for line in _lines("extract-agencies.txt")}
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def leadership_cues() -> tuple[tuple[tuple[str, ...], str], ...]:
    rows = [(tuple(r[0].lower().split()), r[1]) for r in _rows("extract-leadership.tsv")]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


@lru_cache(maxsize=1)
def award_openers() -> tuple[tuple[tuple[str, ...], bool], ...]:
    rows = [(tuple(r[0].lower().split()), r[1] == "yes") for r in _rows("extract-awards.tsv")]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


@lru_cache(maxsize=1)
def status_cues() -> re.Pattern:
    cues = sorted((r[0] for r in _rows("extract-status-cues.tsv")), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, cues)) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """Folded bare province or city name -> its full name with the admin word ("tỉnh An Giang").

    Read from the resolution engineer's jurisdictions list (one source of truth)."""
    table: dict[str, str] = {}
    for row in _rows("resolve-jurisdictions.tsv"):
        full = row[1]
        bare = re.sub(r"^(thành phố|tỉnh) ", "", full)
        table[fold(bare)] = full
        for variant in (row[3].split("|") if len(row) > 3 and row[3] else []):
            if " " in variant.strip():
                table.setdefault(fold(variant), full)
    return table


@lru_cache(maxsize=1)
def districts() -> dict[str, dict[str, tuple[tuple[str, str], ...]]]:
    """Province (full name, folded) -> folded district name -> its (level, name) pairs: one,
    or two when a province has a city and a district of one name (thành phố and huyện Cao Lãnh)."""
    table: dict[str, dict[str, list]] = {}
    known = provinces()
    for province, district, level in _rows("districts.tsv"):
        ours = known.get(fold(re.sub(r"^(thành phố|tỉnh) ", "", province)), province)
        for key in {fold(province), fold(ours)}:
            table.setdefault(key, {}).setdefault(fold(district), []).append((level, district))
    # "tỉnh Thừa Thiên Huế" became "thành phố Huế" (resolve-jurisdictions.tsv: became-2025):
    # the catalogue lists the districts under the new name only.
    names = {row[0]: row[1] for row in _rows("resolve-jurisdictions.tsv")}
    for row in _rows("resolve-jurisdictions.tsv"):
        if len(row) > 2 and row[2].startswith("became-2025:") and row[2][12:] in names:
            table.setdefault(fold(row[1]), table.get(fold(names[row[2][12:]]), {}))
    return {p: {d: tuple(v) for d, v in ds.items()} for p, ds in table.items()}


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Folded names of cities: the centrally governed ones and the provinces' own (districts.tsv),
    and HCM, as "TP. HCM" is written."""
    cities = {bare for bare, full in provinces().items() if full.startswith("thành phố")}
    cities |= {d for ds in districts().values() for d, pairs in ds.items()
               if any(level == "thành phố" for level, _ in pairs)}
    return frozenset(cities | {"hcm"})


def district_of(name: str, jurisdiction: str | None) -> str | None:
    """"Đức Trọng" in tỉnh Lâm Đồng -> "huyện Đức Trọng"; None when the province has no such
    district, or two of that name."""
    found = districts().get(fold(jurisdiction), {}).get(fold(name)) if jurisdiction else None
    if not found or len(found) > 1:
        return None
    level, _ = found[0]
    return f"{level} {name}"


class AnyPhrase:
    """Does a text hold any of these phrases (plain substrings)? str's own search runs `in`
    several times faster than the regex engine runs an alternation of literals over the same
    characters, so the hints that let a sentence skip a recogniser are tested this way."""
    __slots__ = ("phrases",)

    def __init__(self, phrases):
        # A phrase holding a shorter one adds nothing: whenever it occurs, so does the shorter.
        kept: list[str] = []
        for phrase in sorted(set(phrases), key=len):
            if not any(k in phrase for k in kept):
                kept.append(phrase)
        self.phrases = tuple(kept)

    def search(self, text: str) -> bool:
        for phrase in self.phrases:
            if phrase in text:
                return True
        return False


def literal_pattern(phrases, tails: dict[str, str] | None = None) -> str:
    """A regex matching exactly the given literal strings, written as a trie ("Ph(?:ó Chủ
    tịch|ó Giám đốc)" shares its prefix): the engine tries one branch per character instead
    of every phrase at every position, and a pattern that opens with literals lets it skip
    to the next possible first letter. `tails` may give a phrase a pattern that must follow
    it (a lookahead or lookbehind, say). For hints that test whether any phrase occurs;
    which phrase matched is not what it preserves."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add((tails or {}).get(phrase, ""))   # a phrase ends here
    return _trie_pattern(root)


def _trie_pattern(node: dict) -> str:
    ends = node.get("", set())
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if "" in ends:                  # a phrase ends here with nothing to follow: the rest may
        return "(?:" + "|".join(branches) + ")?" if branches else ""
    branches += sorted(ends)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def by_first_word(entries, lower: bool = True) -> dict[str, tuple]:
    """entries (words tuple first) grouped by their first word, longest first within a group:
    a recogniser then tries only the entries that can start at a token."""
    table: dict[str, list] = {}
    for entry in entries:
        first = entry[0][0]
        table.setdefault(first.lower() if lower else first, []).append(entry)
    return {k: tuple(sorted(v, key=lambda e: len(e[0]), reverse=True)) for k, v in table.items()}


# Portals write the joiner of names as an en or em dash as often as a hyphen ("Văn hóa –
# Xã hội", "bà A — Phó Chủ tịch"); the rules read one hyphen.
_DASHES = ("\u2013", "\u2014", "\u2012", "\u2212")


# "Cụm Thi đua số IV-Bộ Tài nguyên và Môi trường": the bloc's number, then its ministry; the
# tokenizer would keep "IV-Bộ" as one word.
_NUMBER_DASH_NAME = re.compile(r"\b((?:số|thứ) (?:[IVXL]+|\d{1,2}))-(?=[A-ZĐÀ-Ỹ])")


def expand(text: str) -> str:
    from thidua.text import clean, expand_abbreviations
    for dash in _DASHES:      # str.replace is far cheaper than str.translate with a table
        if dash in text:
            text = text.replace(dash, "-")
    if "-" in text:
        text = _NUMBER_DASH_NAME.sub(r"\1 - ", text)
    return clean(expand_abbreviations(text))
