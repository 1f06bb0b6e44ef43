"""Named queries as examples for the SPARQL page, their parameters filled with real values."""
from __future__ import annotations

import json
from collections import Counter

from thidua.graph_store.bindings import bind
from thidua.site.gather import Dataset
from thidua.text import fold

# Parameter kind -> the fact argument whose most frequent value makes a good example (counted
# in the dataset's one pass over the facts: tally.COUNTED_ARGUMENTS).
ARGUMENT_OF_KIND = {"bloc": ("leadership", "organization"), "unit": ("award", "recipient"),
                    "agent": ("award", "recipient"), "person": ("position", "member"),
                    "award-type": ("award", "awardType")}


def example_values(data: Dataset) -> dict[str, str]:
    """One real value per parameter kind: the most mentioned entity, the busiest year."""
    tally = data.tally
    counts = {kind: tally.values[pair] for kind, pair in ARGUMENT_OF_KIND.items()}
    years = Counter({year: sum(kinds.values()) for year, kinds in tally.years.items()})
    values = {}
    for kind, found in counts.items():
        if kind in ("unit", "person"):   # recipients are units or people: keep the right kind
            found = Counter({k: n for k, n in found.items() if _kind(data, k) == kind})
        if found:
            values[kind] = min(found, key=lambda k: (-found[k], k))
    if years:
        values["year"] = str(min(years, key=lambda y: (-years[y], y)))
    if "person" in values:
        values["text"] = fold(data.nodes[values["person"]].label)
    return values


def _kind(data: Dataset, iri: str) -> str | None:
    node = data.nodes.get(iri)
    return node.kind if node else None


def _shown(data: Dataset, value: str) -> str:
    return data.nodes[value].label if value in data.nodes else value


def examples(data: Dataset) -> list[dict]:
    """[{name, title, description, query}] for every named query whose parameters can be filled."""
    try:
        from thidua import queries
    except ImportError:
        return []
    values = example_values(data)
    out = []
    for name in queries.names():
        query = queries.get(name)
        bindings, filled = {}, []
        for param in query.params:
            if param.kind in values:
                bindings[param.name] = queries.to_term(None, param, values[param.kind])
                filled.append(f"{param.name} = {_shown(data, values[param.kind])}")
            elif not param.optional:
                break
        else:
            description = query.description + (f" (ví dụ: {'; '.join(filled)})" if filled else "")
            out.append({"name": name, "title": query.title, "description": description,
                        "query": bind(query.text, bindings)})
    return out


def examples_json(items: list[dict]) -> str:
    text = json.dumps(items, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
