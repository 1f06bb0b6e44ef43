"""Extraction on every core: worker processes that start warm, results in input order.

Extraction is pure Python, so only processes run it in parallel. What a worker pool costs
beyond the work itself (bench/bench_extract.py --jobs 2):

- starting a worker: about 0.25 s of CPU (interpreter, imports, lexicons, the tries of
  titles). `warm_up` spends it in the pool's initializer, on a small article that fires
  every recogniser (`loaders/lexicons/extract-warm-up.txt`), so a broken lexicon shows before
  any work is handed out and the first chunks run as fast as the others;
- messages: `chunk_size` sends about eight chunks per worker (at most 64 articles each),
  enough to balance the tail, few enough that messages cost nothing measurable;
- results: they travel back pickled, about 8 KB for a 4 KB article (0.15 ms to pickle and
  unpickle): the article and its facts, never sentences or tokens.

What limits the speed-up is rather the work left in the parent: resolution (one resolver,
in input order) and, when loading, building the quads and writing the store.

`ordered_map(work, items, jobs)` is the whole interface: `work` must be a module-level
function. Workers are spawned, not forked: nothing of the parent's state leaks into them, and
the store's native handles are never shared.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

from thidua.errors import UnreadableInput
from thidua.loaders.model import Article

T = TypeVar("T")
R = TypeVar("R")

WARM_UP_ARTICLE = "lexicons/extract-warm-up.txt"
MAX_CHUNK = 64


@lru_cache(maxsize=1)
def _warm_up_text() -> str:
    return resources.files("thidua.loaders").joinpath(WARM_UP_ARTICLE).read_text(encoding="utf-8")


def warm_up() -> None:
    """Load every lexicon and compile every pattern extraction uses, by extracting a small
    article: the first real article then runs at full speed."""
    from thidua.loaders.extract import extract
    extract(_warm_up_text(), "warm-up", jurisdiction="tỉnh Hà Tĩnh", published="2023-01-12")


def chunk_size(items: int, jobs: int) -> int:
    """About eight chunks per worker: few messages, and a short tail when articles differ."""
    return max(1, min(MAX_CHUNK, items // (jobs * 8)))


def ordered_map(work: Callable[[T], R], items: Iterable[T], jobs: int,
                chunksize: int | None = None) -> Iterator[R]:
    """work(item) for every item, in input order, on `jobs` warm worker processes (in this
    process when jobs <= 1 or there is a single item).

    At most two chunks per worker are in flight: Pool.imap would let finished results pile up
    in memory whenever the consumer (resolving, writing the store) is slower than the workers,
    which on a large corpus it is."""
    from collections import deque
    items = list(items)
    if jobs <= 1 or len(items) < 2:
        yield from map(work, items)
        return
    jobs = min(jobs, len(items))
    size = chunksize or chunk_size(len(items), jobs)
    with get_context("spawn").Pool(jobs, initializer=warm_up) as pool:
        pending: deque = deque()
        for start in range(0, len(items), size):
            pending.append(pool.apply_async(_run_chunk, (work, items[start:start + size])))
            if len(pending) > 2 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _run_chunk(work: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [work(item) for item in chunk]


def read_and_extract(task: tuple[str, dict | None]) -> tuple[Article | None, list[dict] | None, str | None]:
    """Read one article file (path, manifest row) and extract its facts: (article, facts,
    None), or (article or None, None, the reason) when it cannot be read or extracted. The
    reason travels as a string: a worker's result must pickle, an exception may not."""
    from thidua.loaders.extract import extract
    from thidua.loaders.reading import read_article
    path, row = task
    try:
        article = read_article(Path(path), row)
    except UnreadableInput as exc:
        return None, None, exc.reason
    try:
        facts = extract(article.text, article.doc, jurisdiction=article.jurisdiction,
                        published=article.published)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not stop a batch
        return article, None, f"could not extract facts ({type(exc).__name__}: {exc})"
    return article, facts, None
