"""The plain data each template receives: strings, numbers, lists and these dataclasses.

Templates never see the store or an RDF term. Every field says what it holds (`help`), and
tests/test_site_model.py checks that each field is documented. Paths are root-relative
('id/bloc/x.html'); templates turn them into relative links with the `url` filter.
"""
from __future__ import annotations

from dataclasses import dataclass, field


def doc(text: str, **kwargs):
    return field(metadata={"help": text}, **kwargs)


@dataclass(frozen=True, order=True)
class Link:
    label: str = doc("text shown for the link (Vietnamese label)")
    path: str | None = doc("root-relative page path, None when the target has no page")
    iri: str = doc("the IRI linked to")
    label_en: str | None = doc("English label, when the ontology or scheme has one", default=None)


@dataclass(frozen=True)
class Source:
    article: Link = doc("the article the fact was read from, linked to the fact's evidence")
    date: str = doc("the date the fact is attested on (YYYY-MM-DD), or ''")


@dataclass(frozen=True)
class FactRow:
    """One fact as a table row: used for events, awards, positions and leadership terms."""
    year: str = doc("year the fact is about ('' when unknown)")
    date: str = doc("attestation date YYYY-MM-DD ('' when unknown)")
    kind: str = doc("event | membership | leadership | award | position")
    kind_label: str = doc("Vietnamese name of the kind of fact")
    subject: Link = doc("the main entity of the fact (bloc, unit, person, recipient)")
    role: str = doc("role or status shown with the fact (Trưởng khối, Phó Chủ tịch, Đã trao ...)")
    role_link: Link | None = doc("link to the role or award type, when it has a page")
    other: Link | None = doc("the second entity (organisation, bloc, unit)")
    label: str = doc("free text of the fact (the award as worded in the article)")
    source: Source = doc("where the fact comes from")
    anchor: str = doc("id of the fact on its article page (fact-…)")


@dataclass(frozen=True)
class YearGroup:
    year: str = doc("the year, or 'không rõ năm' for facts without one")
    rows: list[FactRow] = doc("the facts of that year, sorted")


@dataclass(frozen=True)
class RotationYear:
    year: int = doc("emulation year")
    heads: list[Link] = doc("units holding the head role (Trưởng khối/Cụm trưởng) that year")
    deputies: list[Link] = doc("units holding the deputy role that year")
    handover: str = doc("'' or a sentence naming the head before and after, when it changed")


@dataclass(frozen=True)
class Bar:
    x: float = doc("left edge in SVG units")
    y: float = doc("top edge in SVG units")
    width: float = doc("width in SVG units")
    height: float = doc("height in SVG units")
    label: str = doc("text drawn in or beside the bar")
    title: str = doc("tooltip text")
    css: str = doc("CSS class (head, deputy, position)")
    href: str | None = doc("root-relative path the bar links to", default=None)


@dataclass(frozen=True)
class Tick:
    x: float = doc("position in SVG units")
    label: str = doc("text under the axis")


@dataclass(frozen=True)
class Timeline:
    width: float = doc("SVG width")
    height: float = doc("SVG height")
    bars: list[Bar] = doc("bars and points, drawn in order")
    ticks: list[Tick] = doc("year ticks of the axis")
    lanes: list[Tick] = doc("lane labels: x is ignored, the label sits at the lane's y (as x)")


@dataclass(frozen=True)
class NetworkNode:
    x: float = doc("centre x in SVG units")
    y: float = doc("centre y in SVG units")
    r: float = doc("radius")
    label: str = doc("label drawn beside the node")
    css: str = doc("CSS class: bloc, unit, person")
    href: str | None = doc("root-relative path of the node's page")


@dataclass(frozen=True)
class NetworkEdge:
    x1: float = doc("start x")
    y1: float = doc("start y")
    x2: float = doc("end x")
    y2: float = doc("end y")
    css: str = doc("CSS class: member, head, deputy, position")


@dataclass(frozen=True)
class Network:
    width: float = doc("SVG width")
    height: float = doc("SVG height")
    nodes: list[NetworkNode] = doc("nodes, sorted by label")
    edges: list[NetworkEdge] = doc("edges")


@dataclass(frozen=True)
class IncomingGroup:
    property: str = doc("the linking property, as a prefixed name (org:member)")
    count: int = doc("number of distinct sources linking through it")
    sources: list[Link] = doc("the linking nodes, first 50 by label (by IRI in a group of more than 5,000)")


@dataclass(frozen=True)
class Segment:
    text: str = doc("a run of article text")
    anchors: list[str] = doc("fact anchors whose evidence covers this run (empty: plain text)")


@dataclass
class Page:
    """What every entity page has, whatever its kind."""
    path: str = doc("root-relative output path of this page")
    template: str = doc("template file name")
    title: str = doc("page title (Vietnamese)")
    iri: str = doc("the IRI the page describes ('' for site pages)")
    kind: str = doc("page kind: home, bloc, unit, person, award_type, year, jurisdiction, event, article, role, ...")
    kind_label: str = doc("Vietnamese name of the kind")
    label_en: str | None = doc("English label, when the data has one")
    alt_labels: list[str] = doc("alternative labels")
    jurisdiction: Link | None = doc("jurisdiction the entity belongs to")
    incoming: list[IncomingGroup] = doc("who points here, grouped by property and counted")
    alternates: dict[str, str] = doc("RDF format name -> root-relative path of the file beside the page")
    schema_jsonld: str = doc("schema.org JSON-LD for search engines, already made inert for <script>")
    sections: dict = doc("the kind-specific content, documented per kind in docs/site.md")
    build_date: str = doc("build date (SOURCE_DATE_EPOCH or the newest article date), or ''")
