"""thidua serve: preview the built site on localhost, with a SPARQL endpoint on the same store."""
from __future__ import annotations

import functools
import http.server
import logging
import signal
from pathlib import Path

import click

from thidua.errors import ThiduaError
from thidua.graph_store import DEFAULT_LOCATION

DEFAULT_SITE = Path("thidua-data") / "site"
HOST = "127.0.0.1"  # a preview: never reachable from other machines
log = logging.getLogger(__name__)


@click.command(name="serve")
@click.option("--store", "store_path", type=click.Path(file_okay=False), default=str(DEFAULT_LOCATION),
              show_default=True, help="Directory of the embedded store to offer over SPARQL.")
@click.option("--site", "site_dir", type=click.Path(file_okay=False), default=str(DEFAULT_SITE),
              show_default=True, help="Directory of the built site.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port of the site (0: any free port).")
@click.option("--sparql-port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port of the read-only SPARQL endpoint (0: any free port).")
@click.option("--no-sparql", is_flag=True, help="Serve the site only.")
def command(store_path, site_dir, port, sparql_port, no_sparql):
    """Serve the built site on http://127.0.0.1:PORT and a read-only SPARQL endpoint on the
    same store (an `oxigraph serve-read-only` process) until Ctrl-C.

    Queries on the endpoint see the union of the article graphs as their default graph, as
    in `thidua query`. The endpoint sees the store as it was when serve started.

    \b
    Example:
        thidua build articles/ && thidua serve
        thidua serve --site public/ --port 8080 --sparql-port 0
    """
    from thidua.graph_store.server import OxigraphServer, free_port
    site = Path(site_dir)
    if not (site / "index.html").is_file():
        raise click.UsageError(f"no built site at {site}: run `thidua build` or `thidua site` first")
    sparql = None
    if not no_sparql:
        if not Path(store_path).is_dir():
            raise click.UsageError(f"no store at {store_path}: run `thidua load` first, "
                                   "or pass --no-sparql")
        warn_if_written(store_path)
        sparql = OxigraphServer(store_path, port=sparql_port or free_port(), read_only=True,
                                union_default_graph=True)
    httpd = site_server(site, port)
    # SIGTERM stops like Ctrl-C, so the oxigraph child is always stopped with us.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if sparql is not None:
            sparql.start()
        click.echo(f"Site:   http://{HOST}:{httpd.server_address[1]}/")
        if sparql is not None:
            click.echo(f"SPARQL: {sparql.url}/query")
        click.echo("Press Ctrl-C to stop.", err=True)
        httpd.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopping.", err=True)
    finally:
        httpd.server_close()
        if sparql is not None:
            sparql.stop()


def warn_if_written(store_path: str) -> None:
    """A read-only server beside a writer may fail to start or show an old state (Oxigraph
    leaves that undefined), so say so rather than let it fail mysteriously."""
    from thidua.errors import StoreLocked
    from thidua.graph_store import EmbeddedStore
    try:
        EmbeddedStore(store_path).close()
    except StoreLocked:
        click.echo(f"Warning: another process is writing the store at {store_path}; the SPARQL "
                   "endpoint may fail or show the data as it was when serve started.", err=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; request lines go to the debug log instead of stderr."""

    def log_message(self, format, *args):
        log.debug("site: " + format, *args)


def site_server(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(site))
    try:
        httpd = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise ThiduaError(f"cannot serve the site on {HOST}:{port}: {exc.strerror or exc} "
                          "(pass another --port)") from None
    httpd.daemon_threads = True
    return httpd

