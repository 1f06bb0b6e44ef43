"""Extraction over files and folders: read each article, extract, resolve with one Resolver.

One Resolver serves the whole batch, so a bloc, unit or person named in several articles gets
one IRI. An article that cannot be read is reported (path, reason) and the batch goes on.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from thidua.errors import UnreadableInput
from thidua.loaders.extract import extract
from thidua.loaders.model import Article


@dataclass
class Outcome:
    path: Path
    article: Article | None = None
    facts: list[dict] | None = None
    error: str | None = None          # why the file was skipped


def extract_paths(paths: Iterable[Path], resolve: bool = True, decisions=None) -> Iterator[Outcome]:
    """Facts (with `*_id` fields when `resolve`) of every article under `paths`, in path order."""
    from thidua.loaders.reading import iter_article_paths, read_article, read_manifest
    from thidua.loaders.resolve import Resolver

    resolver = Resolver(decisions) if resolve else None
    manifests: dict[Path, dict] = {}
    for path in iter_article_paths([Path(p) for p in paths]):
        try:
            if path.parent not in manifests:
                manifests[path.parent] = read_manifest(path.parent)
            article = read_article(path, manifests[path.parent].get(path.stem))
        except UnreadableInput as exc:
            manifests.setdefault(path.parent, {})
            yield Outcome(path, error=exc.reason)
            continue
        try:
            facts = extract(article.text, article.doc, jurisdiction=article.jurisdiction,
                            published=article.published)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop a batch
            yield Outcome(path, article, error=f"could not extract facts ({type(exc).__name__}: {exc})")
            continue
        if resolver is not None:
            facts = resolver.resolve(article, facts)
        yield Outcome(path, article, facts)
