#!/usr/bin/env python3
"""Resolution on a corpus: feed facts through one Resolver and score its ids with score.py.

Usage:
    python bench/resolution_check.py [--pick first|last] [--facts FACTS.jsonl | --extract] CORPUS_DIR...

Without --facts, the facts are the corpus's gold (gold.jsonl, "same" lines dropped), taking
the first (or, with --pick last, the last: the typo variants) acceptable value of each field;
with --facts, an extractor's output (`thidua extract DIR > FACTS.jsonl`); with --extract, the
output of thidua.loaders.extract on the corpus's articles, made here. Jurisdictions come
from each corpus's manifest.tsv. Prints the scorer's resolution lines per corpus, the numbers
of merges and near-misses, the time spent resolving, and (exact where the scorer's count is
loose) the number of ids that join mentions of two different gold clusters. --no-score skips
score.py (it is quadratic: minutes on 1,000 articles) and keeps the exact counts.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from thidua.loaders.model import Article
from thidua.loaders.resolve import Resolver

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def manifest(corpus: Path) -> dict[str, dict]:
    with open(corpus / "manifest.tsv", encoding="utf-8") as fh:
        return {row["doc"]: row for row in csv.DictReader(fh, delimiter="\t")}


def gold_facts(corpus: Path, pick: str) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = {}
    for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("type") == "same":
            continue
        fact = {k: _pick(v, pick) for k, v in record.items()}
        by_doc.setdefault(fact["doc"], []).append(fact)
    return by_doc


def _pick(value, pick: str):
    if not isinstance(value, list):
        return value
    values = [v for v in value if v is not None] or [None]
    return values[0] if pick == "first" else values[-1]


def facts_file(path: Path) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            fact = json.loads(line)
            fact = {k: v for k, v in fact.items() if not k.endswith("_id")}   # resolve afresh
            by_doc.setdefault(fact["doc"], []).append(fact)
    return by_doc


def extracted(corpus: Path) -> dict[str, list[dict]]:
    from thidua.loaders.extract import extract
    from thidua.loaders.reading import read_article, read_manifest
    rows = read_manifest(corpus)
    by_doc = {}
    for doc, row in rows.items():
        article = read_article(corpus / f"{doc}.txt", row)
        by_doc[doc] = extract(article.text, doc, jurisdiction=article.jurisdiction,
                              published=article.published)
    return by_doc


class BaselineResolver:
    """The first resolver of the project, for comparison in the same run: identity is the
    cleaned, abbreviation-expanded, folded name plus the article's jurisdiction."""

    def __init__(self):
        self.entities, self.merges = {}, []

    def resolve(self, article: Article, facts: list[dict]) -> list[dict]:
        from thidua import iri
        from thidua.loaders.model import ENTITY_FIELDS, ID_FIELDS, entity_kind
        from thidua.text import clean, expand_abbreviations, fold
        out = []
        for fact in facts:
            fact = dict(fact)
            for name_field in ENTITY_FIELDS:
                name = fact.get(name_field)
                if isinstance(name, str) and name.strip():
                    label = clean(expand_abbreviations(name))
                    kind = entity_kind(fact, name_field)
                    fact[ID_FIELDS[name_field]] = iri.entity(kind, fold(label), fold(article.jurisdiction or ""))
                    self.entities[fact[ID_FIELDS[name_field]]] = label
            out.append(fact)
        return out

    def near_misses(self):
        return []


def resolve(corpus: Path, by_doc: dict[str, list[dict]], make=Resolver) -> tuple[list[dict], Resolver, float]:
    resolver = make()
    rows = manifest(corpus)
    out: list[dict] = []
    start = time.perf_counter()
    for doc in list(rows) + sorted(set(by_doc) - set(rows)):
        row = rows.get(doc, {})
        article = Article(doc=doc, jurisdiction=row.get("jurisdiction") or None,
                          published=row.get("published") or None)
        out.extend(resolver.resolve(article, by_doc.get(doc, [])))
    return out, resolver, time.perf_counter() - start


def score(corpus: Path, facts: list[dict]) -> list[str]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for fact in facts:
            fh.write(json.dumps(fact, ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, str(SCORER), "--gold", str(corpus / "gold.jsonl"),
                             "--pred", fh.name], capture_output=True, text=True, check=True)
    Path(fh.name).unlink()
    return [line for line in result.stdout.splitlines()
            if line.startswith(("cross-article", "ids joining", "overall F1"))]


def cluster_check(corpus: Path, facts: list[dict]) -> tuple[int, int, int]:
    """(clusters whose mentions all got one id, clusters, ids joining two clusters), with the
    scorer's own loose matching of names."""
    sys.path.insert(0, str(SCORER.parent))
    import score as scorer
    juris = scorer.read_manifest(corpus / "manifest.tsv")
    clusters = [g for g in scorer.read_jsonl(corpus / "gold.jsonl") if g.get("type") == "same"]
    ids_at: dict[tuple[str, str], set[str]] = {}
    for fact in facts:
        suffixes = scorer.place_suffixes(juris.get(fact["doc"], ""))
        for name_field, id_field in scorer.ID_FIELDS.items():
            if fact.get(id_field) and fact.get(name_field):
                key = (fact["doc"], scorer._loose(fact[name_field], suffixes))
                ids_at.setdefault(key, set()).add(fact[id_field])
    resolved, clusters_of_id = 0, {}
    for number, cluster in enumerate(clusters):
        keys = [(d, scorer._loose(n, scorer.place_suffixes(juris.get(d, "")))) for d, n in cluster["mentions"]]
        found = [ids_at.get(k, set()) for k in keys]
        resolved += all(found) and len(set().union(*found)) == 1
        for entity_iri in set().union(*found):
            clusters_of_id.setdefault(entity_iri, set()).add(number)
    return resolved, len(clusters), sum(len(c) > 1 for c in clusters_of_id.values())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--pick", choices=("first", "last"), default="first")
    ap.add_argument("--facts", type=Path, help="extractor output instead of the gold facts")
    ap.add_argument("--extract", action="store_true", help="run the extractor on the articles")
    ap.add_argument("--no-score", action="store_true", help="skip score.py (slow on big corpora)")
    args = ap.parse_args(argv)
    for corpus in args.corpora:
        by_doc = (facts_file(args.facts) if args.facts else extracted(corpus) if args.extract
                  else gold_facts(corpus, args.pick))
        by_doc = {d: f for d, f in by_doc.items() if d in manifest(corpus)}
        facts, resolver, seconds = resolve(corpus, by_doc)
        mentions = sum(1 for f in facts for k in f if k.endswith("_id"))
        source = (f"facts: {args.facts}" if args.facts else "extracted here" if args.extract
                  else f"gold, {args.pick}")
        print(f"== {corpus} ({source})")
        for line in ([] if args.no_score else score(corpus, facts)):
            print("  " + line)
        resolved, clusters, joining = cluster_check(corpus, facts)
        print(f"  clusters resolved {resolved}/{clusters}, ids joining two gold clusters {joining}")
        print(f"  entities {len(resolver.entities)}, mentions {mentions}, merges {len(resolver.merges)}, "
              f"near-misses {len(resolver.near_misses())}, resolve time {seconds:.3f}s "
              f"({1000 * seconds / max(mentions, 1):.2f} ms per mention)")
        base_facts, base, base_seconds = resolve(corpus, by_doc, BaselineResolver)
        b_resolved, b_clusters, b_joining = cluster_check(corpus, base_facts)
        print(f"  baseline (name + article jurisdiction): clusters resolved {b_resolved}/{b_clusters}, "
              f"ids joining two gold clusters {b_joining}, entities {len(base.entities)}, "
              f"time {base_seconds:.3f}s; this resolver takes {seconds / max(base_seconds, 1e-9):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
