"""Shared pieces of the benchmark suite (bench/run): result rows, timing, memory, the machine."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
SEED = 7


@dataclass
class Row:
    """One line of the results table: a figure, what it is compared with, and the aim."""
    component: str
    metric: str
    value: float | None = None
    unit: str = ""
    baseline: float | None = None      # the peer measured in the same run (same unit)
    baseline_name: str = ""
    ratio: float | None = None         # value / baseline, or baseline / value for times
    aim: str = ""
    met: bool | None = None
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def unavailable(component: str, reason: str) -> Row:
    return Row(component, "-", note=f"not available: {reason}")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation: with few runs it reports a real run)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def corpus_dir(size: str) -> Path:
    return OUT / f"corpus-{size}"


def ensure_corpus(size: str) -> Path:
    """The synthetic corpus of `size`, generated with bench/synth.py when missing."""
    folder = corpus_dir(size)
    count = SIZES[size]
    if (folder / "gold.jsonl").is_file() and len(list(folder.glob("*.txt"))) == count:
        return folder
    log(f"generating the {size} corpus into {folder}")
    subprocess.run([sys.executable, str(BENCH / "synth.py"), "--articles", str(count), "--seed", str(SEED),
                    "--out", str(folder)], check=True)
    return folder


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc.

    ru_maxrss only knows the largest single process; a load with a pool of workers holds
    several at once, and the user pays for their sum.
    """

    def __init__(self, pid: int, interval: float = 0.25):
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.pid))
            self._stop.wait(self.interval)


def _tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in tree)


def machine() -> dict:
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_average_1m": round(os.getloadavg()[0], 1)}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines()
                            if line.startswith("model name")), "")
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal")))
        info["ram_gb"] = round(kb / 1024 ** 2, 1)
    except (OSError, StopIteration, ValueError):
        pass
    from importlib import metadata
    for package in ("thidua", "pyoxigraph", "rdflib", "jinja2", "pyshacl"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = None
    return info


def format_table(rows: list[Row]) -> str:
    header = ("component", "metric", "value", "peer", "ratio", "aim", "")
    lines = [header]
    for r in rows:
        value = "" if r.value is None else f"{_num(r.value)} {r.unit}".strip()
        peer = "" if r.baseline is None else f"{_num(r.baseline)} ({r.baseline_name})"
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}x"
        mark = "" if r.met is None else ("ok" if r.met else "MISSED")
        lines.append((r.component, r.metric, value, peer, ratio, r.aim, (mark + " " + r.note).strip()))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def _num(x: float) -> str:
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


@dataclass
class Timer:
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def markdown_table(results: dict) -> str:
    """The results of one run as the Markdown kept in bench/README.md."""
    m = results["machine"]
    lines = [f"{results['articles']:,} synthetic articles (seed {SEED}), {results['date']}; "
             f"{m.get('nproc')} cores ({m.get('cpu', '?')}), {m.get('ram_gb', '?')} GB RAM, Python {m.get('python')}, "
             f"pyoxigraph {m.get('pyoxigraph')}, rdflib {m.get('rdflib')}, jinja2 {m.get('jinja2')}, "
             f"pyshacl {m.get('pyshacl')}; 1-minute load average at the end {m.get('load_average_1m')}.", "",
             "| component | metric | value | peer | ratio | aim | met | note |", "|---|---|---|---|---|---|---|---|"]
    for r in results["rows"]:
        value = "" if r["value"] is None else f"{_num(r['value'])} {r['unit']}".strip()
        peer = "" if r["baseline"] is None else f"{_num(r['baseline'])} ({r['baseline_name']})"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        note = r["note"].replace("|", "/")
        lines.append(f"| {r['component']} | {r['metric']} | {value} | {peer} | {ratio} | {r['aim']} | {met} | {note} |")
    return "\n".join(lines)
