"""Article texts and evidence sentences, kept on disk until a page shows them.

They are most of a store's bytes (a 100,000-article store holds ~300 MB of article text and
1.6 million evidence sentences), so the build puts the texts of the graphs it reads in the
spill's text table (`spill.py`) and keeps nothing in memory. The text of a graph not read in
this build (unchanged since the last) is read from the store when one of its pages has to be
rendered again.
"""
from __future__ import annotations

from thidua.graph_store import GraphStore
from thidua.site.parts import GraphContent, read_part
from thidua.site.records import Article, Fact
from thidua.site.source import read_graph
from thidua.site.spill import TextTable


class Texts:
    def __init__(self, store: GraphStore, table: TextTable, articles: dict[str, Article] | None = None):
        self.store = store
        self.table = table
        self.articles = articles if articles is not None else {}
        self._read_graphs: set[str] = set()

    def keep(self, graph: str, content: GraphContent) -> None:
        """Remember the texts of a graph just read."""
        self._read_graphs.add(graph)
        self.table.add(content.texts.items())
        self.table.add(("exact:" + k, v) for k, v in content.exacts.items())

    def _get(self, key: str, graph: str | None) -> str:
        found = self.table.get(key)
        if found is None and graph and graph not in self._read_graphs:
            _, content = read_part(graph, None, read_graph(self.store, graph))
            self.keep(graph, content)
            found = self.table.get(key)
        return found or ""

    def article_text(self, article: Article) -> str:
        return self._get(article.iri, article.graph)

    def exact(self, fact: Fact) -> str:
        article = self.articles.get(fact.article)
        return self._get("exact:" + fact.iri, article.graph if article else None)
