"""thidua review: the entity merges and near-misses, with their reasons, for a person to check."""
from __future__ import annotations

import json
from pathlib import Path

import click

from thidua.commands.options import open_store_from, quiet, store_options


@click.command(name="review")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--decisions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TSV of 'same' / 'not-same' decisions (name-or-IRI A, name-or-IRI B), "
                   "applied before the rules.")
@click.option("--show", type=click.Choice(["all", "merges", "near-misses"]), default="all",
              show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "tsv", "json"]), default="text",
              show_default=True)
@click.option("--from-store", "use_store", is_flag=True,
              help="Start from the entities already in the store (implied when no PATH is given).")
@store_options
@click.pass_context
def command(ctx, paths, decisions, show, fmt, use_store, store_path, endpoint, **remote):
    """List how mentions were resolved to entities: merges and near-misses, with reasons.

    PATHS are articles, folders of articles or facts files (.jsonl/.csv, with manifest.tsv
    beside them for jurisdictions), resolved here as `thidua load` would. Without PATHS, the
    entities in the store are reviewed: names stored on one entity, and close names kept
    apart. Write what you disagree with into a decisions file (see docs/resolution.md) and
    pass it with --decisions.

    \b
    Example:
        thidua review articles/
        thidua review --show near-misses --format tsv corpus/facts.jsonl
        thidua review --decisions decisions.tsv articles/
        thidua review --store thidua-data/store
    """
    from thidua.loaders.resolve import Resolver
    from thidua.loaders.resolution.decisions import Decisions

    chosen = Decisions.read(decisions) if decisions else None
    failed = [f"{e.path}:{e.line}: {e.reason}" for e in (chosen.errors if chosen else [])]
    if paths and not use_store:
        resolver = Resolver(chosen)
    else:
        store = open_store_from(store_path, endpoint, read_only=True, **remote)
        try:
            resolver = Resolver.from_store(store, chosen)
        finally:
            store.close()
    if paths:
        failed += _resolve_paths(resolver, paths, progress=not quiet(ctx))
    records = []
    if show in ("all", "merges"):
        records += [m.as_dict() for m in resolver.merges]
    if show in ("all", "near-misses"):
        records += [n.as_dict() for n in resolver.near_misses()]
    click.echo(_format(records, fmt, resolver), nl=False)
    for line in failed:
        click.echo(f"Error: {line}", err=True)
    click.echo(f"{sum(r['decision'] == 'merged' for r in records)} merges, "
               f"{sum(r['decision'] != 'merged' for r in records)} near-misses", err=True)
    if failed:
        ctx.exit(1)


def _resolve_paths(resolver, paths, progress: bool) -> list[str]:
    """Resolve every document of `paths` in order; bad inputs become one line each."""
    from thidua.loaders.pipeline import LoadReport, read_documents
    report = LoadReport()
    for article, facts in read_documents(paths, report, progress=progress):
        resolver.resolve(article, facts)
    return [f"{source}: {reason}" for source, reason in report.failed]


def _format(records: list[dict], fmt: str, resolver) -> str:
    if fmt == "json":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "tsv":
        header = ["decision", "kind", "entity", "label", "other", "other_label", "doc", "reason"]
        rows = [header] + [_tsv_row(r) for r in records]
        return "".join("\t".join(_cell(c) for c in row) + "\n" for row in rows)
    return "".join(_text_block(r) for r in records)


def _tsv_row(r: dict) -> list[str]:
    if r["decision"] == "merged":
        return ["merged", r["kind"], r["iri"], r["label"], "", r["variant"], r["doc"], r["reason"]]
    return ["kept apart", r["kind"], r["iri_a"], r["label_a"], r["iri_b"], r["label_b"], "", r["reason"]]


def _cell(value: str) -> str:
    return str(value).replace("\t", " ").replace("\n", " ")


def _text_block(r: dict) -> str:
    if r["decision"] == "merged":
        return (f"MERGED  {r['kind']}  {r['label']}  <-  {r['variant']}  ({r['doc']})\n"
                f"        {r['iri']}\n        why: {r['reason']}\n")
    return (f"APART   {r['kind']}  {r['label_a']}  |  {r['label_b']}\n"
            f"        {r['iri_a']}\n        {r['iri_b']}\n        why not: {r['reason']}\n")
