#!/usr/bin/env python3
"""Extraction speed on one core: articles per second, with a baseline measured in the same run.

Usage: bench/bench_extract.py [CORPUS_DIR ...] [--rounds N]
       (default: ../shared/corpus/dev and seeds when present, else the bundled articles/)

Texts are read once (reading is benchmarked in bench_reading.py); then `extract` runs over
them N times on this one process. CPU time of this process is measured, so other load on the
machine disturbs the figures less than wall time would. The baseline is the least any
extractor must do, in the same run: lower-case every article and split it into words. The
aim is >= 300 articles/s for 4 KB articles.
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
