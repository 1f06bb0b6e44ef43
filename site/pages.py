"""Page builders: the gathered dataset -> one `Page` (plain data) per page of the site."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Callable, Iterator

from thidua.iri import year as year_iri
from thidua.site import drawing
from thidua.site.gather import Fact
from thidua.site.index import HEAD, KIND_LABELS, PAGE_KINDS, SiteIndex, fact_anchor
from thidua.site.model import FactRow, Link, Page, RotationYear, Segment, YearGroup
from thidua.site.urls import alternate

UNKNOWN_YEAR = "không rõ năm"
# Pages that gather a whole year, role or award type list their first rows and count the rest:
# on a 10,000-article store a year page listed ~10,000 rows (5 MB of HTML, 1.3 s to render) and
# every new article rendered all of them again.
SHOWN_ROWS = 200
SCHEMA_TYPES = {"bloc": "Organization", "unit": "GovernmentOrganization", "person": "Person",
                "jurisdiction": "AdministrativeArea", "article": "NewsArticle", "event": "Event",
                "award_type": "DefinedTerm", "scheme": "DefinedTermSet", "role": "Role", "year": "Thing",
                "other": "Thing"}


def by_year(rows: list[FactRow]) -> list[YearGroup]:
    groups: dict[str, list[FactRow]] = defaultdict(list)
    for row in rows:
        groups[row.year or UNKNOWN_YEAR].append(row)
    order = sorted(groups, key=lambda y: (y == UNKNOWN_YEAR, y))
    return [YearGroup(y, groups[y]) for y in order]


def inert_json(value) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element or start markup."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class NoTexts:
    """For page data without the long texts (an article page then shows no text)."""

    def article_text(self, article) -> str:
        return ""

    def exact(self, fact) -> str:
        return ""


class PageBuilder:
    def __init__(self, index: SiteIndex, build_date: str, texts=None):
        self.index = index
        self.data = index.data
        self.build_date = build_date
        self.texts = texts or NoTexts()   # texts.Texts: article texts and evidence, read on demand
        self._builders: dict[str, Callable[[str], dict]] = {
            "bloc": self.bloc, "unit": self.unit, "person": self.person,
            "jurisdiction": self.jurisdiction, "year": self.year, "role": self.role,
            "article": self.article, "event": self.event, "award_type": self.award_type,
            "scheme": self.scheme, "other": self.other,
        }

    # -- common -----------------------------------------------------------------
    def entity_pages(self) -> Iterator[Page]:
        for iri, path in sorted(self.index.pages.items(), key=lambda kv: kv[1]):
            yield self.entity_page(iri, path)

    def entity_page(self, iri: str, path: str) -> Page:
        node = self.data.nodes[iri]
        kind = node.kind if node.kind in PAGE_KINDS else "other"
        sections = self._builders[kind](iri)
        title = node.label
        return Page(path=path, template=f"{kind}.html", title=title, iri=iri, kind=kind,
                    kind_label=KIND_LABELS[kind], label_en=node.label_en,
                    alt_labels=sorted(node.alt - {title}),
                    jurisdiction=self.index.link(node.jurisdiction) if kind != "jurisdiction" else None,
                    incoming=self.index.incoming(iri),
                    alternates={"Turtle": alternate(path, ".ttl"), "JSON-LD": alternate(path, ".jsonld")},
                    schema_jsonld=self.schema_org(iri, kind), sections=sections,
                    # Only site pages show the date: a new article must not rewrite every page.
                    build_date="")

    def schema_org(self, iri: str, kind: str) -> str:
        node = self.data.nodes[iri]
        value = {"@context": "https://schema.org", "@id": iri, "@type": SCHEMA_TYPES[kind],
                 "name": node.label, "inLanguage": "vi"}
        if node.alt:
            value["alternateName"] = sorted(node.alt)
        if kind == "article" and iri in self.data.articles:
            art = self.data.articles[iri]
            if art.issued:
                value["datePublished"] = art.issued
            if art.url and art.url.startswith(("http://", "https://")):
                value["url"] = art.url
        return inert_json(value)

    def rows(self, iri: str, kind: str, where: Callable[[Fact], bool] = lambda f: True) -> list[FactRow]:
        return [self.index.row(f) for f in self.index.facts_of.get(iri, ()) if f.kind == kind and where(f)]

    # -- kinds --------------------------------------------------------------------
    def bloc(self, iri: str) -> dict:
        in_bloc = lambda f: f.has("organization", iri) or f.has("bloc", iri)  # noqa: E731
        leadership = self.rows(iri, "leadership", in_bloc)
        rotation = self.rotation(leadership)
        members = self.rows(iri, "membership", in_bloc)
        member_iris = sorted({r.subject.iri for r in members + leadership})
        awards = [r for m in member_iris for r in self.rows(m, "award")]
        return {"rotation": rotation, "timeline": drawing.rotation_timeline(rotation),
                "members_by_year": by_year(members), "leadership": leadership,
                "events": self.rows(iri, "event", in_bloc),
                "awards": by_year(sorted(awards, key=lambda r: (r.year, r.subject.label, r.anchor))),
                "network": self.bloc_network(iri, members + leadership)}

    def rotation(self, leadership: list[FactRow]) -> list[RotationYear]:
        years: dict[int, dict[str, set[Link]]] = defaultdict(lambda: {"head": set(), "deputy": set()})
        for row in leadership:
            if row.year:
                years[int(row.year)]["head" if row.role_link.iri == HEAD else "deputy"].add(row.subject)
        out, previous = [], []
        for year in sorted(years):
            heads = sorted(years[year]["head"])
            deputies = sorted(years[year]["deputy"])
            handover = ""
            if previous and heads and previous != heads:
                handover = (f"{', '.join(l.label for l in previous)} bàn giao cho "
                            f"{', '.join(l.label for l in heads)}")
            out.append(RotationYear(year, heads, deputies, handover))
            previous = heads or previous
        return out

    def bloc_network(self, iri: str, rows: list[FactRow]):
        """The bloc, its member units and their officials. A pair of nodes is one edge, drawn
        in the greatest of its classes (head > deputy > member); each unit's officials are
        looked up once, not once per membership row (a bloc of a 100,000-article store has
        thousands of rows)."""
        center = self.index.link(iri)
        kinds = {iri: "bloc"}
        edges: dict[tuple[str, str], tuple[Link, Link, str]] = {}
        units: dict[str, Link] = {}
        for row in rows:
            css = "member" if row.kind == "membership" else ("head" if row.role_link.iri == HEAD else "deputy")
            _add_edge(edges, center, row.subject, css)
            kinds[row.subject.iri] = "unit"
            units.setdefault(row.subject.iri, row.subject)
        for unit_iri, unit in units.items():
            for pos in self.rows(unit_iri, "position", lambda f: f.has("organization", unit_iri)):
                _add_edge(edges, unit, pos.subject, "position")
                kinds[pos.subject.iri] = "person"
        return drawing.network(center, [edges[key] for key in sorted(edges)], kinds)

    def unit(self, iri: str) -> dict:
        as_member = lambda f: f.has("member", iri)  # noqa: E731
        as_org = lambda f: f.has("organization", iri)  # noqa: E731
        return {"awards": by_year(self.rows(iri, "award")),
                "memberships": self.rows(iri, "membership", as_member),
                "terms": self.rows(iri, "leadership", as_member),
                "officials": self.rows(iri, "position", as_org)}

    def person(self, iri: str) -> dict:
        positions = sorted(self.rows(iri, "position", lambda f: f.has("member", iri)),
                           key=lambda r: (r.date, r.role, r.anchor))
        drawn = [(r.date, r.role, r.other, r.source.article.path) for r in positions]
        return {"positions": positions, "timeline": drawing.position_timeline(drawn),
                "awards": by_year(self.rows(iri, "award"))}

    def award_type(self, iri: str) -> dict:
        broader = self.data.broader.get(iri, set())
        narrower = sorted(c for c, bs in self.data.broader.items() if iri in bs)
        return {"broader": [self.index.link(b) for b in sorted(broader)],
                "narrower": [self.index.link(n) for n in narrower],
                **self._recipients(iri)}

    def _recipients(self, iri: str) -> dict:
        (_, shown, total), = capped_lists(self.index, iri)
        rows = [self.index.row(f) for f in shown]
        return {"recipients": by_year(rows), "recipients_total": total, "recipients_shown": len(rows)}

    def scheme(self, iri: str) -> dict:
        concepts = sorted(i for i, n in self.data.nodes.items() if n.kind == "award_type")
        top = [c for c in concepts if not self.data.broader.get(c)]
        return {"top": [self.index.link(c) for c in top],
                "concepts": sorted((self.index.link(c) for c in concepts), key=lambda l: l.label)}

    def year(self, iri: str) -> dict:
        out = {}
        for name, shown, total in capped_lists(self.index, iri):
            out[name], out[name + "_total"] = [self.index.row(f) for f in shown], total
        return out

    def jurisdiction(self, iri: str) -> dict:
        members: dict[str, list[Link]] = defaultdict(list)
        for other in self.index.in_jurisdiction.get(iri, ()):
            members[self.data.nodes[other].kind].append(self.index.link(other))
        groups = [(KIND_LABELS[k], sorted(members[k], key=lambda l: (l.label, l.iri)))
                  for k in ("bloc", "unit", "person", "article") if members.get(k)]
        return {"groups": groups}

    def role(self, iri: str) -> dict:
        (_, shown, total), = capped_lists(self.index, iri)
        return {"positions": [self.index.row(f) for f in shown], "positions_total": total}

    def event(self, iri: str) -> dict:
        fact = self.data.facts.get(iri)
        row = self.index.row(fact) if fact else None
        article = self.data.articles.get(fact.article) if fact else None
        others = [self.index.row(f) for f in self.index.facts_of.get(fact.article, ())
                  if f.iri != iri] if fact else []
        return {"row": row, "evidence": self.texts.exact(fact) if fact else "",
                "article": self.index.link(article.iri) if article else None, "others": others}

    def article(self, iri: str) -> dict:
        art = self.data.articles[iri]
        facts = [f for f in self.index.facts_of.get(iri, ()) if f.article == iri]
        facts.sort(key=lambda f: (f.start if f.start is not None else 1 << 30, f.iri))
        url = art.url if art.url and art.url.startswith(("http://", "https://")) else None
        return {"doc": art.doc, "issued": art.issued or "", "url": url, "url_text": art.url or "",
                "segments": segments(self.texts.article_text(art), facts),
                "facts": [self.index.row(f) for f in facts]}

    def other(self, iri: str) -> dict:
        outgoing = [(self.index.link(p) or Link(p, None, p), self.index.link(t))
                    for p, t in self.index.outgoing_of.get(iri, ())]
        return {"classes": sorted(self.data.nodes[iri].classes), "outgoing": outgoing}

    # -- site pages -----------------------------------------------------------------
    def home(self, search_note: str) -> Page:
        counts = Counter(self.data.nodes[i].kind for i in self.index.pages)
        tally = self.data.tally
        fact_counts, years, events = tally.kinds, tally.years, tally.latest_events
        fact_kinds = ["event", "membership", "leadership", "award", "position"]
        blocs: dict[str, list[Link]] = defaultdict(list)
        for iri, node in self.data.nodes.items():
            if node.kind == "bloc":
                blocs[node.jurisdiction or ""].append(self.index.link(iri))
        by_jurisdiction = [(self.index.link(j) if j else None, sorted(bs, key=lambda l: (l.label, l.iri)))
                           for j, bs in sorted(blocs.items(), key=lambda kv: (self.index.label(kv[0]) if kv[0] else "~"))]
        sections = {
            "entity_counts": [(KIND_LABELS[k], counts[k]) for k in PAGE_KINDS if counts.get(k)],
            "fact_counts": [(KIND_LABELS[k], fact_counts[k]) for k in fact_kinds],
            "fact_kinds": [KIND_LABELS[k] for k in fact_kinds],
            "years": [(self.index.link(year_iri(y)), [years[y][k] for k in fact_kinds])
                      for y in sorted(years, reverse=True)],
            "latest_events": [self.index.row(f) for f in events],
            "blocs_by_jurisdiction": by_jurisdiction,
            "search_note": search_note,
        }
        return self.site_page("index.html", "home.html", "Thi đua, khen thưởng: dữ liệu liên kết", "home",
                              sections)

    def site_page(self, path: str, template: str, title: str, kind: str, sections: dict) -> Page:
        return Page(path=path, template=template, title=title, iri="", kind=kind,
                    kind_label=KIND_LABELS.get(kind, ""), label_en=None, alt_labels=[], jurisdiction=None,
                    incoming=[], alternates={}, schema_jsonld="", sections=sections,
                    build_date=self.build_date)


def capped_lists(index: SiteIndex, iri: str) -> list[tuple[str, list[Fact], int]]:
    """What the page of a year, an award type or a role lists: (name, its first SHOWN_ROWS
    facts in order, how many there are). The one place of that choice: the page shows these
    rows and their count, and its digest (digests.py) reads only them, not the 100,000 facts
    of a year at 100k articles."""
    kind = index.kind(iri)
    listed = index.facts_of
    if kind == "year":
        last = iri.rsplit("/", 1)[-1]
        year = int(last) if last.isdigit() else -1          # -1: a year IRI no fact has
        return [(name, listed.of_kind(iri, fact_kind, year=year, limit=SHOWN_ROWS),
                 listed.count(iri, fact_kind, year=year))
                for name, fact_kind in (("events", "event"), ("leadership", "leadership"),
                                        ("awards", "award"), ("positions", "position"))]
    if kind == "award_type":
        return [("recipients", listed.of_kind(iri, "award", limit=SHOWN_ROWS), listed.count(iri, "award"))]
    if kind == "role":
        def order(f: Fact):   # the rows' (date, subject label), known without making the rows
            subject = index.link(f.one("member"))
            return f.attested or "", subject.label if subject else "?"
        positions = sorted(listed.of_kind(iri, "position"), key=order)
        return [("positions", positions[:SHOWN_ROWS], len(positions))]
    return []


def _add_edge(edges: dict, a: Link, b: Link, css: str) -> None:
    key = (a.iri, b.iri)
    if key not in edges or edges[key][2] <= css:
        edges[key] = (a, b, css)


def segments(text: str, facts: list[Fact]) -> list[Segment]:
    """Split the article text at every evidence boundary; each run knows which facts cover it."""
    spans = [(f.start, f.end, fact_anchor(f.iri)) for f in facts
             if f.start is not None and f.end is not None and 0 <= f.start < f.end <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        anchors = sorted(anchor for s, e, anchor in spans if s <= a and b <= e)
        out.append(Segment(text[a:b], anchors))
    return out
