"""Extraction over files and folders: read each article, extract, resolve with one Resolver.

One Resolver serves the whole batch, so a bloc, unit or person named in several articles gets
one IRI. An article that cannot be read is reported (path, reason) and the batch goes on.
With jobs > 1 articles are read and extracted in worker processes (parallel.py); resolution
stays in this process, in path order, so the ids are the same as with one process.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from thidua.errors import UnreadableInput
from thidua.loaders.extract.parallel import ordered_map, read_and_extract
from thidua.loaders.model import Article


@dataclass
class Outcome:
    path: Path
    article: Article | None = None
    facts: list[dict] | None = None
    error: str | None = None          # why the file was skipped


def extract_paths(paths: Iterable[Path], resolve: bool = True, decisions=None,
                  jobs: int = 1) -> Iterator[Outcome]:
    """Facts (with `*_id` fields when `resolve`) of every article under `paths`, in path order."""
    from thidua.loaders.resolve import Resolver

    resolver = Resolver(decisions) if resolve else None
    plan = _plan(paths)
    results = ordered_map(read_and_extract, [task for _, task, _ in plan if task], jobs)
    for path, task, manifest_error in plan:
        if manifest_error:
            yield Outcome(path, error=manifest_error)
            continue
        article, facts, error = next(results)
        if error:
            yield Outcome(path, article, error=error)
            continue
        if resolver is not None:
            facts = resolver.resolve(article, facts)
        yield Outcome(path, article, facts)


def _plan(paths: Iterable[Path]) -> list[tuple[Path, tuple[str, dict | None] | None, str | None]]:
    """(path, (path, manifest row) to read, None) for every article, or (path, None, reason)
    for the first article of a folder whose manifest cannot be read (the folder's other
    articles are read without one)."""
    from thidua.loaders.reading import iter_article_paths, read_manifest
    manifests: dict[Path, dict] = {}
    plan = []
    for path in iter_article_paths([Path(p) for p in paths]):
        if path.parent not in manifests:
            try:
                manifests[path.parent] = read_manifest(path.parent)
            except UnreadableInput as exc:
                manifests[path.parent] = {}
                plan.append((path, None, exc.reason))
                continue
        plan.append((path, (str(path), manifests[path.parent].get(path.stem)), None))
    return plan
