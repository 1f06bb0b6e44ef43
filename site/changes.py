"""What changed since the last build, and which pages it can reach.

A rebuild after ten new articles in a 100,000-article store used to make the input digest of
every one of its 222,892 pages (`digests.py`) to find the ~90 that changed: 208 s, most of the
rebuild. Instead, the records of each graph read again are compared with that graph's part in
the previous build (`note`), and `pages_to_check` follows the changed records along what page
digests read (the reverse of `PageDigests`), giving the pages whose digest may differ. Only
those are digested; every other page keeps its digest and files.

The reach is a superset: it follows the digests' dependencies one hop wider where that is
cheap. Where a change could reach pages in ways not followed here (an ontology term's label,
read by every fact row) it gives up and every page is digested, as before.
tests/test_site_incremental.py checks that incremental builds equal fresh ones.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import NamedTuple

from thidua.iri import ONTOLOGY
from thidua.site.index import SiteIndex
from thidua.site.parts import SCHEME_LINKS, GraphPart
from thidua.site.records import Fact

log = logging.getLogger(__name__)

SCHEME_KINDS = frozenset(("award_type", "scheme"))
LISTED_KINDS = ("membership", "leadership")
# Never a bloc's member, and some listed under 100,000 facts: not worth reading their facts.
NEVER_MEMBERS = frozenset(("year", "article", "event", "role", "award_type", "scheme", "jurisdiction"))


@dataclass
class Changes:
    """Records that differ between the previous build's parts and this build's."""
    nodes: set[str] = field(default_factory=set)          # node or article records changed
    places: set[str] = field(default_factory=set)         # jurisdictions of those records
    facts: dict[str, list[tuple]] = field(default_factory=dict)   # fact IRI -> its records, old and new
    link_targets: set[str] = field(default_factory=set)   # of links added or removed
    link_sources: set[str] = field(default_factory=set)   # of links and outgoing links added or removed
    scheme: bool = False                                  # a broader / narrower link changed

    def note(self, old: GraphPart | None, new: GraphPart | None) -> None:
        """One graph as the previous build saw it (None: new graph) and as this one does
        (None: removed)."""
        was, now = _records(old), _records(new)
        for iri, _, _, places in was.nodes ^ now.nodes:
            self.nodes.add(iri)
            self.places.update(places)
        articles = was.articles ^ now.articles
        self.nodes.update(a[0] for a in articles)
        # A fact whose article changed is shown with it: then all the graph's facts count.
        for fact in (was.facts | now.facts) if articles else (was.facts ^ now.facts):
            self.facts.setdefault(fact[0], []).append(fact)
        for s, p, o in was.links ^ now.links:
            self.link_sources.add(s)
            self.link_targets.add(o)
            self.scheme |= p in SCHEME_LINKS
        for s, p, _ in was.outgoing ^ now.outgoing:
            self.link_sources.add(s)
            self.scheme |= p in SCHEME_LINKS

    def __bool__(self) -> bool:
        return bool(self.nodes or self.facts or self.link_sources or self.scheme)


class _Records(NamedTuple):
    nodes: frozenset
    articles: frozenset
    facts: frozenset
    links: frozenset
    outgoing: frozenset


def _records(part: GraphPart | None) -> _Records:
    if part is None:
        return _Records(*(frozenset(),) * 5)
    return _Records(frozenset(part.nodes), frozenset(part.articles), frozenset(part.facts),
                    frozenset(part.links), frozenset(part.outgoing))


def pages_to_check(changes: Changes, index: SiteIndex) -> set[str] | None:
    """The IRIs of the pages whose input digest may have changed, or None when that cannot
    be told (then every page is digested)."""
    data, pages = index.data, index.pages
    if not changes:
        return set()
    # A changed node every fact row reads (a status, an ontology role) and that has no page.
    unfollowed = [iri for iri in changes.nodes
                  if iri not in pages and iri not in data.articles and iri not in data.facts
                  and iri in data.nodes]
    if unfollowed:
        log.info("site: %d changed node(s) without a page, such as %s: every page is checked",
                 len(unfollowed), sorted(unfollowed)[0])
        return None
    reached: set[str] = set(changes.nodes) | changes.places | changes.link_targets | changes.link_sources
    # Rows: the facts whose row shows a changed node, and the changed facts themselves.
    rows: dict[str, list[Fact]] = {iri: [Fact(*r) for r in records] for iri, records in changes.facts.items()}
    for iri in changes.nodes:
        own = data.facts.get(iri)             # an event is a node and a fact
        if own is not None:
            rows.setdefault(iri, []).append(own)
        for fact in index.facts_of.get(iri, ()):
            rows.setdefault(fact.iri, []).append(fact)
        reached.update(index.in_jurisdiction.get(iri, ()))
        node = data.nodes.get(iri)            # its jurisdiction may come from a graph unchanged
        if node is not None and node.jurisdiction:
            reached.add(node.jurisdiction)
    listing: set[str] = set()                 # pages that list a changed row
    articles: set[str] = set()
    for iri, versions in rows.items():
        reached.add(iri)                      # an event's own page
        for fact in versions:
            listing.update(SiteIndex._participants(fact))
            articles.add(fact.article)
    for article in articles:
        reached |= _events_of(index, article)
    reached |= listing
    # Pages that list a changed node or row among the nodes linking to them.
    reached |= data.incoming.targets_of(changes.nodes | set(rows))
    # Pages of nodes linking to a changed node (outgoing links of nodes: few).
    reached |= {source for source, links in data.outgoing.items()
                if any(target in changes.nodes for _, target in links)}
    # A bloc page shows its members' facts and names. A term of the vocabulary is never a member
    # either: td:memberRole, the role of all 500,000 memberships at 100k articles, has no kind.
    for member in listing | changes.nodes:
        if index.kind(member) not in NEVER_MEMBERS and not member.startswith(ONTOLOGY):
            reached |= _blocs_of(index, member)
    if changes.scheme or any(index.kind(iri) in SCHEME_KINDS for iri in changes.nodes):
        reached |= {iri for iri in pages if index.kind(iri) in SCHEME_KINDS}
    return {iri for iri in reached if iri in pages}


def _events_of(index: SiteIndex, article: str) -> set[str]:
    """An event page shows every fact of its article."""
    return {f.iri for f in index.facts_of.get(article, ()) if f.kind == "event"}


def _blocs_of(index: SiteIndex, member: str) -> set[str]:
    out = set()
    for kind in LISTED_KINDS:         # not all its facts: a unit may have thousands of awards
        for fact in index.facts_of.of_kind(member, kind):
            if member in fact.get("member"):
                out.update(v for v in SiteIndex._participants(fact) if index.kind(v) == "bloc")
    return out
