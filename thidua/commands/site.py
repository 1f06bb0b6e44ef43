"""thidua site: write the static site from the store."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from thidua.commands.options import open_store_from, quiet, store_options

DEFAULT_SITE = Path("thidua-data") / "site"
LINKS_MEMORY = "links.sqlite"


@click.command(name="site")
@store_options
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False), default=str(DEFAULT_SITE),
              show_default=True, help="Directory of the static site.")
@click.option("--base-url", default=None, metavar="URL",
              help="Public address of the site, for the dump links in void.ttl "
                   "(default: https://w3id.org/thidua/).")
@click.option("--check/--no-check", default=True, show_default=True,
              help="Check every internal link of the built site (after a rebuild, only the pages "
                   "it rewrote are read again).")
@click.option("--full", is_flag=True,
              help="Read every graph, render every page and check every link again, ignoring the "
                   "previous build's state.")
@click.option("--state", "state_dir", type=click.Path(file_okay=False), default=None,
              help="Where the build keeps what the next build reuses (default: OUT.thidua-state beside OUT).")
@click.pass_context
def command(ctx, store_path, endpoint, out_dir, base_url, check, full, state_dir, **remote):
    """Write the static site (pages, per-entity Turtle and JSON-LD, full dumps, VoID) for the
    store into OUT. A rebuild reads only the graphs that changed and renders only the pages
    whose data changed; only files whose content changed are rewritten. Set SOURCE_DATE_EPOCH
    to pin the date shown on the pages.

    \b
    Example:
        thidua site --out public/
        python -m http.server -d public/ 8000
    """
    from thidua.site import build
    from thidua.site.linkcheck import check_site
    from thidua.site.state import default_state_dir

    store = open_store_from(store_path, endpoint, **remote)
    try:
        options = {"base_url": base_url} if base_url else {}
        report = build(store, Path(out_dir), progress=not quiet(ctx), full=full, state_dir=state_dir, **options)
    finally:
        store.close()
    click.echo(f"Site: {report.summary()} -> {out_dir}", err=True)
    if check:
        # The check remembers each page's links beside the build's state: the next one reads
        # only the pages this build rewrote.
        memory = Path(state_dir or default_state_dir(Path(out_dir))) / LINKS_MEMORY
        if full:
            memory.unlink(missing_ok=True)
        links = check_site(out_dir, memory=memory)
        for page, link in links.broken:
            click.echo(f"{out_dir}/{page}: broken link {link}", err=True)
        click.echo(f"Links: {links.links} internal links in {links.pages} pages ({links.parsed} read), "
                   f"{len(links.broken)} broken", err=True)
        if not links.ok:
            sys.exit(1)
