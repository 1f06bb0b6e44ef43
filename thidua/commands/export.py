"""thidua export: the dataset or one graph as RDF, streamed."""
from __future__ import annotations

import sys

import click

from thidua.commands.options import open_store_from, store_options
from thidua.graph_store import EXPORT_FORMATS


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default="nquads",
              show_default=True, help="turtle and ntriples hold one graph: the union is written.")
@click.option("--graph", metavar="IRI", help="Only this named graph (one article).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to a file instead of stdout.")
@store_options
def command(fmt, graph, output, store_path, endpoint, **remote):
    """Export the knowledge graph (every named graph, or one) as RDF.

    \b
    Example:
        thidua export --format trig -o dataset.trig
        thidua export --format turtle --graph https://w3id.org/thidua/graph/003-2f19b7e13258856b
    """
    store = open_store_from(store_path, endpoint, read_only=True, **remote)
    try:
        if graph and graph not in store.graphs():
            raise click.ClickException(f"no graph {graph} in the store (see `thidua stats`)")
        if output:
            with open(output, "wb") as fh:
                store.dump(fh, fmt, graph)
        else:
            store.dump(sys.stdout.buffer, fmt, graph)
            sys.stdout.buffer.flush()
    finally:
        store.close()
