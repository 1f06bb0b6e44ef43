"""The ontology files shipped with thidua: thidua.ttl (OWL), award-types.ttl and award-facets.ttl
(SKOS), shapes.ttl (SHACL).

Use these helpers rather than building paths by hand, so the files are found both in a checkout
and in an installed package.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["ONTOLOGY_FILE", "AWARD_TYPES_FILE", "AWARD_FACETS_FILE", "SHAPES_FILE", "AWARD_TYPES_TSV", "AWARD_FACETS_TSV",
           "AWARD_PATTERNS_TSV", "AWARD_HINTS_TSV", "AWARD_AUTHORITY_WORDS", "path", "read_text"]

ONTOLOGY_FILE = "thidua.ttl"
AWARD_TYPES_FILE = "award-types.ttl"
AWARD_FACETS_FILE = "award-facets.ttl"
SHAPES_FILE = "shapes.ttl"
AWARD_TYPES_TSV = "award-types.tsv"
AWARD_FACETS_TSV = "award-facets.tsv"
AWARD_PATTERNS_TSV = "award-patterns.tsv"
AWARD_HINTS_TSV = "award-level-hints.tsv"
AWARD_AUTHORITY_WORDS = "award-authority-words.tsv"


def path(name: str) -> Path:
    """The path of one of the files above (they are package data, installed beside this module)."""
    return Path(str(resources.files(__name__).joinpath(name)))


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
