"""thidua extract: articles -> facts as JSON Lines."""
from __future__ import annotations

import json
import sys

import click

from thidua.commands.options import decisions_option


@click.command(name="extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write the facts here instead of stdout.")
@click.option("--no-ids", is_flag=True, help="Leave out the entity IRIs (*_id fields).")
@decisions_option
@click.option("-j", "--jobs", type=int, default=1, show_default=True,
              help="Extraction processes (0 = one per core); the output is the same.")
def command(paths, output, no_ids, decisions, jobs):
    """Print the facts each article states, one JSON object a line.

    PATHS are files or folders (searched recursively) of .txt, .html and .htm articles; a
    manifest.tsv beside them gives each one's jurisdiction and publication date. The format is
    shared/eval/FORMAT.md plus `evidence` (the sentence) and `span` (its offsets in the text);
    all articles share one entity resolver, so ids agree across the batch. A file that cannot
    be read is named on stderr with the reason; the others go on and the exit code is 1.

    \b
    Example:
        thidua extract articles/ -o facts.jsonl
        thidua extract articles/000_1c16179c51bb800b.txt | head
        thidua extract corpus/ -j 0 -o facts.jsonl
    """
    from thidua.commands.load import _jobs
    from thidua.loaders.extract.batch import extract_paths
    failed = articles = facts = 0
    for outcome in extract_paths(paths, resolve=not no_ids, decisions=decisions, jobs=_jobs(jobs)):
        if outcome.error:
            click.echo(f"{outcome.path}: {outcome.error}", err=True)
            failed += 1
            continue
        articles += 1
        for fact in outcome.facts:
            output.write(json.dumps(fact, ensure_ascii=False) + "\n")
            facts += 1
    click.echo(f"Extract: {facts} facts from {articles} articles"
               + (f", {failed} unreadable" if failed else ""), err=True)
    if failed:
        sys.exit(1)
