"""thidua summaries: recompute the aggregate rows the store keeps (queries/summaries/*.ru)."""
from __future__ import annotations

import click

from thidua.commands.options import open_store_from, quiet, store_options


@click.command(name="summaries")
@click.argument("names", nargs=-1)
@click.option("--list", "list_only", is_flag=True,
              help="Show each summary and how many rows the store holds; change nothing.")
@store_options
@click.pass_context
def command(ctx, names, list_only, store_path, endpoint, **remote):
    """Recompute the summaries (all, or those NAMES) from the facts in the store.

    Summaries are aggregate rows kept in graphs of their own, which queries such as
    awards-by-year read instead of every fact. Every `thidua load` and `thidua build`
    refreshes them; run this for a store written by an older thidua, or after writing to the
    store by other means. Each summary is one SPARQL update, so one transaction.

    \b
    Example:
        thidua summaries
        thidua summaries --list --endpoint http://localhost:7878
    """
    from thidua.queries import summary
    for name in names:
        summary.update_text(name)                 # an unknown name fails before the store opens
    store = open_store_from(store_path, endpoint, read_only=list_only, **remote)
    try:
        if list_only:
            for name in summary.names():
                count = summary.rows(store, name)
                click.echo(f"{name}\t{'missing' if count is None else f'{count} rows'}")
            return
        taken = summary.refresh(store, list(names) or None)
        counts = {name: summary.rows(store, name) for name in taken}
    finally:
        store.close()
    if not quiet(ctx):
        for name, seconds in taken.items():
            click.echo(f"Summary {name}: {counts[name]} rows in {seconds * 1000:.0f} ms", err=True)
