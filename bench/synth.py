#!/usr/bin/env python3
"""Write a synthetic corpus: Vietnamese emulation-bloc news articles with their gold facts.

    python bench/synth.py --articles 1000 --seed 7 --out bench/out/corpus-1k
    python bench/synth.py --articles 1000 --seed 7 --extra 10 --out bench/out/corpus-1k-more

writes DIR/*.txt (one article each, about 4 KB), DIR/manifest.tsv (doc, url, jurisdiction,
published) and DIR/gold.jsonl (facts in the interchange format of shared/eval/FORMAT.md, then
"same" lines naming the mentions of one entity across articles). The same seed and size give
byte-identical files. Articles are written as they are made and the world is built one
province at a time, so memory stays flat from 1k to 100k articles.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_article import Article, Event, Writer  # noqa: E402
from synth_world import EVENTS_PER_BLOC, LAST_YEAR, YEARS, NameBook, build_province, lexicon, plan_blocs  # noqa: E402

BUCKETS = 64
SAME_KINDS = ("bloc", "unit", "person")


def events_of(world) -> list[Event]:
    events = []
    for bloc in world.blocs.values():
        for year in YEARS:
            events.append(Event(bloc, year, "kk"))
            if year < LAST_YEAR:
                events.append(Event(bloc, year, "tk"))
    return events


def articles(count: int, seed: int, extra: int = 0) -> Iterator[Article]:
    """The corpus, article by article: the j-th article reports conference floor(j * E / count).
    With `extra`, only that many more reports of the same world's conferences, spread over it
    (documents syn-more-*): what the portals publish after the corpus was scraped."""
    plan = plan_blocs(seed, count)
    total_events = sum(len(kinds) for _, kinds in plan) * EVENTS_PER_BLOC
    if extra:
        picks = [((2 * k + 1) * total_events // (2 * extra), f"syn-more-{k:06d}") for k in range(extra)]
    else:
        width = max(6, len(str(count - 1)))
        picks = ((j * total_events // count, f"syn-{j:0{width}d}") for j in range(count))
    yield from _reports(seed, plan, iter(picks))


def _reports(seed: int, plan, picks: Iterator[tuple[int, str]]) -> Iterator[Article]:
    """An article for each (conference number, document name), in conference order."""
    names = NameBook(lexicon())
    first_event = 0
    pick = next(picks, None)
    for province, kinds in plan:
        if pick is None:
            return
        world = build_province(seed, province, kinds, names)
        events = events_of(world)
        last_event = first_event + len(events)
        while pick is not None and pick[0] < last_event:
            yield write_article(seed, world, events[pick[0] - first_event], pick[1])
            pick = next(picks, None)
        first_event = last_event


def write_article(seed: int, world, event: Event, doc: str) -> Article:
    rng = random.Random(f"{seed}:article:{doc}")
    writer = Writer(rng, world, event, doc, f"{seed}:event:{event.key}")
    with_jurisdiction = rng.random() >= 0.08
    title, text = writer.write(with_jurisdiction)
    from thidua.text import slug
    domain = rng.choice(("sonoivu.{}.gov.vn", "{}.gov.vn", "bao{}.vn", "tdkt.{}.gov.vn")).format(
        slug(world.province.name).replace("-", ""))
    url = f"https://{domain}/tin-tuc/{slug(title, 60)}-{zlib.crc32(doc.encode()) % 900000 + 100000}.html"
    return Article(doc, text, url, world.province.full if with_jurisdiction else "",
                   writer.published.isoformat(), writer.facts, writer.mentions)


def generate(count: int, seed: int, out: Path, extra: int = 0) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="synth-mentions-", dir=out))
    buckets = [open(tmp / f"{i:02d}.tsv", "w", encoding="utf-8") for i in range(BUCKETS)]
    stats = {"articles": 0, "facts": 0, "bytes": 0, "same": 0}
    try:
        with open(out / "manifest.tsv", "w", encoding="utf-8", newline="\n") as manifest, \
                open(out / "gold.jsonl", "w", encoding="utf-8", newline="\n") as gold:
            manifest.write("doc\turl\tjurisdiction\tpublished\n")
            for article in articles(count, seed, extra):
                data = article.text.encode("utf-8")
                (out / f"{article.doc}.txt").write_bytes(data)
                manifest.write(f"{article.doc}\t{article.url}\t{article.jurisdiction}\t{article.published}\n")
                for fact in article.facts:
                    gold.write(json.dumps(fact, ensure_ascii=False) + "\n")
                for kind, key, name in dict.fromkeys(article.mentions):
                    bucket = buckets[zlib.crc32(key.encode("utf-8")) % BUCKETS]
                    bucket.write(f"{kind}\t{key}\t{article.doc}\t{name}\n")
                stats["articles"] += 1
                stats["facts"] += len(article.facts)
                stats["bytes"] += len(data)
            for bucket in buckets:
                bucket.close()
            stats["same"] = write_same_lines(tmp, gold)
    finally:
        for bucket in buckets:
            bucket.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return stats


def write_same_lines(tmp: Path, gold) -> int:
    """One "same" line per entity mentioned in two or more articles; one bucket in memory at a time."""
    written = 0
    for path in sorted(tmp.glob("*.tsv")):
        entities: dict[tuple[str, str], dict[str, str]] = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                kind, key, doc, name = line.rstrip("\n").split("\t")
                entities.setdefault((kind, key), {}).setdefault(doc, name)
        for (kind, key), docs in sorted(entities.items()):
            if kind in SAME_KINDS and len(docs) > 1:
                gold.write(json.dumps({"type": "same", "kind": kind, "mentions": [[d, n] for d, n in docs.items()]},
                                      ensure_ascii=False) + "\n")
                written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--extra", type=int, default=0, metavar="N",
                        help="write only N more articles of the same world (syn-more-*), to add to "
                             "the corpus of --articles and --seed (an incremental build)")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.extra < 0:
        parser.error("--articles must be at least 1 and --extra at least 0")
    stats = generate(args.articles, args.seed, args.out, args.extra)
    print(f"wrote {stats['articles']} articles ({stats['bytes'] / max(1, stats['articles']):.0f} bytes each), "
          f"{stats['facts']} facts, {stats['same']} same-entity lines to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
