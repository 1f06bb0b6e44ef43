"""Award types: the SKOS scheme's data (award-types.tsv) and matching award names as news writes them.

`match_award_type("Cờ thi đua xuất sắc của UBND thành phố")` -> "co-thi-dua-cua-ubnd-tinh".
Names and aliases are compared as folded keys (thidua.text.fold after expanding abbreviations),
so case, tone marks, đ/d and "UBND"/"Ủy ban nhân dân" do not matter. Every label, alias
(award-types.tsv), generic pattern (award-patterns.tsv) and level hint (award-level-hints.tsv)
is data; this module only knows how to use them.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from thidua.ontology import (AWARD_AUTHORITY_WORDS, AWARD_HINTS_TSV, AWARD_PATTERNS_TSV,
                             AWARD_TYPES_TSV, read_text)
from thidua.text import clean, expand_abbreviations, fold

__all__ = ["AwardConcept", "AwardTypeRow", "award_concepts", "award_type_rows", "match_award_type",
           "award_key", "read_tsv", "LEVEL_HINTS"]

# The levels a caller can name for the body that confers an award (award-level-hints.tsv).
LEVEL_HINTS = ("government", "ministry", "province", "mass_organisation", "district", "commune",
               "grassroots")


class AwardConcept(NamedTuple):
    pref_label: str
    broader: str | None
    category: str
    level: str


@dataclass(frozen=True)
class AwardTypeRow:
    """One row of award-types.tsv."""
    id: str
    vi_label: str
    en_label: str
    category: str
    level: str
    broader: str | None
    awarded_to: str
    legal_basis: str
    aliases: tuple[str, ...]


def read_tsv(text: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file whose comment lines start with '#'."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: clean(v or "") for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


@lru_cache(maxsize=1)
def award_type_rows() -> tuple[AwardTypeRow, ...]:
    rows = []
    for row in read_tsv(read_text(AWARD_TYPES_TSV)):
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        rows.append(AwardTypeRow(row["id"], row["vi_label"], row["en_label"], row["category"],
                                 row["level"], row["broader"] or None, row["awarded_to"],
                                 row["legal_basis"], aliases))
    return tuple(rows)


def award_concepts() -> dict[str, AwardConcept]:
    """Concept id -> (prefLabel@vi, broader id or None, category, level)."""
    return {r.id: AwardConcept(r.vi_label, r.broader, r.category, r.level) for r in award_type_rows()}


def award_key(text: str) -> str:
    """The comparison key of an award name: abbreviations expanded, then folded."""
    return fold(expand_abbreviations(clean(text)))


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, frozenset[str]]:
    """Folded label or alias -> the concepts that carry it (more than one: ambiguous)."""
    index: dict[str, set[str]] = {}
    for row in award_type_rows():
        for name in (row.vi_label, *row.aliases):
            key = award_key(name)
            if key:
                index.setdefault(key, set()).add(row.id)
    return {key: frozenset(ids) for key, ids in index.items()}


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, str], ...]:
    known = award_concepts()
    patterns = []
    for row in read_tsv(read_text(AWARD_PATTERNS_TSV)):
        if row["concept"] not in known:
            raise ValueError(f"{AWARD_PATTERNS_TSV}: unknown concept {row['concept']!r}")
        patterns.append((re.compile(r"\b" + row["pattern"] + r"\b"), row["concept"]))
    return tuple(patterns)


@lru_cache(maxsize=1)
def _level_hints() -> dict[tuple[str, str], str]:
    known = award_concepts()
    hints = {}
    for row in read_tsv(read_text(AWARD_HINTS_TSV)):
        for concept in (row["generic"], row["specific"]):
            if concept not in known:
                raise ValueError(f"{AWARD_HINTS_TSV}: unknown concept {concept!r}")
        if row["hint"] not in LEVEL_HINTS:
            raise ValueError(f"{AWARD_HINTS_TSV}: unknown hint {row['hint']!r}")
        hints[(row["generic"], row["hint"])] = row["specific"]
    return hints


@lru_cache(maxsize=1)
def _authority_words() -> re.Pattern:
    """Words that say who confers an award ("của UBND", "cấp tỉnh"): with one of them the article
    named the authority, so a level hint must not override it."""
    words = [line.strip() for line in read_text(AWARD_AUTHORITY_WORDS).splitlines()
             if line.strip() and not line.startswith("#")]
    return re.compile(r"\b(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b")


@dataclass(frozen=True)
class _Match:
    concept: str
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


def _alias_matches(key: str) -> list[_Match]:
    padded = f" {key} "
    found = []
    for alias, concepts in _alias_index().items():
        if len(concepts) != 1:
            continue  # an alias two concepts share ("HC") decides nothing
        at = padded.find(f" {alias} ")
        if at >= 0:
            found.append(_Match(next(iter(concepts)), at, at + len(alias)))
    return found


def _pattern_matches(key: str) -> list[_Match]:
    found = []
    for pattern, concept in _patterns():
        m = pattern.search(key)
        if m:
            found.append(_Match(concept, m.start(), m.end()))
    return found


def match_award_type(text: str, jurisdiction_level_hint: str | None = None) -> str | None:
    """The award-type concept id of an award name as written in news, or None.

    The longest label, alias or generic pattern found in the name wins (ties: the earliest,
    then the pattern over the alias). When only a generic type matched ("Bằng khen",
    "Cờ thi đua xuất sắc") and the name does not say who confers it, `jurisdiction_level_hint`
    (one of LEVEL_HINTS: the level of the body that confers it, e.g. "province" for an article
    about a provincial people's committee) picks the specific type.
    """
    if jurisdiction_level_hint is not None and jurisdiction_level_hint not in LEVEL_HINTS:
        raise ValueError(f"unknown jurisdiction level hint {jurisdiction_level_hint!r}; "
                         f"use one of {', '.join(LEVEL_HINTS)}")
    key = award_key(text or "")
    if not key:
        return None
    candidates = _pattern_matches(key) + _alias_matches(key)
    if not candidates:
        return None
    best = max(candidates, key=lambda m: (m.length, -m.start))
    if key.startswith(" cua ", best.end):
        # "Cờ thi đua xuất sắc của Ban Thường vụ Tỉnh ủy": an alias that assumes an issuer, read
        # before the issuer the name states and no label covers; only the broadest type is sure.
        return min(candidates, key=lambda m: (m.length, m.start)).concept
    if jurisdiction_level_hint:
        specific = _level_hints().get((best.concept, jurisdiction_level_hint))
        if specific and not _authority_words().search(key):
            return specific
    return best.concept
