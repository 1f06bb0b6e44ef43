#!/usr/bin/env python3
"""Link check speed: `thidua.site.linkcheck.check_site` on a built site, first and remembered.

Usage: bench/bench_linkcheck.py SITE [--sample N]
Times, on the same site and in the same run:
- the floor: reading every page and parsing it with lxml, links and ids collected, nothing
  resolved or stored (what any checker of these pages pays);
- a first check that remembers (a fresh memory file), against that floor;
- the same check again with nothing changed (the walk and the recheck of broken links only);
and prints the memory file's size. `--sample N` checks only the floor on N pages when the
site is large, to estimate it (the check itself always reads the whole site).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from thidua.site.linkcheck import check_site, parse_page  # noqa: E402


def pages_of(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def floor_seconds(pages: list[Path]) -> float:
    start = time.process_time()
    for page in pages:
        parse_page(page)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="pages for the floor (default: all)")
    args = parser.parse_args(argv)
    pages = pages_of(args.site)
    if not pages:
        parser.error(f"{args.site}: no .html pages (build a site first: thidua build articles/)")
    sample = pages[:: max(1, len(pages) // args.sample)] if args.sample else pages
    floor = floor_seconds(sample) * len(pages) / len(sample)
    with tempfile.TemporaryDirectory(prefix="bench-links-") as scratch:
        memory = Path(scratch) / "links.sqlite"
        timings = []
        for label in ("first check, remembering", "again, nothing changed"):
            wall, cpu = time.perf_counter(), time.process_time()
            report = check_site(args.site, memory=memory)
            timings.append((label, time.perf_counter() - wall, time.process_time() - cpu, report))
        size = os.path.getsize(memory)
    estimated = " (estimated from %d pages)" % len(sample) if args.sample else ""
    print(f"{len(pages):,} pages; floor (read and parse every page with lxml, CPU): {floor:.1f} s{estimated}")
    for label, wall, cpu, report in timings:
        print(f"{label:26} {wall:8.1f} s wall {cpu:8.1f} s CPU  {cpu / floor:5.2f}x the floor  "
              f"{report.parsed:,} pages parsed, {report.links:,} links, {len(report.broken)} broken")
    print(f"memory file: {size / 1e6:,.0f} MB ({size / max(1, timings[0][3].links):.0f} bytes a link)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
