"""The digest of everything a page is made from, known before the page is built.

A rebuild compares each page's input digest with the one recorded by the last build and
renders only the pages whose inputs changed; the others keep their files. A page's inputs are
its node, the facts it lists (each with the nodes the fact's row links to), the nodes linking
to it, and a few kind-specific extras (a bloc's members' awards and officials, a jurisdiction's
members, the award scheme). The digests are memoised per node and per fact, so the digests of
all pages cost about one pass over the facts. The code and templates that turn inputs into
HTML are part of every digest (`site_version`): changing them re-renders every page.

tests/test_site_incremental.py builds sites incrementally and from scratch after changes and
checks they are byte-identical: a dependency missing here would show there.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from thidua import __version__
from thidua.site.index import SiteIndex
from thidua.site.pages import capped_lists

# Pages that list their first rows of many (pages.capped_lists): digested from those rows only.
CAPPED_KINDS = frozenset(("year", "award_type", "role"))

_EMPTY = b""
ROW_MEMO = 100_000      # fact digests remembered (then forgotten at once): bounded memory


def _h(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


# Code that reads the built site and shapes none of it: a change to it must not make the next
# build a full one (25 minutes at 100,000 articles).
NOT_OUTPUT = {"linkcheck.py"}


@lru_cache(maxsize=1)
def site_version() -> bytes:
    """Digest of the site's own code, templates and word lists (those that shape the output)."""
    root = resources.files("thidua.site")
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in output_files():
        h.update(path.encode() + b"\0" + root.joinpath(path).read_bytes())
    return h.digest()


def output_files() -> list[str]:
    """The site package's files that shape what a build writes."""
    return sorted(set(_files(resources.files("thidua.site"))) - NOT_OUTPUT)


def _files(folder, prefix: str = ""):
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name not in ("static", "__pycache__"):
            yield from _files(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith((".py", ".html", ".tsv", ".rq")):
            yield prefix + entry.name


class PageDigests:
    def __init__(self, index: SiteIndex):
        self.index = index
        self.data = index.data
        self._nodes: dict[str, bytes] = {}
        self._rows: dict[str, bytes] = {}
        self._scheme_digest: bytes | None = None
        self._extras = {"bloc": self._bloc, "award_type": self._scheme, "scheme": self._scheme,
                        "jurisdiction": self._jurisdiction, "event": self._event, "other": self._other}

    def node(self, iri: str | None) -> bytes:
        if not iri:
            return _EMPTY
        found = self._nodes.get(iri)
        if found is None:
            node = self.data.nodes.get(iri)
            if node is None:          # not a node (a fact, a literal): shown by its IRI or text
                return iri.encode()   # not remembered: there are millions
            article = self.data.articles.get(iri)
            found = self._nodes[iri] = _h(repr((node.state(), tuple(article) if article else None)).encode())
        return found

    def row(self, iri: str) -> bytes:
        """A fact with every node its row, its summary and its links show."""
        # Remembered: no lookup of the fact (digests are never empty).
        return self._rows.get(iri) or self._row(self.data.facts[iri])

    def _row(self, fact) -> bytes:
        found = self._rows.get(fact.iri)
        if found is None:
            parts = [fact.digest, self.node(fact.article), self.node(fact.iri)]
            parts += [self.node(v) for v in fact.values]
            if len(self._rows) >= ROW_MEMO:
                self._rows.clear()
            found = self._rows[fact.iri] = _h(b"".join(parts))
        return found

    def source(self, iri: str) -> bytes:
        # A fact whose row is remembered needs no lookup: most sources linking to a page are
        # facts it lists (digested just before, see `page`), and looking each one up in the
        # spill file again was a third of the digests' time.
        found = self._rows.get(iri)
        if found is not None:
            return found
        return self.row(iri) if iri in self.data.facts else self.node(iri)

    def facts(self, iri: str) -> bytes:
        return b"".join(self._row(f) for f in self.index.facts_of.get(iri, ()))

    def incoming(self, iri: str) -> bytes:
        """Digest of who links to `iri`, as the page shows it (index.incoming_groups)."""
        out = hashlib.blake2b(digest_size=16)
        for group in self.index.incoming_groups(iri):
            sources = hashlib.blake2b(digest_size=16)
            for source in group.sources:
                sources.update(self.source(source))
            out.update(f"{group.prop}\0{group.count}\0{group.by_label}\0".encode() + sources.digest())
        return out.digest()

    def page(self, iri: str) -> bytes:
        node = self.data.nodes[iri]
        extra = self._extras.get(node.kind)
        # The listed facts first: their rows are then remembered for the incoming links.
        listed = self.capped(iri) if node.kind in CAPPED_KINDS else self.facts(iri)
        extras = extra(iri) if extra else _EMPTY
        parts = [site_version(), self.node(iri), self.node(node.jurisdiction), self.incoming(iri),
                 listed, extras]
        return _h(b"\1".join(parts))

    def capped(self, iri: str) -> bytes:
        """The rows a year, award type or role page shows, and their counts."""
        return b"".join(f"{name}\0{total}\0".encode() + b"".join(self._row(f) for f in shown)
                        for name, shown, total in capped_lists(self.index, iri))

    # -- what some kinds of page read besides their own facts ------------------------
    def _bloc(self, iri: str) -> bytes:
        members = sorted({m for f in self.index.facts_of.get(iri, ()) if f.kind in ("membership", "leadership")
                          for m in f.get("member")})
        return b"".join(self.node(m) + self.facts(m) for m in members)

    def _scheme(self, iri: str) -> bytes:
        if self._scheme_digest is None:      # the same for every concept: made once
            concepts = sorted(i for i, n in self.data.nodes.items() if n.kind == "award_type")
            broader = sorted((c, sorted(bs)) for c, bs in self.data.broader.items())
            self._scheme_digest = _h(repr(broader).encode() + b"".join(self.node(c) for c in concepts))
        return self._scheme_digest

    def _jurisdiction(self, iri: str) -> bytes:
        return b"".join(self.node(m) for m in self.index.in_jurisdiction.get(iri, ()))

    def _event(self, iri: str) -> bytes:
        fact = self.data.facts.get(iri)
        return self.row(iri) + self.facts(fact.article) if fact else _EMPTY

    def _other(self, iri: str) -> bytes:
        return b"".join(self.node(p) + self.node(t) for p, t in self.index.outgoing_of.get(iri, ()))
