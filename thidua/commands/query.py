"""thidua query: named queries and raw SPARQL, as a table, CSV or JSON."""
from __future__ import annotations

import click

from thidua.commands.options import open_store_from, store_options


@click.command(name="query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the named query (repeatable).")
@click.option("--sparql", help="Raw SPARQL SELECT text instead of a named query.")
@click.option("--file", "query_file", type=click.File(encoding="utf-8"),
              help="Raw SPARQL SELECT from a file ('-' for stdin).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@store_options
def command(name, params, sparql, query_file, fmt, list_queries, store_path, endpoint, **remote):
    """Run a named query (see --list) or raw SPARQL over the union of all graphs.

    Parameters that name an entity take its IRI or its name (accents optional).

    \b
    Example:
        thidua query --list
        thidua query bloc-rotation -p bloc="Khối thi đua Kinh tế ngành"
        thidua query person-timeline -p person="truong minh hien" --format csv
        thidua query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from thidua import queries
    if list_queries:
        _print_list(queries)
        return
    text = sparql or (query_file.read() if query_file else None)
    if not name and not text:
        raise click.UsageError("give a query NAME, --sparql TEXT or --file FILE (see --list)")
    values = dict(_split_param(p) for p in params)
    store = open_store_from(store_path, endpoint, read_only=True, **remote)
    try:
        if text:
            if values:
                raise click.UsageError("--param goes with a named query, not raw SPARQL")
            variables, rows = queries.result_variables(text), store.select(text)
        else:
            variables, rows = queries.run(store, name, values)
    finally:
        store.close()
    click.echo(format_rows(variables, rows, fmt), nl=False)


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint="--param")
    return name.strip(), value


def _print_list(queries) -> None:
    for qname in queries.names():
        query = queries.get(qname)
        click.echo(f"{qname}: {query.title}")
        click.echo(f"    {query.description}")
        for p in query.params:
            flag = " (optional)" if p.optional else ""
            click.echo(f"    --param {p.name}=…  {p.kind}{flag}: {p.help}")


def format_rows(variables: list[str], rows: list[dict], fmt: str) -> str:
    from thidua.commands.formatting import as_csv, as_json, as_table
    if not variables and rows:
        variables = sorted({k for row in rows for k in row})
    values = [[_text(row.get(v)) for v in variables] for row in rows]
    return {"table": as_table, "csv": as_csv, "json": as_json}[fmt](variables, values)


def _text(term) -> str:
    return "" if term is None else term.value
