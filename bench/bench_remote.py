"""Loading through a SPARQL endpoint against the embedded bulk load, measured in one run.

Builds N-Quads deterministically (default 1,000,000 quads in 1,000 named graphs), then loads
them four ways, each into a fresh store:

  embedded bulk    EmbeddedStore.bulk_load_file (pyoxigraph bulk loader): the baseline
  remote bulk      one POST to a real Oxigraph server's /store?no_transaction&lenient
  embedded graphs  EmbeddedStore.replace_graph per graph (one transaction each)
  remote graphs    RemoteStore.replace_graph per graph (one Graph Store Protocol PUT each)

and prints quads/s and the ratio of each to the embedded bulk load (speed lives here, never
in test asserts).

The per-graph paths load the first --graph-limit graphs only (default 100, 0 = all) and print
the time per graph for each tenth of them: on oxigraph 0.5.13 a server's writes slow down as
one process keeps taking small transactions (a restart makes them fast again), so loading all
1,000 graphs one PUT at a time takes far longer than the bulk path.

    .venv/bin/python bench/bench_remote.py              # 1M quads
    .venv/bin/python bench/bench_remote.py --quads 100000 --graph-limit 0
"""
from __future__ import annotations

import argparse
import itertools
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

from pyoxigraph import Quad, RdfFormat, parse

from thidua.graph_store import EmbeddedStore
from thidua.graph_store.remote import RemoteStore
from thidua.graph_store.server import OxigraphServer

ID = "https://w3id.org/thidua/id/"
TD = "https://w3id.org/thidua/ontology#"
GRAPH = "https://w3id.org/thidua/graph/"
LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GYEAR = "http://www.w3.org/2001/XMLSchema#gYear"
AWARDS = ["Cờ thi đua của Ủy ban nhân dân thành phố", "Bằng khen của Thủ tướng Chính phủ",
          "Huân chương Lao động hạng Ba", "Tập thể lao động xuất sắc"]
QUADS_PER_AWARD = 5


def write_nquads(path: Path, quads: int, graphs: int) -> None:
    """`quads` quads, grouped by graph; the same bytes on every run."""
    awards = quads // QUADS_PER_AWARD
    per_graph = max(1, awards // graphs)
    with open(path, "w", encoding="utf-8") as out:
        for a in range(awards):
            g = f"<{GRAPH}bai-{a // per_graph:05d}>"
            fact, unit = f"<{ID}fact/{a}>", f"<{ID}unit/don-vi-{a % 9973}>"
            out.write(f"{fact} <{TYPE}> <{TD}Award> {g} .\n"
                      f"{fact} <{TD}recipient> {unit} {g} .\n"
                      f"{fact} <{TD}awardLabel> \"{AWARDS[a % len(AWARDS)]}\"@vi {g} .\n"
                      f"{fact} <{TD}achievementYear> \"{2000 + a % 25}\"^^<{GYEAR}> {g} .\n"
                      f"{unit} <{LABEL}> \"Sở Giao thông vận tải số {a % 9973}\"@vi {g} .\n")


def by_graph(path: Path, limit: int) -> Iterator[tuple[str, list[Quad]]]:
    quads = parse(path=str(path), format=RdfFormat.N_QUADS)
    groups = itertools.groupby(quads, key=lambda q: q.graph_name.value)
    for graph, group in itertools.islice(groups, limit or None):
        yield graph, list(group)


def timed(label: str, run: Callable[..., int], quads: int, results: dict) -> None:
    """`run(clock)` opens a store, calls clock(load) and returns the quads stored: only the
    load itself is timed (not the server start or the final count)."""
    seconds = []

    def clock(load: Callable[[], None]) -> float:
        start = time.perf_counter()
        load()
        seconds.append(time.perf_counter() - start)
        return seconds[-1]

    counted = run(clock)
    if counted != quads:
        raise SystemExit(f"{label}: the store holds {counted} quads, expected {quads}")
    results[label] = seconds[0]
    print(f"{label:16} {seconds[0]:8.2f} s  {quads / seconds[0]:10,.0f} quads/s", flush=True)


def per_graph(store, data: Path, limit: int, label: str) -> Callable[[], None]:
    def load() -> None:
        graphs = list(by_graph(data, limit))
        step = max(1, len(graphs) // 10)
        start = time.perf_counter()
        for i, (graph, quads) in enumerate(graphs, 1):
            store.replace_graph(graph, quads)
            if i % step == 0:
                now = time.perf_counter()
                print(f"  {label}: graphs {i - step + 1}-{i}: "
                      f"{(now - start) / step * 1000:.0f} ms per graph", flush=True)
                start = now
    return load


def graph_quads(data: Path, limit: int) -> int:
    return sum(len(quads) for _, quads in by_graph(data, limit))


def embedded_bulk(work: Path, data: Path, clock) -> int:
    store = EmbeddedStore(work / "embedded-bulk")
    try:
        clock(lambda: store.bulk_load_file(data))
        return store.count()
    finally:
        store.close()


def remote_bulk(work: Path, data: Path, clock) -> int:
    with OxigraphServer(work / "remote-bulk") as server:
        store = RemoteStore(server.url, timeout=600)
        clock(lambda: store.bulk_load_file(data))
        return store.count()


def embedded_graphs(work: Path, data: Path, clock, limit: int) -> int:
    store = EmbeddedStore(work / "embedded-graphs")
    try:
        clock(per_graph(store, data, limit, "embedded"))
        return store.count()
    finally:
        store.close()


def remote_graphs(work: Path, data: Path, clock, limit: int) -> int:
    with OxigraphServer(work / "remote-graphs") as server:
        store = RemoteStore(server.url, timeout=600)
        clock(per_graph(store, data, limit, "remote"))
        return store.count()


def interrupt(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--graphs", type=int, default=1_000)
    parser.add_argument("--graph-limit", type=int, default=100,
                        help="Graphs loaded by the per-graph paths (0 = all; -1 = skip them).")
    args = parser.parse_args()
    # A plain `kill` stops like Ctrl-C, so the servers are stopped too.
    signal.signal(signal.SIGTERM, interrupt)
    quads = args.quads // QUADS_PER_AWARD * QUADS_PER_AWARD
    work = Path(tempfile.mkdtemp(prefix="thidua-bench-remote-"))
    try:
        data = work / "data.nq"
        write_nquads(data, quads, args.graphs)
        print(f"{quads:,} quads in {args.graphs:,} graphs, "
              f"{data.stat().st_size / 1e6:.0f} MB of N-Quads", flush=True)
        results: dict[str, float] = {}
        timed("embedded bulk", lambda clock: embedded_bulk(work, data, clock), quads, results)
        timed("remote bulk", lambda clock: remote_bulk(work, data, clock), quads, results)
        sizes = {"embedded bulk": quads, "remote bulk": quads}
        if args.graph_limit >= 0:
            limit = args.graph_limit
            sizes["embedded graphs"] = sizes["remote graphs"] = subset = graph_quads(data, limit)
            print(f"per-graph paths: {subset:,} quads in {limit or args.graphs:,} graphs")
            timed("embedded graphs", lambda clock: embedded_graphs(work, data, clock, limit),
                  subset, results)
            timed("remote graphs", lambda clock: remote_graphs(work, data, clock, limit),
                  subset, results)
        rate = {label: sizes[label] / seconds for label, seconds in results.items()}
        print("ratio of throughput to the embedded bulk load (1.00 = as fast):")
        for label in results:
            print(f"  {label:16} {rate[label] / rate['embedded bulk']:6.2f}")
        if "remote graphs" in rate:
            print(f"  remote graphs / embedded graphs: "
                  f"{rate['remote graphs'] / rate['embedded graphs']:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
