"""The client-side search index: labels and alternative labels, accent-folded in Python.

Written as a script that sets `window.THIDUA_SEARCH`, so search works from file:// too
(a fetch() of a JSON file would not).
"""
from __future__ import annotations

import json

from thidua.site.index import KIND_LABELS, SiteIndex
from thidua.text import fold

SEARCHED_KINDS = ("bloc", "unit", "person", "jurisdiction", "role", "award_type", "article", "year")


def entries(index: SiteIndex) -> list[list[str]]:
    out = []
    for iri, path in index.pages.items():
        node = index.data.nodes[iri]
        if node.kind not in SEARCHED_KINDS:
            continue
        names = {node.label, *node.alt, *node.pref.values(), *node.plain.values()}
        if node.kind == "article" and iri in index.data.articles:
            names.add(index.data.articles[iri].doc)
        keys = "\n".join(sorted({fold(n) for n in names if n}))
        out.append([node.label, KIND_LABELS[node.kind], path, keys])
    return sorted(out, key=lambda e: (e[3], e[2]))


def script(items: list[list[str]]) -> str:
    body = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    # Inert inside any HTML context, though it is only ever loaded as a script file.
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.THIDUA_SEARCH = {body};\n"
