"""One SHACL run over a batch of named graphs: the work of a validation worker.

A SHACL engine's cost is mostly per run and per shape, so many article graphs are merged into
one data graph and checked together. Every subject remembers the graph (or graphs) that hold
it, so each violation still names its graph and node. A batch arrives as N-Triples bytes
(pyoxigraph writes and parses them in Rust; pickling its terms is ten times slower), with a
context: the types of the nodes the batch points to, from the entities graph, which `sh:class`
needs but which are not reported on here.

Two engines give the same violations (tests/test_validate.py compares them):
`shacl-rust` (the default: the SHACL validator in Rust reads the N-Triples text as it is) and
`pyshacl` (the reference, on an rdflib graph; about ten times slower).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse, serialize

from thidua.errors import ThiduaError
from thidua.ontology import AWARD_FACETS_FILE, AWARD_TYPES_FILE, ONTOLOGY_FILE, SHAPES_FILE, path
from thidua.vocab import PREFIXES

__all__ = ["Violation", "Part", "Batch", "Outcome", "ENGINES", "DEFAULT_ENGINE", "check_batch",
           "pointed_to", "shapes_text", "shape_vocabulary", "message", "warm"]

log = logging.getLogger(__name__)

ENGINES = ("pyshacl", "shacl-rust")
# pyshacl is the well-kept reference engine. shacl-rust (the optional `fast` extra) gives the same
# reports, checked by tests/test_validate.py, about 3.5x faster: the choice for large corpora.
DEFAULT_ENGINE = "pyshacl"
SHAPES_PREFIX = ("tdsh", "https://w3id.org/thidua/shapes#")
# Facts have no name of their own: the award or role as written says which one it is.
_LABEL_PROPERTIES = tuple(PREFIXES[p] + n for p, n in (
    ("skos", "prefLabel"), ("rdfs", "label"), ("td", "awardLabel"), ("td", "roleLabel")))


@dataclass(frozen=True)
class Violation:
    graph: str
    node: str
    label: str | None
    shape: str
    message: str
    path: str | None = None
    value: str | None = None

    def line(self) -> str:
        """One line whatever the data holds: labels and values may contain line breaks."""
        label = f" ({_one_line(self.label)})" if self.label else ""
        value = f" [value: {_one_line(self.value)}]" if self.value else ""
        return (f"graph <{self.graph}>: node <{self.node}>{label} violates {self.shape}: "
                f"{_one_line(self.message)}{value}")

    def sort_key(self) -> tuple:
        return (self.node, self.shape, self.message, self.value or "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Part:
    """One named graph of a batch (or one chunk of the entities graph), as N-Triples bytes."""
    graph: str
    nquads: bytes


@dataclass(frozen=True)
class Batch:
    parts: tuple[Part, ...]
    # N-Triples of nodes the parts point to: in the data graph, never reported on.
    context: bytes = b""
    # Old layout, whole store: a store-wide query reports labels that differ between graphs,
    # so sh:uniqueLang on a node that several graphs of this batch describe is that query's.
    labels_compared_elsewhere: bool = False
    engine: str = DEFAULT_ENGINE


@dataclass(frozen=True)
class Outcome:
    """What one part gave: its violations, or the reason it could not be checked."""
    graph: str
    violations: tuple[Violation, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class _Result:
    """One top-level validation result, terms in N-Triples syntax, whichever the engine."""
    focus: str
    shape: str
    component: str
    message: str
    path: str | None
    value: str | None


# -- shapes and vocabulary (parsed once per process, with pyoxigraph: no rdflib here) ---------

_SH = "http://www.w3.org/ns/shacl#"
_UNIQUE_LANG = _SH + "UniqueLangConstraintComponent"
# Only the vocabulary the shapes read: rdfs:subClassOf (so sh:class td:Unit accepts a
# td:Agency) and skos:inScheme (tdsh:AwardTypeConceptShape). The whole ontology would triple
# the size of a typical article graph, and the time with it.
_SHAPE_VOCABULARY = (PREFIXES["rdfs"] + "subClassOf", PREFIXES["skos"] + "inScheme")


@lru_cache(maxsize=1)
def shapes_text() -> str:
    return path(SHAPES_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _shape_messages() -> dict[str, str]:
    """Shape IRI -> its sh:message: the same words whichever engine found the violation."""
    return {t.subject.value: t.object.value
            for t in parse(shapes_text(), format=RdfFormat.TURTLE)
            if t.predicate.value == _SH + "message" and isinstance(t.subject, NamedNode)}


@lru_cache(maxsize=1)
def shape_vocabulary() -> bytes:
    """The vocabulary the shapes read, as N-Triples."""
    triples = [t for name in (ONTOLOGY_FILE, AWARD_TYPES_FILE, AWARD_FACETS_FILE)
               for t in parse(path=str(path(name)), format=RdfFormat.TURTLE)
               if t.predicate.value in _SHAPE_VOCABULARY and isinstance(t.subject, NamedNode)
               and isinstance(t.object, NamedNode)]
    return serialize(triples, format=RdfFormat.N_TRIPLES)


def warm(engine: str = DEFAULT_ENGINE) -> None:
    """Parse the shapes and vocabulary once per worker, not once per batch."""
    shapes_text()
    _shape_messages()
    shape_vocabulary()
    if engine == "pyshacl":
        from thidua.ontology.shacl_pyshacl import warm as warm_pyshacl
        warm_pyshacl()


# -- reading the parts ---------------------------------------------------------------------------

# pyoxigraph writes one triple per line, `<s> <p> <o> .`, IRIs without spaces or `>` and
# literals without line breaks: a regular expression finds subjects and IRI objects at C speed,
# where a Python loop over parsed triples would cost more than the SHACL run itself.
_SUBJECT = re.compile(rb"^(<[^>]*>|_:\S+) ", re.M)
_IRI_OBJECT = re.compile(rb" (<[^>]*>) \.$", re.M)
_LABEL_LINE = re.compile(rb"^(?:<[^>]*>|_:\S+) <(?:" + b"|".join(
    re.escape(p.encode()) for p in _LABEL_PROPERTIES) + rb")> .*$", re.M)


def pointed_to(parts: Iterable[Part]) -> set[str]:
    """IRIs the parts use as objects without describing them (N-Triples `<…>` form)."""
    subjects: set[bytes] = set()
    objects: set[bytes] = set()
    for part in parts:
        subjects.update(_SUBJECT.findall(part.nquads))
        objects.update(_IRI_OBJECT.findall(part.nquads))
    return {o.decode("utf-8") for o in objects - subjects}


@dataclass
class _Data:
    parts: list[Part]                                        # the readable ones
    problems: dict[str, str] = field(default_factory=dict)   # graph -> why it is left out
    _owners: dict[str, list[str]] | None = None
    _labels: dict[str, list[tuple]] | None = None

    def owners(self, node: str) -> list[str]:
        """The graphs that hold `node` as a subject, in the batch's order."""
        if self._owners is None:
            self._owners = {}
            for part in self.parts:
                for subject in set(_SUBJECT.findall(part.nquads)):
                    self._owners.setdefault(subject.decode("utf-8"), []).append(part.graph)
        return self._owners.get(node, [])

    def labels(self, node: str) -> list[tuple]:
        if self._labels is None:
            self._labels = {}
            lines = b"\n".join(line for part in self.parts for line in _LABEL_LINE.findall(part.nquads))
            for triple in parse(lines, format=RdfFormat.N_TRIPLES) if lines else ():
                if isinstance(triple.object, Literal):
                    rank = _LABEL_PROPERTIES.index(triple.predicate.value)
                    self._labels.setdefault(str(triple.subject), []).append((rank, triple.object))
        return self._labels.get(node, [])


def _read(batch: Batch) -> _Data:
    """The parts an engine can read; one with an RDF 1.2 triple term (which no engine here
    validates) is left out and reported."""
    readable, problems = [], {}
    for part in batch.parts:
        reason = _unreadable(part) if b"<<" in part.nquads else None
        if reason is None:
            readable.append(part)
        else:
            problems[part.graph] = reason
    return _Data(readable, problems)


def _unreadable(part: Part) -> str | None:
    try:
        for quad in parse(part.nquads, format=RdfFormat.N_QUADS):
            for term in (quad.subject, quad.object):
                if isinstance(term, Triple):
                    return f"unsupported RDF term {term} (RDF 1.2 triple terms are not validated)"
    except (SyntaxError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


# -- one batch -----------------------------------------------------------------------------------

def check_batch(batch: Batch) -> list[Outcome]:
    """One outcome per part, in the parts' order. A part that cannot be read is left out and
    reported; if the engine fails on the whole batch, each part is checked alone, so one broken
    graph never hides the violations of the others."""
    data = _read(batch)
    results: list[_Result] = []
    try:
        if data.parts:
            results = _ENGINES[batch.engine](batch, data)
    except Exception as exc:  # noqa: BLE001 - a broken batch must not stop validation
        if len(data.parts) > 1:
            log.debug("batch of %d graphs failed, checking them one by one", len(data.parts), exc_info=True)
            alone = {o.graph: o for part in data.parts for o in check_batch(_alone(batch, part))}
            return [alone.get(part.graph) or _problem(part.graph, data.problems[part.graph])
                    for part in batch.parts]
        log.debug("validation of %s failed", data.parts[0].graph, exc_info=True)
        data.problems[data.parts[0].graph] = f"{type(exc).__name__}: {exc}"
        results = []
    found = _violations(batch, data, results)
    return [_problem(part.graph, data.problems[part.graph]) if part.graph in data.problems
            else Outcome(part.graph, tuple(sorted(found.get(part.graph, ()), key=Violation.sort_key)))
            for part in batch.parts]


def _alone(batch: Batch, part: Part) -> Batch:
    return Batch((part,), batch.context, batch.labels_compared_elsewhere, batch.engine)


def _problem(graph: str, reason: str) -> Outcome:
    return Outcome(graph, problem=f"graph <{graph}>: not checked: {reason}")


def _violations(batch: Batch, data: _Data, results: list[_Result]) -> dict[str, list[Violation]]:
    """Violations by the graph that holds their focus node; context nodes are not reported."""
    found: dict[str, list[Violation]] = {}
    # Context nodes (only their types are here) break the shapes of their own class: skip
    # them before finding owners, which reads every part.
    context = {s.decode("utf-8") for s in _SUBJECT.findall(batch.context)} if results else set()
    for result in results:
        if result.focus in context:
            continue
        graphs = data.owners(result.focus)
        if not graphs:
            continue
        if batch.labels_compared_elsewhere and len(graphs) > 1 and result.component == _UNIQUE_LANG:
            continue
        found.setdefault(graphs[0], []).append(Violation(
            graph=graphs[0], node=_node(result.focus), label=_label(data.labels(result.focus)),
            shape=_compact(result.shape), message=result.message,
            path=_compact(result.path) if result.path else None,
            value=_show(result.value) if result.value else None))
    return found


def _node(term: str) -> str:
    return term[1:-1] if term.startswith("<") else term


def _label(labels: list[tuple]) -> str | None:
    if not labels:
        return None
    best = min(rank for rank, _ in labels)
    ranked = [label for rank, label in labels if rank == best]
    vi = [label for label in ranked if label.language == "vi"]
    return (vi or ranked)[0].value


def _compact(term: str) -> str:
    if not term.startswith("<"):
        return "an anonymous shape"
    text = term[1:-1]
    for prefix, base in [SHAPES_PREFIX, *PREFIXES.items()]:
        if text.startswith(base) and len(text) > len(base):
            return f"{prefix}:{text[len(base):]}"
    return term


def _show(term: str) -> str:
    return _compact(term) if term.startswith("<") else term


def message(shape: str, engine_message: str | None) -> str:
    """The shape's own sh:message, else the engine's."""
    return _shape_messages().get(_node(shape)) or engine_message or "constraint not met"


# -- engines -------------------------------------------------------------------------------------

def _shacl_rust(batch: Batch, data: _Data) -> list[_Result]:
    try:
        import shacl_rust
    except ImportError:
        raise ThiduaError("the shacl-rust engine is not installed: pip install 'thidua[fast]', "
                          "or use --engine pyshacl") from None
    text = b"".join([*(p.nquads for p in data.parts), batch.context, shape_vocabulary()]).decode("utf-8")
    # experimental_index: the interned index, three times faster here; the engine comparison
    # in tests/test_validate.py runs with it.
    report = shacl_rust.validate(text, shapes_text(), data_format="nt", shapes_format="turtle",
                                 experimental_index=True)
    if report["conforms"]:
        return []
    return [_Result(focus=r["focusNode"], shape=r.get("sourceShape", "_:shape"),
                    component=r.get("sourceConstraintComponent", "")[1:-1],
                    message=message(r.get("sourceShape", "_:shape"), (r.get("messages") or [None])[0]),
                    path=r.get("resultPath"), value=r.get("value"))
            for r in report["results"]]


def _pyshacl(batch: Batch, data: _Data) -> list[_Result]:
    from thidua.ontology.shacl_pyshacl import results
    sources = [*(p.nquads for p in data.parts), batch.context, shape_vocabulary()]
    return [_Result(**result) for result in results(sources, message)]


_ENGINES: dict[str, Callable[[Batch, _Data], list[_Result]]] = {
    "shacl-rust": _shacl_rust, "pyshacl": _pyshacl}
