"""thidua load: articles and facts files into the store."""
from __future__ import annotations

import sys

import click

from thidua.commands.options import (decisions_option, open_store_from, quiet, resolver_for,
                                     store_options)


@click.command(name="load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@store_options
@decisions_option
@click.option("--prune", is_flag=True, help="Remove the graphs of documents no longer in PATHS.")
@click.option("--force", is_flag=True, help="Re-extract and rewrite even unchanged documents.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True,
              help="Extraction processes (0 = one per core).")
@click.pass_context
def command(ctx, paths, store_path, endpoint, decisions, prune, force, jobs, **remote):
    """Load articles (.txt, .html) and facts files (.jsonl, .csv) into the store.

    Each document goes into its own named graph; unchanged documents are skipped (content
    hashes), changed ones replaced atomically. A file or line that cannot be read is named on
    stderr with the reason; the rest loads and the exit code is 1.

    \b
    Example:
        thidua load articles/
        thidua load facts.jsonl --store my-store --prune
    """
    from thidua.loaders.pipeline import load_paths
    store = open_store_from(store_path, endpoint, **remote)
    try:
        report = load_paths(store, paths, prune=prune, force=force, jobs=_jobs(jobs),
                            progress=not quiet(ctx), resolver=resolver_for(store, decisions))
    finally:
        store.close()
    report_load(report, quiet=quiet(ctx))
    if not report.ok:
        sys.exit(1)


def _jobs(jobs: int) -> int:
    import os
    return os.cpu_count() or 1 if jobs == 0 else max(1, jobs)


def report_load(report, quiet: bool = False) -> None:
    for source, reason in report.failed:
        click.echo(f"{source}: {reason}", err=True)
    if not quiet:
        click.echo(f"Load: {report.summary()}", err=True)
