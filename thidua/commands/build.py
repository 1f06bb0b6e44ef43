"""thidua build: the main job — load, validate, and write the site with its dumps."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from thidua.commands.options import (decisions_option, open_store_from, quiet, resolver_for,
                                     store_options)
from thidua.ontology.shacl_batch import DEFAULT_ENGINE, ENGINES

DEFAULT_SITE = Path("thidua-data") / "site"


@click.command(name="build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@store_options
@decisions_option
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False), default=str(DEFAULT_SITE),
              show_default=True, help="Directory of the static site (and its data dumps).")
@click.option("--prune/--no-prune", default=True, show_default=True,
              help="Remove the graphs of documents no longer in PATHS.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True,
              help="Extraction and validation processes (0 = one per core).")
@click.option("--shacl-engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
              help="SHACL engine for validation: pyshacl (the reference) or shacl-rust "
                   "(pip install 'thidua[fast]': same reports, faster on large corpora).")
@click.pass_context
def command(ctx, paths, store_path, endpoint, decisions, out_dir, prune, jobs, shacl_engine, **remote):
    """Load PATHS (articles and facts files), validate the graph against the SHACL shapes,
    and write the static site with full dumps (N-Quads, Turtle, JSON-LD).

    Exit code 1 when a document failed to load or the graph has violations; what could be
    loaded is still loaded and published.

    \b
    Example:
        thidua build articles/
        thidua build corpus/ --store my-store --out public/
        thidua build big-corpus/ -j 0 --shacl-engine shacl-rust
    """
    from thidua import iri
    from thidua.commands.load import _jobs, report_load
    from thidua.loaders.pipeline import load_paths
    from thidua.ontology.validate import validate_store
    from thidua.site import build as build_site

    progress = not quiet(ctx)
    store = open_store_from(store_path, endpoint, **remote)
    try:
        report = load_paths(store, paths, prune=prune, jobs=_jobs(jobs), progress=progress,
                            resolver=resolver_for(store, decisions))
        report_load(report, quiet=not progress)
        # Graphs that did not change were validated when they were loaded: checking only the
        # new ones keeps a rebuild after ten new articles cheap on a large corpus.
        fresh = [iri.graph(doc) for doc in report.loaded]
        validation = validate_store(store, graphs=fresh, jobs=_jobs(jobs), engine=shacl_engine)
        click.echo(f"Validate: {validation.summary()}", err=True)
        if not validation.conforms:
            click.echo(validation.text(), err=True)
        site = build_site(store, Path(out_dir), progress=progress)
        click.echo(f"Site: {site.summary()} -> {out_dir}", err=True)
    finally:
        store.close()
    if not report.ok or not validation.conforms:
        sys.exit(1)
