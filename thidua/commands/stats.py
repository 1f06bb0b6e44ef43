"""thidua stats: what the store holds."""
from __future__ import annotations

import click

from thidua.commands.options import open_store_from, store_options

_BY_CLASS = """PREFIX td: <https://w3id.org/thidua/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(td:)))
} GROUP BY ?class ORDER BY ?class"""


@click.command(name="stats")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@store_options
def command(fmt, store_path, endpoint, **remote):
    """Count graphs, quads and nodes of each class in the store, and the rows of each
    summary ("missing": run `thidua summaries`).

    \b
    Example:
        thidua stats
        thidua stats --format json
    """
    from thidua.commands.query import format_rows
    from pyoxigraph import Literal
    from thidua.queries import summary
    store = open_store_from(store_path, endpoint, read_only=True, **remote)
    try:
        rows = [{"what": Literal("graphs"), "count": Literal(str(len(store.graphs())))},
                {"what": Literal("quads"), "count": Literal(str(store.count()))}]
        for row in store.select(_BY_CLASS):
            name = row["class"].value.rsplit("#", 1)[-1]
            rows.append({"what": Literal(name), "count": row["n"]})
        for name in summary.names():
            count = summary.rows(store, name)
            rows.append({"what": Literal(f"summary {name}"),
                         "count": Literal("missing: run `thidua summaries`" if count is None
                                          else str(count))})
    finally:
        store.close()
    click.echo(format_rows(["what", "count"], rows, fmt), nl=False)
