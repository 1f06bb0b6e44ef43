#!/usr/bin/env python3
"""Extraction speed on one core: articles per second, with a baseline measured in the same run.

Usage: bench/bench_extract.py [CORPUS_DIR ...] [--rounds N]
       (default: ../shared/corpus/dev and seeds when present, else the bundled articles/)

Texts are read once (reading is benchmarked in bench_reading.py); then `extract` runs over
them N times on this one process. CPU time of this process is measured, so other load on the
machine disturbs the figures less than wall time would. The baseline is the least any
extractor must do, in the same run: lower-case every article and split it into words. The
aim is >= 300 articles/s for 4 KB articles.

With --jobs N it also reads and extracts the corpus (files, not texts in memory) in one
process, then in N worker processes two ways: as loaders/pipeline.py did (spawned Pool,
imap, chunks of 8, no warm-up) and with loaders/extract/parallel.py (workers warmed up in
the initializer, about eight chunks per worker), and last as `thidua extract` runs it
(batch.extract_paths: the resolver in the parent process). It prints wall time with the load average,
CPU seconds per article over all processes (parent and workers: what the pool costs beyond
the work), and the wall-clock speed-up over one process measured in the same run.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AIM = 300


def default_corpora() -> list[Path]:
    shared = ROOT.parent / "shared" / "corpus"
    found = [p for p in (shared / "dev", shared / "seeds") if p.is_dir()]
    return found or [ROOT / "articles"]


def load(corpora: list[Path]) -> list[tuple[str, str, str | None, str | None]]:
    from thidua.loaders.reading import iter_article_paths, read_article, read_manifest
    out = []
    for corpus in corpora:
        manifest = read_manifest(corpus)
        for path in iter_article_paths([corpus]):
            a = read_article(path, manifest.get(path.stem))
            out.append((a.text, a.doc, a.jurisdiction, a.published))
    return out


def cpu_seconds(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=0, help="also time N worker processes")
    args = ap.parse_args(argv)
    from thidua.loaders.extract import extract

    articles = load(args.corpora or default_corpora())
    kb = sum(len(t.encode("utf-8")) for t, *_ in articles) / len(articles) / 1024
    for text, doc, juris, pub in articles[:3]:           # warm the lexicon caches
        extract(text, doc, juris, pub)
    word = re.compile(r"\w+")

    def baseline():
        for _ in range(args.rounds):
            for text, *_ in articles:
                word.findall(text.lower())

    def extraction():
        for _ in range(args.rounds):
            for text, doc, juris, pub in articles:
                extract(text, doc, jurisdiction=juris, published=pub)

    n = len(articles) * args.rounds
    base = cpu_seconds(baseline)
    ext = cpu_seconds(extraction)
    rate = n / ext
    print(f"articles: {len(articles)} x {args.rounds} rounds, mean {kb:.1f} KB")
    print(f"baseline (lower-case + split words): {n / base:,.0f} articles/s")
    print(f"extract, one core:                   {rate:,.0f} articles/s ({rate * kb:,.0f} KB/s)")
    print(f"extract / baseline time ratio:       {ext / base:.1f}x")
    print(f"aim {AIM} articles/s: {'met' if rate >= AIM else 'not met'} ({rate / AIM:.0%} of it)")
    if args.jobs:
        parallel(args.corpora or default_corpora(), args.jobs)
    return 0


def tasks_of(corpora: list[Path]) -> list[tuple[str, dict | None]]:
    from thidua.loaders.reading import iter_article_paths, read_manifest
    out = []
    for corpus in corpora:
        manifest = read_manifest(corpus)
        out += [(str(p), manifest.get(p.stem)) for p in iter_article_paths([corpus])]
    return out


def timed(run) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds of this process, CPU seconds of the workers it waited for,
    bytes of the pickled results)."""
    import pickle
    import resource
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    size = sum(len(pickle.dumps(r, pickle.HIGHEST_PROTOCOL)) for r in run())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    return wall, cpu, workers, size


def parallel(corpora: list[Path], jobs: int) -> None:
    import os
    from multiprocessing import get_context
    from thidua.loaders.extract.batch import extract_paths
    from thidua.loaders.extract.parallel import chunk_size, ordered_map, read_and_extract

    tasks = tasks_of(corpora)
    n = len(tasks)

    def plain_pool():
        with get_context("spawn").Pool(jobs) as pool:
            yield from pool.imap(read_and_extract, tasks, chunksize=8)

    print(f"\nread + extract {n} files; 1 process, then {jobs} processes "
          f"(chunks: 8, then {chunk_size(n, jobs)})")
    runs = [("1 process", lambda: map(read_and_extract, tasks)),
            (f"{jobs} processes, plain Pool", plain_pool),
            (f"{jobs} processes, parallel.py", lambda: ordered_map(read_and_extract, tasks, jobs))]
    runs += [(f"batch, {j} process{'es' if j > 1 else ''} + resolver",
              lambda j=j: (o.facts for o in extract_paths(corpora, jobs=j))) for j in (1, jobs)]
    one = base = None
    for name, run in runs:
        load = os.getloadavg()[0]
        wall, parent, workers, size = timed(run)
        one = one or wall      # every speed-up is over the first run: read + extract, 1 process
        base = base or parent
        # On an idle machine the wall time is at least the parent's CPU time, one worker's
        # share, and all the CPU time spread over the cores: a bound from CPU times only, so
        # other work on the machine disturbs it far less than the wall time.
        cores = os.cpu_count() or 1
        bound = base / max(parent, workers / jobs, (parent + workers) / cores)
        print(f"{name:30s} wall {wall:6.2f} s (x{one / wall:.2f}, load average {load:.1f}); "
              f"CPU ms/article: parent {parent / n * 1000:5.2f}, workers {workers / n * 1000:5.2f}; "
              f"idle-machine speed-up bound x{bound:.2f}; results {size / n / 1024:.1f} KB/article")


if __name__ == "__main__":
    sys.exit(main())
