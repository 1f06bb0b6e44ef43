"""thidua graph: the network of blocs, units and people for Gephi."""
from __future__ import annotations

import click

from thidua.commands.options import open_store_from, store_options


@click.command(name="graph")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf"]), default="graphml",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="The file to write.")
@store_options
def command(fmt, output, store_path, endpoint, **remote):
    """Export units, blocs, people and award types with their membership, head, award and
    position edges (each with its year) as GraphML or GEXF, for Gephi or networkx.

    \b
    Example:
        thidua graph --format gexf -o thidua.gexf
    """
    from thidua.network import build_network, write_network
    store = open_store_from(store_path, endpoint, read_only=True, **remote)
    try:
        network = build_network(store)
    finally:
        store.close()
    write_network(network, output, fmt)
    click.echo(f"Wrote {network.number_of_nodes()} nodes and {network.number_of_edges()} edges "
               f"to {output}", err=True)
