"""Extraction speed (one core, all cores) and F1 on the synthetic gold."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

from suite_common import ROOT, Row, Timer, log

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
ONE_CORE_LIMIT = 3000     # articles timed on one core: enough for a steady rate
F1_DOCS = 5000            # score.py holds gold and predictions in memory: score a prefix
RESOLUTION_DOCS = 200
_MANIFEST: dict = {}


def _init_worker(manifest: dict) -> None:
    global _MANIFEST
    _MANIFEST = manifest


def _read_and_extract(path: str) -> tuple[str, list[dict] | str]:
    from thidua.errors import ThiduaError
    from thidua.loaders.extract import extract
    from thidua.loaders.reading import read_article
    try:
        article = read_article(Path(path), _MANIFEST.get(Path(path).stem))
        return article.doc, extract(article.text, article.doc, jurisdiction=article.jurisdiction,
                                    published=article.published)
    except ThiduaError as exc:
        return Path(path).stem, str(exc)


def run(corpus: Path, work: Path) -> tuple[list[Row], Path | None]:
    """Rows for the table, and the predictions file (facts of every article) for loading and F1."""
    from thidua.loaders.reading import iter_article_paths, read_manifest
    manifest = read_manifest(corpus)
    paths = [str(p) for p in iter_article_paths([corpus])]
    rows = []

    _init_worker(manifest)
    sample = paths[:ONE_CORE_LIMIT]
    log(f"extraction on one core: {len(sample)} articles")
    timer, cpu = Timer(), time.process_time()
    for path in sample:
        _read_and_extract(path)
    one_core = len(sample) / timer.seconds
    per_cpu_second = len(sample) / (time.process_time() - cpu)
    rows.append(Row("extraction", "articles/s, 1 process (wall)", one_core, "art/s",
                    note=f"read_article + extract, {len(sample)} articles; load average {os.getloadavg()[0]:.1f}"))
    rows.append(Row("extraction", "articles per CPU-second, 1 process", per_cpu_second, "art/s",
                    aim=">= 300 per core", met=per_cpu_second >= 300,
                    note="CPU time, so other work on the machine does not count against it"))

    cores = os.cpu_count() or 1
    predictions = work / "pred.jsonl"
    log(f"extraction on {cores} processes: {len(paths)} articles -> {predictions}")
    from thidua.loaders.model import Article
    from thidua.loaders.resolve import Resolver
    resolver = Resolver()   # ids make the scorer's cross-article figures (and loading) meaningful
    failures = 0
    timer = Timer()
    with open(predictions, "w", encoding="utf-8") as out, \
            get_context("fork").Pool(cores, initializer=_init_worker, initargs=(manifest,)) as pool:
        for doc, facts in pool.imap(_read_and_extract, paths, chunksize=16):
            if isinstance(facts, str):
                failures += 1
                continue
            row = manifest.get(doc) or {}
            article = Article(doc, jurisdiction=row.get("jurisdiction"), published=row.get("published"))
            for fact in resolver.resolve(article, facts):
                out.write(json.dumps(fact, ensure_ascii=False) + "\n")
    all_cores = len(paths) / timer.seconds
    rows.append(Row("extraction", f"articles/s, {cores} processes (wall)", all_cores, "art/s",
                    baseline=one_core, baseline_name="1 process", ratio=all_cores / one_core,
                    aim=f">= {300 * cores}", met=all_cores >= 300 * cores,
                    note=f"{len(paths)} articles, pool start and resolution included; load average "
                         f"{os.getloadavg()[0]:.1f}" + (f", {failures} failed" if failures else "")))
    return rows, predictions


def f1(corpus: Path, predictions: Path, work: Path) -> list[Row]:
    """The scorer's overall F1 (micro) on the first F1_DOCS articles, per fact type in the note;
    cross-article resolution on the first RESOLUTION_DOCS (score.py compares every cluster
    mention with every prediction, so its cost grows with the square of the corpus)."""
    if not SCORER.is_file():
        return [Row("F1", "-", note=f"not available: {SCORER} is missing")]
    all_docs = sorted(p.stem for p in corpus.glob("*.txt"))
    docs = all_docs[:F1_DOCS]
    scores = _score(corpus, predictions, work, set(docs), with_same=False)
    if isinstance(scores, str):
        return [Row("F1", "-", note=scores)]
    overall = scores["types"]["overall"]["f1"]
    per_type = ", ".join(f"{t} {v['f1']:.2f}" for t, v in scores["types"].items() if t != "overall")
    rows = [Row("F1", f"overall on {len(docs)} articles", overall, aim="sanity check", note=per_type)]
    resolution = _score(corpus, predictions, work, set(all_docs[:RESOLUTION_DOCS]), with_same=True)
    if not isinstance(resolution, str) and resolution["clusters"]:
        share = resolution["clusters_resolved"] / resolution["clusters"]
        rows.append(Row("F1", f"same-entity clusters resolved, {min(len(all_docs), RESOLUTION_DOCS)} articles",
                        share, note=f"{resolution['clusters_resolved']}/{resolution['clusters']}; ids joining "
                                    f"unrelated names: {resolution['ids_joining_unrelated_names']}"))
    return rows


def _score(corpus: Path, predictions: Path, work: Path, docs: set[str], with_same: bool) -> dict | str:
    tag = "same" if with_same else "facts"
    gold = _prefix(corpus / "gold.jsonl", docs, work / f"gold-{tag}.jsonl", with_same)
    pred = _prefix(predictions, docs, work / f"pred-{tag}.jsonl", False)
    with tempfile.TemporaryDirectory() as tmp:
        # score.py reads the manifest beside the gold file: give it one.
        os.symlink((corpus / "manifest.tsv").resolve(), Path(tmp) / "manifest.tsv")
        os.symlink(gold.resolve(), Path(tmp) / "gold.jsonl")
        done = subprocess.run([sys.executable, str(SCORER), "--gold", str(Path(tmp) / "gold.jsonl"),
                               "--pred", str(pred), "--json"], capture_output=True, text=True)
    if done.returncode != 0:
        return f"score.py failed: {done.stderr.strip()[-200:]}"
    return json.loads(done.stdout)


def _prefix(source: Path, docs: set[str], target: Path, with_same: bool) -> Path:
    """The facts of `docs` (and, when asked, the same-entity lines restricted to them)."""
    with open(source, encoding="utf-8") as fh, open(target, "w", encoding="utf-8") as out:
        for line in fh:
            record = json.loads(line)
            if record.get("type") == "same":
                if not with_same:
                    continue
                mentions = [m for m in record["mentions"] if m[0] in docs]
                if len(mentions) > 1:
                    out.write(json.dumps({**record, "mentions": mentions}, ensure_ascii=False) + "\n")
            elif record.get("doc") in docs:
                out.write(line)
    return target
