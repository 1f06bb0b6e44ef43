"""Bind parameter values into a SPARQL query: the only place values meet query text.

Values are RDF terms serialised by pyoxigraph (N-Triples syntax, escaped), placed in a
VALUES block at the start of the query's WHERE group, so they are in scope for every triple
pattern, FILTER and aggregate. User text never becomes query syntax: a literal stays a literal.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

from pyoxigraph import BlankNode, Literal, NamedNode

from thidua.errors import ThiduaError

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_WHERE = re.compile(r"WHERE\b", re.IGNORECASE)


def bind(query: str, bindings: Mapping[str, NamedNode | Literal] | None) -> str:
    if not bindings:
        return query
    names, values = [], []
    for name, term in sorted(bindings.items()):
        names.append(_variable(name))
        values.append(_value(name, term))
    at = _where_group_start(query)
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(values)}) }} "
    return query[:at] + block + query[at:]


def bind_rows(query: str, name: str, terms: Iterable[NamedNode | Literal]) -> str:
    """`query` with a VALUES block giving `?name` one row per term: one query looks up many
    nodes at once. The terms are checked and serialised as in `bind`."""
    rows = " ".join(_value(name, term) for term in terms)
    at = _where_group_start(query)
    return query[:at] + f" VALUES {_variable(name)} {{ {rows} }} " + query[at:]


def _variable(name: str) -> str:
    if not _VARIABLE.match(name):
        raise ThiduaError(f"invalid parameter name {name!r}")
    return "?" + name


def _value(name: str, term) -> str:
    if not isinstance(term, (NamedNode, Literal)) or isinstance(term, BlankNode):
        raise ThiduaError(f"parameter {name!r} must be an IRI or a literal")
    return str(term)


def _where_group_start(query: str) -> int:
    """Index just after the '{' that opens the outermost WHERE group."""
    masked = _mask(query)
    # WHERE is optional in SELECT and ASK; in CONSTRUCT it follows the template group.
    after_where = _WHERE.search(masked) is None
    depth = 0
    for i, ch in enumerate(masked):
        if not after_where and depth == 0 and _WHERE.match(masked, i):
            after_where = True
        elif ch == "{":
            if depth == 0 and after_where:
                return i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
    raise ThiduaError("cannot bind parameters: the query has no WHERE group")


def _mask(query: str) -> str:
    """The query with comments, strings and IRIs blanked out, offsets unchanged."""
    out, i, n = list(query), 0, len(query)
    while i < n:
        ch = query[i]
        if ch == "#":
            j = query.find("\n", i)
            j = n if j < 0 else j
        elif ch == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", query[i:]):
            j = i + re.match(r"<[^<>\"{}|^`\\\s]*>", query[i:]).end()
        elif ch in "\"'":
            quote = query[i:i + 3] if query[i:i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            j = min(n, j + len(quote))
        else:
            i += 1
            continue
        for k in range(i, j):
            if out[k] != "\n":
                out[k] = " "
        i = j
    return "".join(out)
