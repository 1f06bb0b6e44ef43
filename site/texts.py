"""Article texts and evidence sentences, kept on disk until a page shows them.

They are most of a store's bytes (a 100,000-article store holds ~300 MB of article text), so the
build writes the texts of the graphs it reads to a temporary file and keeps only offsets. The
text of a graph not read in this build (unchanged since the last) is read from the store when
one of its pages has to be rendered again.
"""
from __future__ import annotations

import tempfile

from thidua.graph_store import GraphStore
from thidua.site.parts import GraphContent, read_part
from thidua.site.records import Article, Fact
from thidua.site.source import read_graph


class Texts:
    def __init__(self, store: GraphStore, articles: dict[str, Article] | None = None):
        self.store = store
        self.articles = articles if articles is not None else {}
        self._file = tempfile.TemporaryFile(prefix="thidua-texts-")
        self._refs: dict[str, tuple[int, int]] = {}
        self._end = 0
        self._read_graphs: set[str] = set()

    def keep(self, graph: str, content: GraphContent) -> None:
        """Remember the texts of a graph just read."""
        self._read_graphs.add(graph)
        for key, text in (*content.texts.items(), *(("exact:" + k, v) for k, v in content.exacts.items())):
            data = text.encode("utf-8")
            self._file.seek(self._end)
            self._file.write(data)
            self._refs[key] = (self._end, len(data))
            self._end += len(data)

    def _get(self, key: str, graph: str | None) -> str:
        if key not in self._refs and graph and graph not in self._read_graphs:
            _, content = read_part(graph, None, read_graph(self.store, graph))
            self.keep(graph, content)
        ref = self._refs.get(key)
        if ref is None:
            return ""
        self._file.seek(ref[0])
        return self._file.read(ref[1]).decode("utf-8")

    def article_text(self, article: Article) -> str:
        return self._get(article.iri, article.graph)

    def exact(self, fact: Fact) -> str:
        article = self.articles.get(fact.article)
        return self._get("exact:" + fact.iri, article.graph if article else None)

    def close(self) -> None:
        self._file.close()
