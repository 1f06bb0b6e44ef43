"""thidua evaluate: precision, recall and F1 of the extractor against annotated gold facts."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command(name="evaluate")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold facts (JSON Lines, shared/eval/FORMAT.md).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False),
              help="Jurisdictions of the documents (default: manifest.tsv beside the gold file "
                   "and beside the articles).")
@click.option("--show", is_flag=True, help="List each missed and each spurious fact.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(gold_path, paths, manifest, show, as_json):
    """Score extraction against gold facts: P, R and F1 per fact type and overall.

    PATHS are articles or folders of articles (extracted now), or facts files (.jsonl)
    produced earlier by `thidua extract`. Only documents named in the gold file or its
    manifest are scored. Matching follows shared/eval/FORMAT.md.

    \b
    Example:
        thidua evaluate --gold articles/gold.jsonl articles/
        thidua evaluate --gold my-sample/gold.jsonl facts.jsonl --show
    """
    from thidua.evaluate import FIELDS, score
    gold = _read_jsonl(Path(gold_path))
    pred, jurisdictions, failed = _predictions([Path(p) for p in paths])
    jurisdictions.update(_jurisdictions(Path(manifest) if manifest else
                                        Path(gold_path).with_name("manifest.tsv")))
    result = score(gold, pred, jurisdictions)
    table = result.table()
    if as_json:
        click.echo(json.dumps(table, ensure_ascii=False, indent=2))
    else:
        if show:
            for g in result.missed:
                click.echo("MISSED   " + json.dumps(g, ensure_ascii=False))
            for p in result.spurious:
                shown = {k: v for k, v in p.items() if k not in ("evidence", "span") and not k.endswith("_id")}
                click.echo("SPURIOUS " + json.dumps(shown, ensure_ascii=False))
            click.echo()
        click.echo(f"{'type':<11}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
        for name in (*FIELDS, "overall"):
            r = table[name]
            click.echo(f"{name:<11}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}"
                       f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
    if failed:
        sys.exit(1)


def _predictions(paths: list[Path]) -> tuple[list[dict], dict[str, str | None], int]:
    from thidua.loaders.extract.batch import extract_paths
    facts_files = [p for p in paths if p.is_file() and p.suffix == ".jsonl"]
    others = [p for p in paths if p not in facts_files]
    pred = [f for p in facts_files for f in _read_jsonl(p)]
    jurisdictions: dict[str, str | None] = {}
    failed = 0
    if others:
        for outcome in extract_paths(others, resolve=False):
            if outcome.error:
                click.echo(f"{outcome.path}: {outcome.error}", err=True)
                failed += 1
                continue
            jurisdictions[outcome.article.doc] = outcome.article.jurisdiction
            pred.extend(outcome.facts)
    return pred, jurisdictions, failed


def _jurisdictions(manifest: Path) -> dict[str, str | None]:
    if not manifest.is_file():
        return {}
    from thidua.loaders.reading import read_manifest
    return {doc: row.get("jurisdiction") for doc, row in read_manifest(manifest).items()}


def _read_jsonl(path: Path) -> list[dict]:
    from thidua.errors import BadRecord
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadRecord(path, number, f"not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise BadRecord(path, number, "not a JSON object")
        out.append(record)
    return out
