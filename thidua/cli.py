"""The `thidua` command: a thin shell over the library (one module per command in commands/)."""
from __future__ import annotations

import importlib
import logging
import sys

import click

from thidua import __version__
from thidua.errors import ThiduaError

# command name -> module in thidua.commands defining a click command named `command`.
COMMANDS = {
    "build": "build",
    "load": "load",
    "extract": "extract",
    "evaluate": "evaluate",
    "review": "review",
    "query": "query",
    "export": "export",
    "validate": "validate",
    "stats": "stats",
    "summaries": "summaries",
    "graph": "graph",
    "site": "site",
    "serve": "serve",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs, so --help stays fast."""

    def list_commands(self, ctx):
        return [name for name in COMMANDS if self._module(name) is not None]

    def get_command(self, ctx, name):
        module = self._module(name)
        return getattr(module, "command", None) if module else None

    @staticmethod
    def _module(name):
        if name not in COMMANDS:
            return None
        try:
            return importlib.import_module(f"thidua.commands.{COMMANDS[name]}")
        except ModuleNotFoundError as exc:
            if exc.name == f"thidua.commands.{COMMANDS[name]}":
                return None
            raise


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thidua")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bars.")
@click.pass_context
def cli(ctx, verbose, quiet):
    """thidua: Vietnamese emulation-and-commendation news as a linked-data knowledge graph.

    \b
    Example (the main job on the bundled sample):
        thidua build articles/
    """
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else
                                         logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s: %(message)s")
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet


def main():
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ThiduaError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
