"""thidua validate: check the store against the SHACL shapes (ontology/shapes.ttl)."""
from __future__ import annotations

import click

from thidua.commands.options import open_store_from, quiet, store_options
from thidua.errors import ValidationFailed
from thidua.ontology.shacl_batch import DEFAULT_ENGINE, ENGINES


@click.command(name="validate")
@store_options
@click.option("--graph", "graphs", multiple=True, metavar="IRI",
              help="Check only this named graph (repeatable); default: every graph.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True,
              help="Worker processes reading and checking graphs (0 = one per core).")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
              help="SHACL engine: pyshacl (the reference) or shacl-rust "
                   "(pip install 'thidua[fast]'; faster, same reports).")
@click.pass_context
def command(ctx, store_path, endpoint, graphs, jobs, engine, **remote):
    """Validate every named graph against the SHACL shapes of the ontology.

    Graphs are read and checked in batches of a few hundred, with the class hierarchy and the
    award-type scheme, so memory stays bounded on large stores. Blocs, units, people and the
    other shared nodes are checked once, in the entities graph (only those the chosen graphs
    point to, with --graph). Each violation is printed on stdout as one line naming the graph,
    the node (with its label) and the shape it breaks; the exit code is 1 when there is any.
    Without violations, a one-line summary goes to stderr.

    \b
    Example:
        thidua validate
        thidua validate --store my-store --graph https://w3id.org/thidua/graph/a-01
        thidua validate -j 0 --engine shacl-rust
    """
    from thidua.ontology.validate import validate_store
    # Read-only: validation may run while a load holds the store open for writing.
    store = open_store_from(store_path, endpoint, read_only=True, **remote)
    try:
        with _progress(ctx, store, graphs) as advance:
            report = validate_store(store, graphs or None, progress=advance, jobs=_jobs(jobs),
                                    engine=engine)
    finally:
        store.close()
    for line in report.lines():
        click.echo(line)
    if not report.conforms:
        raise ValidationFailed(report.summary())
    click.echo(f"Validate: {report.summary()}, the store conforms to the shapes", err=True)


def _jobs(jobs: int) -> int:
    import os
    return (os.cpu_count() or 1) if jobs == 0 else max(1, jobs)


class _progress:
    """A progress bar on stderr over the graphs (none with --quiet)."""

    def __init__(self, ctx, store, graphs):
        self._bar = None
        if not quiet(ctx):
            total = len(graphs) if graphs else len(store.graphs())
            self._bar = click.progressbar(length=total, label="Validating", file=click.get_text_stream("stderr"))

    def __enter__(self):
        if self._bar is None:
            return None
        self._bar.__enter__()
        return lambda graph: self._bar.update(1)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False
