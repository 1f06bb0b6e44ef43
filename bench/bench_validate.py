#!/usr/bin/env python3
"""SHACL validation of a loaded store: graph by graph (the old way) against batches, per engine.

Usage: bench/bench_validate.py [--articles N ...] [--seed S] [--store DIR] [--quick]

For each size, writes a synthetic corpus (bench/synth.py) and loads its gold facts with
`thidua load`, or takes an already loaded `--store`. A store still in the per-article layout
is also copied and rewritten into the entities-graph layout (thidua.queries.layout), and both
are measured. Each run is a fresh process, so its peak RSS is its own:

  * baseline: pyshacl one graph at a time (batch 1), what `thidua validate` did before;
  * pyshacl and shacl-rust in batches of several sizes, and shacl-rust with 2 workers.

Prints CPU seconds (the process and its workers: the machine is shared, so CPU time is the
figure to compare; wall time is shown with the load average), CPU ms per graph, peak RSS,
violations, and each run's CPU ratio to the baseline measured in the same run. The peak RSS
of two store sizes shows whether memory stays bounded by the batch.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CHILD = r'''
import json, resource, sys, time
from thidua.graph_store import open_store
from thidua.ontology.validate import validate_store

def main():
    location, engine, batch, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = open_store(location, read_only=True)
    started, wall = time.process_time(), time.perf_counter()
    report = validate_store(store, engine=engine, batch_graphs=batch, jobs=jobs)
    wall = time.perf_counter() - wall
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - started + workers.ru_utime + workers.ru_stime
    # VmHWM: ru_maxrss of a fork+exec child starts from its parent's peak, not its own.
    own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print(json.dumps({"cpu": cpu, "wall": wall, "rss_mb": max(own, workers.ru_maxrss) / 1024,
                      "violations": len(report.violations), "graphs": report.graphs_checked}))

if __name__ == "__main__":  # spawned workers import this file again
    main()
'''

# (label, engine, graphs per batch, worker processes); the first is the baseline.
RUNS = [
    ("pyshacl, graph by graph (before)", "pyshacl", 1, 1),
    ("pyshacl, batches of 50", "pyshacl", 50, 1),
    ("pyshacl, batches of 200", "pyshacl", 200, 1),
    ("shacl-rust, graph by graph", "shacl-rust", 1, 1),
    ("shacl-rust, batches of 20", "shacl-rust", 20, 1),
    ("shacl-rust, batches of 100", "shacl-rust", 100, 1),
    ("shacl-rust, batches of 400", "shacl-rust", 400, 1),
    ("shacl-rust, batches of 100, -j 2", "shacl-rust", 100, 2),
]
QUICK = [RUNS[0], RUNS[5], RUNS[7]]


def run(cmd: list[str]) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def measure(store: Path, engine: str, batch: int, jobs: int, work: Path) -> dict:
    child = work / "bench_validate_child.py"
    child.write_text(CHILD)
    out = run([sys.executable, str(child), str(store), engine, str(batch), str(jobs)])
    return json.loads(out.strip().splitlines()[-1])


def loaded_store(articles: int, seed: int, work: Path) -> Path:
    corpus, store = work / f"corpus-{articles}", work / f"store-{articles}"
    run([sys.executable, str(ROOT / "bench" / "synth.py"), "--articles", str(articles),
         "--seed", str(seed), "--out", str(corpus)])
    subprocess.run([str(BIN / "thidua"), "-q", "load", str(corpus / "gold.jsonl"), "--store", str(store)],
                   check=False, capture_output=True)
    return store


def layouts(store: Path, work: Path) -> list[tuple[str, Path]]:
    """The store, and a copy in the entities-graph layout when it is not in it yet."""
    from thidua.graph_store import EmbeddedStore
    from thidua.queries.layout import has_entities_graph, move_descriptions
    opened = EmbeddedStore(store, read_only=True)
    try:
        if has_entities_graph(opened):
            return [("entities graph", store)]
    finally:
        opened.close()
    moved = work / (store.name + "-entities")
    shutil.rmtree(moved, ignore_errors=True)
    shutil.copytree(store, moved)
    writable = EmbeddedStore(moved)
    try:
        move_descriptions(writable)
    finally:
        writable.close()
    return [("per-article descriptions", store), ("entities graph", moved)]


def bench(name: str, store: Path, runs: list, work: Path) -> None:
    results = []
    for label, engine, batch, jobs in runs:
        results.append((label, measure(store, engine, batch, jobs, work)))
    baseline = results[0][1]
    print(f"  {name}: {baseline['graphs']} graphs checked (load average {os.getloadavg()[0]:.1f})")
    for label, m in results:
        print(f"    {label:<34} cpu {m['cpu']:7.2f} s  {1000 * m['cpu'] / max(m['graphs'], 1):6.1f} "
              f"cpu-ms/graph  x{baseline['cpu'] / m['cpu']:5.1f}  wall {m['wall']:6.1f} s  "
              f"peak RSS {m['rss_mb']:6.1f} MB  violations {m['violations']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path, help="an already loaded store (not modified)")
    parser.add_argument("--quick", action="store_true", help="baseline, best batch, -j 2 only")
    args = parser.parse_args()
    runs = QUICK if args.quick else RUNS
    with tempfile.TemporaryDirectory(prefix="thidua-bench-validate-") as tmp:
        work = Path(tmp)
        sources = ([(f"store {args.store}", args.store)] if args.store else
                   [(f"{n} articles", loaded_store(n, args.seed, work)) for n in args.articles])
        for title, store in sources:
            started = time.perf_counter()
            print(title)
            for layout, location in layouts(store, work):
                bench(layout, location, runs, work)
            print(f"  (wall time of this size: {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
