"""Plain data passed between the loader stages (reading -> extraction -> resolution -> RDF)."""
from __future__ import annotations

from dataclasses import dataclass, field

# The interchange format (shared/eval/FORMAT.md): fact type -> its entity fields and their kinds.
FACT_FIELDS = {
    "event": ("bloc", "date"),
    "membership": ("bloc", "unit"),
    "head": ("bloc", "unit", "year", "role"),
    "award": ("award", "recipient", "recipient_kind", "year", "status"),
    "position": ("person", "role", "organization"),
}
REQUIRED_FIELDS = {
    "event": ("bloc", "date"),
    "membership": ("bloc", "unit"),
    "head": ("bloc", "unit", "year", "role"),
    "award": ("award", "recipient", "status"),
    "position": ("person", "role", "organization"),
}
ENTITY_FIELDS = {"bloc": "bloc", "unit": "unit", "recipient": None, "person": "person",
                 "organization": "unit"}  # field -> entity kind (recipient: by recipient_kind)
ID_FIELDS = {"bloc": "bloc_id", "unit": "unit_id", "recipient": "recipient_id",
             "person": "person_id", "organization": "organization_id"}


def entity_kind(fact: dict, field: str) -> str:
    kind = ENTITY_FIELDS[field]
    if kind is None:
        return "person" if fact.get("recipient_kind") == "person" else "unit"
    return kind


@dataclass
class Article:
    """One source document: its metadata and (for articles, not facts files) its clean text."""
    doc: str
    text: str | None = None
    url: str | None = None
    jurisdiction: str | None = None     # "thành phố Hải Phòng", from the manifest or the text
    published: str | None = None        # YYYY-MM-DD
    title: str | None = None
    content_hash: str | None = None     # sha256 of the input bytes: drives incremental loading
    source_path: str | None = None


@dataclass
class Entity:
    """A resolved bloc, unit or person: one node of the graph."""
    iri: str
    kind: str                            # bloc | unit | person
    label: str                           # canonical name, NFC, abbreviations expanded
    alt_labels: set[str] = field(default_factory=set)
    jurisdiction: str | None = None
