"""Helpers for the extractor tests: facts of one sentence or a few lines, minus provenance."""
from __future__ import annotations

from thidua.loaders.extract import extract


def facts(text: str, jurisdiction: str | None = None, published: str | None = None,
          ftype: str | None = None) -> list[dict]:
    out = []
    for f in extract(text, "t", jurisdiction=jurisdiction, published=published):
        if ftype and f["type"] != ftype:
            continue
        out.append({k: v for k, v in f.items()
                    if k not in ("doc", "evidence", "span", "award_type", "type" if ftype else "")})
    return out


def positions(text: str, jurisdiction: str | None = None) -> list[tuple]:
    """(person, role, organization) of each position fact extracted from `text`."""
    return [(f["person"], f["role"], f["organization"]) for f in facts(text, jurisdiction, None, "position")]
