"""Option bundles shared by several commands."""
from __future__ import annotations

import click

from thidua.graph_store import DEFAULT_LOCATION


def store_options(func):
    """--store DIR and --endpoint URL (with its authentication options)."""
    func = click.option("--endpoint", envvar="THIDUA_ENDPOINT", metavar="URL",
                        help="A SPARQL 1.1 server instead of the embedded store "
                             "(an Oxigraph server's base URL is enough).")(func)
    func = click.option("--store", "store_path", type=click.Path(file_okay=False),
                        default=str(DEFAULT_LOCATION), show_default=True,
                        help="Directory of the embedded on-disk store.")(func)
    return func


def open_store_from(store_path, endpoint, **kwargs):
    from thidua.graph_store import open_store
    return open_store(store_path, endpoint=endpoint, **kwargs)


def quiet(ctx) -> bool:
    return bool((ctx.find_root().obj or {}).get("quiet"))
