#!/usr/bin/env python3
"""SHACL validation graph by graph (thidua validate) against one pyshacl run over the whole store.

Usage: bench/bench_validate.py [--articles N ...] [--seed S]

For each size, writes a synthetic corpus (bench/synth.py), loads its gold facts with
`thidua load`, then validates the store twice, each in a fresh process so peak memory is its
own: per graph (validate_store, with 1 and 2 worker processes) and, as the baseline, everything
at once (all quads plus the vocabulary in one rdflib graph, one pyshacl call). Prints wall and
CPU seconds, CPU ms per graph, peak RSS, the violation counts and the ratios. The whole-store
run may report violations the per-graph runs do not: an entity labelled differently by two
articles breaks sh:uniqueLang only when their graphs are merged.
"""
from __future__ import annotations

import argparse
import json
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
from thidua.ontology import validate as v
store = open_store(sys.argv[1], read_only=True)
started, wall = time.process_time(), time.perf_counter()
if sys.argv[2].startswith("per-graph"):
    report = v.validate_store(store, jobs=int(sys.argv[3]))
    violations, graphs = len(report.violations), report.graphs_checked
else:
    import pyshacl
    data = v._data_graph(store.quads())
    conforms, results, _ = pyshacl.validate(data, shacl_graph=v.shapes_graph(), inference="none",
                                            advanced=False)
    violations = len(list(results.objects(None, v.SH.result)))
    graphs = len(store.graphs())
cpu = time.process_time() - started
wall = time.perf_counter() - wall
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
cpu += usage[1].ru_utime + usage[1].ru_stime  # worker processes, when there are any
rss_mb = max(u.ru_maxrss for u in usage) / 1024
print(json.dumps({"cpu": cpu, "wall": wall, "rss_mb": rss_mb, "violations": violations, "graphs": graphs}))
'''


def run(cmd: list[str]) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def measure(store: Path, mode: str, jobs: int = 1) -> dict:
    out = run([sys.executable, "-c", CHILD, str(store), mode, str(jobs)])
    return json.loads(out.strip().splitlines()[-1])


def bench(articles: int, seed: int, work: Path) -> None:
    corpus, store = work / f"corpus-{articles}", work / f"store-{articles}"
    run([sys.executable, str(ROOT / "bench" / "synth.py"), "--articles", str(articles),
         "--seed", str(seed), "--out", str(corpus)])
    subprocess.run([str(BIN / "thidua"), "-q", "load", str(corpus / "gold.jsonl"), "--store", str(store)],
                   check=False, capture_output=True)
    per_graph, whole = measure(store, "per-graph"), measure(store, "whole-store")
    two_jobs = measure(store, "per-graph", jobs=2)
    graphs = per_graph["graphs"]
    print(f"{articles:>6} articles, {graphs} graphs")
    for name, m in (("per graph", per_graph), ("per graph, -j 2", two_jobs),
                    ("whole store (baseline)", whole)):
        print(f"    {name:<24} wall {m['wall']:7.2f} s  cpu {m['cpu']:7.2f} s"
              f"  {1000 * m['cpu'] / max(graphs, 1):6.1f} cpu-ms/graph"
              f"  peak RSS {m['rss_mb']:7.1f} MB  violations {m['violations']}")
    print(f"    ratio per-graph/baseline: cpu {per_graph['cpu'] / whole['cpu']:.2f}x, "
          f"peak RSS {per_graph['rss_mb'] / whole['rss_mb']:.2f}x; "
          f"-j 2 / -j 1 wall {two_jobs['wall'] / per_graph['wall']:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="thidua-bench-validate-") as tmp:
        for n in args.articles:
            started = time.perf_counter()
            bench(n, args.seed, Path(tmp))
            print(f"    (wall time of this size, synth + load + both runs: {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
