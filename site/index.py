"""Cross-references over the gathered dataset: links, facts per entity, incoming links.

Built once per site build; the page builders only look things up here. The facts listed
under each entity are kept on disk (`spill.Listed`); links and rows are cached in memory up to
a bound, so the index takes the same memory for any size of store.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from importlib import resources
from typing import Iterator

from thidua.iri import BASE
from thidua.site.gather import Dataset, Fact, local_name
from thidua.site.model import FactRow, IncomingGroup, Link, Source
from thidua.site.urls import page_path
from thidua.text import nfc
from thidua.vocab import PREFIXES

TD = PREFIXES["td"]
INCOMING_SHOWN = 50
# Up to this many sources a group shows its first by label; beyond, its first by IRI, read from
# the spill file's index with a count: the page of a hub (the extraction run, which every fact
# links to: 1.6 million facts at 100k articles) then costs what a small page costs to digest and
# to render, and a rebuild that adds one fact to it does not read them all.
INCOMING_BY_LABEL = 5_000
ROW_CACHE = 50_000
LINK_CACHE = 100_000


def _read_labels() -> dict[str, str]:
    text = resources.files("thidua.site").joinpath("labels.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {key.replace("td:", TD, 1): nfc(label.strip()) for key, label in rows}


LABELS = _read_labels()
KIND_LABELS = {k: v for k, v in LABELS.items() if not k.startswith(TD)}
HEAD, DEPUTY, MEMBER = TD + "headRole", TD + "deputyRole", TD + "memberRole"
# Which argument of each kind of fact is its subject, and which its second entity.
SUBJECT = {"event": "bloc", "membership": "member", "leadership": "member", "award": "recipient",
           "position": "member"}
OTHER = {"event": None, "membership": "organization", "leadership": "organization", "award": None,
         "position": "organization"}
PARTICIPANT_ARGUMENTS = frozenset(("bloc", "organization", "member", "recipient", "awardType", "role"))
PAGE_KINDS = ("bloc", "unit", "person", "jurisdiction", "year", "role", "article", "event",
              "award_type", "scheme", "other")


def prefixed(iri: str) -> str:
    for name, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base) and name not in ("id",):
            return f"{name}:{iri[len(base):]}"
    return iri


def fact_anchor(fact_iri: str) -> str:
    return "fact-" + local_name(fact_iri)


class SiteIndex:
    def __init__(self, data: Dataset):
        self.data = data
        self._links: dict[str, Link] = {}
        self._rows: dict[str, FactRow] = {}
        # Entity -> its facts, sorted by (year, date, IRI): `.get(iri, ())` gives a list.
        self.facts_of = data.facts.list_under(self._participants)

    @staticmethod
    def _participants(fact: Fact) -> set[str]:
        found = {v for n, v in zip(fact.names, fact.values) if n in PARTICIPANT_ARGUMENTS}
        found.add(fact.article)
        if fact.year is not None:
            found.add(f"{BASE}id/year/{fact.year}")
        return found

    @cached_property
    def pages(self) -> dict[str, str]:
        """IRI -> page path, for every node that gets a page."""
        out = {}
        for iri, node in self.data.nodes.items():
            if node.kind in PAGE_KINDS:
                path = page_path(iri)
                if path is not None and not path.startswith("ontology/"):
                    out[iri] = path
        return out

    def kind(self, iri: str) -> str:
        node = self.data.nodes.get(iri)
        return node.kind if node else "other"

    def label(self, iri: str) -> str:
        if iri in self.data.facts:
            return self.fact_summary(self.data.facts[iri])
        node = self.data.nodes.get(iri)
        if node is not None:
            return node.label
        return LABELS.get(iri) or local_name(iri)

    def link(self, iri: str | None) -> Link | None:
        if not iri:
            return None
        found = self._links.get(iri)
        if found is None:
            if len(self._links) >= LINK_CACHE:      # bounded, as the row cache below
                self._links.clear()
            found = self._links[iri] = self._make_link(iri)
        return found

    def _make_link(self, iri: str) -> Link:
        node = self.data.nodes.get(iri)
        path = self.pages.get(iri)
        if path is None and iri in self.data.facts:
            path = self.fact_path(iri)
        if path is None:
            path = page_path(iri) if iri.startswith(PREFIXES["td"]) else None
        return Link(self.label(iri), path, iri, node.label_en if node else None)

    def ui_label(self, iri: str) -> str:
        """The label the ontology gives a term (in the store), else the site's own."""
        node = self.data.nodes.get(iri)
        if node is not None and (node.pref.get("vi") or node.plain.get("vi")):
            label = node.pref.get("vi") or node.plain.get("vi")
            return label[:1].upper() + label[1:]
        return LABELS.get(iri, local_name(iri) if iri else "")

    def fact_path(self, fact_iri: str) -> str | None:
        fact = self.data.facts[fact_iri]
        if fact.kind == "event" and fact_iri in self.pages:
            return self.pages[fact_iri]
        article = self.pages.get(fact.article)
        return f"{article}#{fact_anchor(fact_iri)}" if article else None

    def fact_summary(self, fact: Fact) -> str:
        subject = self.label(fact.one(SUBJECT[fact.kind]) or "")
        if fact.kind == "event":
            return f"Hội nghị {subject} {fact.one('date') or ''}".strip()
        if fact.kind == "award":
            return f"{fact.one('awardLabel') or self.label(fact.one('awardType') or '')}: {subject}"
        if fact.kind == "position":
            return f"{subject} - {fact.one('roleLabel') or ''}"
        return f"{KIND_LABELS[fact.kind]}: {subject}"

    def row(self, fact: Fact) -> FactRow:
        """The fact as a table row (one object per fact while it is cached: many pages show
        the same fact; the cache is emptied when full, so a 1.6-million-fact store does not
        hold 1.6 million rows)."""
        found = self._rows.get(fact.iri)
        if found is None:
            if len(self._rows) >= ROW_CACHE:
                self._rows.clear()
            found = self._rows[fact.iri] = self._make_row(fact)
        return found

    def _make_row(self, fact: Fact) -> FactRow:
        year = str(fact.year) if fact.year is not None else ""
        subject = self.link(fact.one(SUBJECT[fact.kind])) or Link("?", None, "")
        other_name = OTHER[fact.kind]
        role, role_link, label = "", None, ""
        if fact.kind in ("leadership", "membership"):
            role_iri = fact.one("role") or MEMBER
            role = self.ui_label(role_iri)
            term = self.data.nodes.get(role_iri)
            # No page of its own: the role is an ontology term (documented on ontology/).
            role_link = Link(role, None, role_iri, term.label_en if term else None)
        elif fact.kind == "award":
            role = self.ui_label(fact.one("status") or "")
            role_link = self.link(fact.one("awardType"))
            label = fact.one("awardLabel") or ""
        elif fact.kind == "position":
            role = fact.one("roleLabel") or self.label(fact.one("role") or "")
            role_link = self.link(fact.one("role"))
        elif fact.kind == "event":
            role = KIND_LABELS["event"]
            role_link = Link(role, self.pages.get(fact.iri), fact.iri)   # the event's own page
        article = self.data.articles.get(fact.article)
        article_label = article.doc if article else local_name(fact.article)
        article_path = self.pages.get(fact.article)
        source = Source(Link(article_label, f"{article_path}#{fact_anchor(fact.iri)}" if article_path else None,
                             fact.article), fact.attested or "")
        return FactRow(year=year, date=fact.attested or "", kind=fact.kind,
                       kind_label=KIND_LABELS[fact.kind], subject=subject, role=role,
                       role_link=role_link, other=self.link(fact.one(other_name)) if other_name else None,
                       label=label, source=source, anchor=fact_anchor(fact.iri))

    def incoming_groups(self, iri: str) -> Iterator[IncomingSources]:
        """The nodes linking to `iri` (but itself), by property, for pages only; read from the
        spill file, as a node can be the target of millions of links. What a page shows of a
        group and what its digest reads both come from here."""
        if iri not in self.pages:
            return
        links = self.data.incoming
        for prop in links.properties(iri):
            first = list(islice((s for s in links.sources(iri, prop) if s != iri), INCOMING_BY_LABEL + 1))
            if len(first) <= INCOMING_BY_LABEL:
                if first:
                    yield IncomingSources(prop, len(first), first, by_label=True)
            else:
                yield IncomingSources(prop, links.count(iri, prop, excluding=iri), first[:INCOMING_SHOWN],
                                      by_label=False)

    @property
    def outgoing_of(self) -> dict[str, list[tuple[str, str]]]:
        return self.data.outgoing

    @cached_property
    def in_jurisdiction(self) -> dict[str, list[str]]:
        """Jurisdiction -> the nodes with pages placed in it, sorted."""
        out: dict[str, list[str]] = defaultdict(list)
        for iri, node in sorted(self.data.nodes.items()):
            if node.jurisdiction and iri in self.pages:
                out[node.jurisdiction].append(iri)
        return out

    def incoming(self, iri: str) -> list[IncomingGroup]:
        groups = []
        for group in self.incoming_groups(iri):
            shown = group.sources
            if group.by_label:       # the first by label, the label of each source's cached Link:
                # a fact's label reads the fact from the spill file (~10 us), so once per fact,
                # not once per page it links to (55,000 reads, 0.5 s, at 1,000 articles)
                shown = heapq.nsmallest(INCOMING_SHOWN, shown, key=lambda s: (self.link(s).label, s))
            groups.append(IncomingGroup(prefixed(group.prop), group.count, [self.link(s) for s in shown]))
        return groups


@dataclass(frozen=True)
class IncomingSources:
    """One property's sources linking to a page. `by_label`: `sources` holds them all and the
    page shows the first INCOMING_SHOWN by label (so its digest must read them all); else
    `sources` holds the first INCOMING_SHOWN by IRI, all the page shows of `count`."""
    prop: str
    count: int
    sources: list[str]
    by_label: bool
