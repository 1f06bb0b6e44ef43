"""Named SPARQL queries: one `.rq` file each, with a `#` comment header.

Header lines: `# title: …`, `# description: …`, and one `# param: NAME KIND [optional] — help`
per parameter, where KIND says how a user's value becomes an RDF term:

    bloc | unit | person | agent | award-type   an IRI, or a name looked up in the labels
    year                                       an integer year (xsd:gYear)
    text                                       free text, accent-folded (đ -> d) for search

Values are bound through graph_store (a VALUES block), never pasted into the query text.

An optional `# order: VAR …` line makes `run` sort the rows by those variables' values (as
strings, unbound first), for queries that return many rows: Oxigraph's ORDER BY reads each IRI
and string from disk again at every comparison (12 s of a 13 s query at 1M quads), while the
rows reach Python with their values already read.

A `# summary: NAME` line says the query reads the materialised summary NAME (queries/summary.py)
instead of aggregating the facts: when it returns no rows and the store has no such summary,
`run` raises SummaryMissing (naming `thidua summaries`) rather than answer "nothing".
See docs/queries.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from pyoxigraph import Literal, NamedNode

from thidua.errors import MissingParameter, ThiduaError, UnknownParameter, UnknownQuery
from thidua.text import clean, fold
from thidua.vocab import XSD, sparql_prefixes

ENTITY_KINDS = {"bloc": ["EmulationBloc"],
                "unit": ["Unit", "Agency", "PeoplesCommittee", "AdministrativeArea", "Enterprise",
                         "MassOrganisation", "PartyCommittee"],
                "person": ["Person"]}
ENTITY_KINDS["agent"] = ENTITY_KINDS["unit"] + ENTITY_KINDS["person"]
PARAM_KINDS = set(ENTITY_KINDS) | {"award-type", "year", "text"}
_PARAM = re.compile(r"(?P<name>\w+)\s+(?P<kind>[\w-]+)(?P<optional>\s+optional)?\s*(?:[—-]+\s*(?P<help>.*))?")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    optional: bool = False
    help: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    order: tuple[str, ...] = ()
    summary: str | None = None

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise UnknownParameter(self.name, name, [p.name for p in self.params])


@lru_cache(maxsize=None)
def packaged_texts(subfolder: str, suffix: str) -> dict[str, str]:
    """The files `queries/{subfolder}/*{suffix}` shipped in the package: name -> text, by name.
    The one reader of packaged SPARQL: named queries (.rq) and summaries (summaries/*.ru)."""
    folder = resources.files("thidua.queries")
    if subfolder:
        folder = folder.joinpath(subfolder)
    return {entry.name[:-len(suffix)]: entry.read_text(encoding="utf-8")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(suffix)}


@lru_cache(maxsize=None)
def _all() -> dict[str, NamedQuery]:
    return {name: parse_query_file(name, text) for name, text in packaged_texts("", ".rq").items()}


def names() -> list[str]:
    return sorted(_all())


def get(name: str) -> NamedQuery:
    try:
        return _all()[name]
    except KeyError:
        raise UnknownQuery(name, names()) from None


def parse_query_file(name: str, text: str) -> NamedQuery:
    meta: dict[str, str] = {}
    params, order, summary = [], (), None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        key, _, value = line.lstrip("# ").partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            m = _PARAM.match(value)
            if not m or m["kind"] not in PARAM_KINDS:
                raise ThiduaError(f"queries/{name}.rq: bad param line {value!r}")
            params.append(Param(m["name"], m["kind"], bool(m["optional"]), (m["help"] or "").strip()))
        elif key == "order":
            order = tuple(v.lstrip("?") for v in value.split())
        elif key == "summary":
            summary = value
        elif key in ("title", "description"):
            meta[key] = (meta.get(key, "") + " " + value).strip()
    if "title" not in meta:
        raise ThiduaError(f"queries/{name}.rq: the header has no '# title:' line")
    unknown = [v for v in order if v not in result_variables(text)]
    if unknown:
        raise ThiduaError(f"queries/{name}.rq: '# order:' names {unknown}, not selected by the query")
    return NamedQuery(name, meta["title"], meta.get("description", ""), text, tuple(params), order,
                      summary)


def bind_params(store, query: NamedQuery, values: dict[str, str]) -> dict:
    """Turn the user's text values into RDF terms (names are looked up in the labels)."""
    bindings = {}
    for name, value in values.items():
        param = query.param(name)
        bindings[name] = to_term(store, param, value)
    missing = [p.name for p in query.params if not p.optional and p.name not in bindings]
    if missing:
        raise MissingParameter(query.name, missing)
    return bindings


def to_term(store, param: Param, value: str):
    value = clean(value)
    if param.kind == "year":
        if not value.isdigit():
            raise ThiduaError(f"--param {param.name}: {value!r} is not a year")
        return Literal(f"{int(value):04d}", datatype=XSD.gYear)
    if param.kind == "text":
        return Literal(fold(value))
    if value.startswith(("http://", "https://")):
        return NamedNode(value)
    if param.kind == "award-type":
        return _lookup(store, param, value, None)
    return _lookup(store, param, value, ENTITY_KINDS[param.kind])


# The name is bound as each form a label takes (Vietnamese, English, no language), so the store
# finds the labels by value instead of comparing the name with every label it holds.
_LOOKUP = sparql_prefixes(["td", "skos", "rdf"]) + """
SELECT DISTINCT ?e ?class WHERE {
  { ?e skos:prefLabel ?vi } UNION { ?e skos:altLabel ?vi }
  UNION { ?e skos:prefLabel ?en } UNION { ?e skos:altLabel ?en }
  UNION { ?e skos:prefLabel ?plain } UNION { ?e skos:altLabel ?plain }
  ?e rdf:type ?class .
}"""
_LOOKUP_FOLDED = sparql_prefixes(["td", "skos", "rdf"]) + """
SELECT DISTINCT ?e ?class WHERE { ?e skos:hiddenLabel ?folded ; rdf:type ?class . }"""


def _lookup(store, param: Param, value: str, classes: list[str] | None) -> NamedNode:
    """An entity IRI for a name: exact label first, then the accent-folded label."""
    wanted = None if classes is None else {"https://w3id.org/thidua/ontology#" + c for c in classes}
    concept = "http://www.w3.org/2004/02/skos/core#Concept"
    names = {"vi": Literal(value, language="vi"), "en": Literal(value, language="en"),
             "plain": Literal(value)}
    for query, bindings in ((_LOOKUP, names),
                            (_LOOKUP_FOLDED, {"folded": Literal(fold(value))})):
        rows = store.select(query, bindings)
        hits = sorted({r["e"].value for r in rows
                       if (r["class"].value in wanted if wanted else r["class"].value == concept)})
        if len(hits) == 1:
            return NamedNode(hits[0])
        if len(hits) > 1:
            raise ThiduaError(f"--param {param.name}: {value!r} names {len(hits)} entities; "
                              f"pass one IRI instead: {', '.join(hits[:10])}")
    raise ThiduaError(f"--param {param.name}: no {param.kind} named {value!r} in the store "
                      f"(try `thidua query search --param q=…`)")


def run(store, name: str, params: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Run a named query with the user's parameter values: (variables, rows)."""
    query = get(name)
    bindings = bind_params(store, query, params or {})
    rows = store.select(query.text, bindings)
    if not rows and query.summary:
        from thidua.queries import summary
        if not summary.exists(store, query.summary):
            raise summary.SummaryMissing(query.summary, store.location)
    if query.order:
        rows.sort(key=_sort_key(query.order))
    return result_variables(query.text), rows


_UNBOUND = Literal("")


def _sort_key(order: tuple[str, ...]):
    """The rows' values of `order` joined by NUL, which sorts before every other character and
    which no IRI holds (nor article text: loaders/reading.py strips it): the order of the tuple
    of values, at a third of the cost of building and comparing tuples (38,000 network edges:
    245 -> 90 ms). An unbound value sorts as "", before every other: where SPARQL puts it."""
    def key(row: dict) -> str:
        return "\0".join([row.get(v, _UNBOUND).value for v in order])
    return key


def result_variables(text: str) -> list[str]:
    """The projected variables of a SELECT, in order (for table and CSV headers)."""
    head = re.search(r"SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*(?:WHERE|\{)", text,
                     re.IGNORECASE | re.DOTALL)
    if not head:
        return []
    names = []
    for m in re.finditer(r"\(\s*.*?\s+AS\s+\?(\w+)\s*\)|\?(\w+)", head.group(1), re.DOTALL):
        names.append(m.group(1) or m.group(2))
    return names
