"""The command line: every command documented, errors as one clear line."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from thidua.cli import COMMANDS, cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    command = cli.get_command(None, name)
    assert command is not None, f"thidua {name} is not importable"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"thidua {name}" in README


def test_query_on_a_missing_store_says_what_to_do(tmp_path):
    result = CliRunner().invoke(cli, ["query", "search", "-p", "q=x", "--store", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "run `thidua load`" in str(result.exception) + result.output


def test_unknown_query_lists_the_known_ones(tmp_path, store):
    store.close()
    result = CliRunner().invoke(cli, ["query", "no-such", "--store", store.location])
    assert "no query named 'no-such'" in str(result.exception)
    assert "bloc-rotation" in str(result.exception)
