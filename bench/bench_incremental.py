#!/usr/bin/env python3
"""Incremental loading: a second `thidua load` of an unchanged corpus against the first.

Usage: bench/bench_incremental.py [CORPUS_DIR ...]   (default: ../shared seeds + dev, else articles/)
Prints both wall times, the ratio (aim: the second run under 10% of the first) and the quad
counts after each run (they must be equal). On a small corpus a `thidua load` process is mostly
the interpreter starting and importing (about 0.3 s); the same two loads are therefore also
timed inside one process (`load_paths` on a fresh store, then again), which is the work an
incremental load saves or does.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_corpora() -> list[Path]:
    shared = ROOT.parent / "shared" / "corpus"
    found = [shared / "seeds", shared / "dev"]
    return [p for p in found if p.is_dir()] or [ROOT / "articles"]


def timed_load(store: Path, corpora: list[Path]) -> float:
    started = time.perf_counter()
    thidua = str(Path(sys.executable).parent / "thidua")
    subprocess.run([thidua, "-q", "load", *map(str, corpora),
                    "--store", str(store)], check=False)
    return time.perf_counter() - started


def quad_count(store: Path) -> int:
    from thidua.graph_store import EmbeddedStore
    s = EmbeddedStore(store, read_only=True)
    try:
        return s.count()
    finally:
        s.close()


def in_process_loads(store: Path, corpora: list[Path]) -> tuple[float, float]:
    from thidua.graph_store import EmbeddedStore
    from thidua.loaders.pipeline import load_paths
    s = EmbeddedStore(store)
    try:
        times = []
        for _ in range(2):
            started = time.perf_counter()
            load_paths(s, corpora, progress=False)
            times.append(time.perf_counter() - started)
    finally:
        s.close()
    return times[0], times[1]


def main(argv: list[str]) -> int:
    corpora = [Path(a) for a in argv] or default_corpora()
    work = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    try:
        store = work / "store"
        first = timed_load(store, corpora)
        first_count = quad_count(store)
        second = timed_load(store, corpora)
        second_count = quad_count(store)
        inside = in_process_loads(work / "store-in-process", corpora)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"corpora: {', '.join(map(str, corpora))}")
    print(f"first load   {first:8.2f} s   {first_count} quads")
    print(f"second load  {second:8.2f} s   {second_count} quads")
    print(f"ratio second/first: {second / first:.1%} (aim < 10%); counts equal: {first_count == second_count}")
    print(f"in one process: first {inside[0]:.3f} s, second {inside[1]:.3f} s, "
          f"ratio {inside[1] / inside[0]:.1%}")
    return 0 if first_count == second_count else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
