"""What the Resolver decided and why: merges and near-misses, for `thidua review`."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Merge:
    """A name that became (a variant of) an entity that was already known under another name."""
    kind: str
    iri: str
    label: str        # the entity's label when the variant joined it
    variant: str      # the name as the fact wrote it
    doc: str
    reason: str

    def as_dict(self) -> dict:
        return {"decision": "merged", **asdict(self)}


@dataclass(frozen=True)
class NearMiss:
    """Two entities whose names are close enough to be one, kept apart, and why."""
    kind: str
    iri_a: str
    label_a: str
    iri_b: str
    label_b: str
    reason: str

    def as_dict(self) -> dict:
        return {"decision": "kept apart", **asdict(self)}


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when one insertion, deletion or substitution (or none) turns a into b."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]
