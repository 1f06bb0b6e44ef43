"""`thidua site` on a real store, and the documented page data."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from site_fixture import fixture_quads
from thidua.graph_store import EmbeddedStore
from thidua.site import model

THIDUA = str(Path(sys.executable).parent / "thidua")


def test_site_command_builds_checks_links_and_reports(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.bulk_add(fixture_quads())
    store.close()
    run = subprocess.run([THIDUA, "-q", "site", "--store", str(tmp_path / "store"), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": "1700000000",
                                                              "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""                     # data on stdout only; this command has none
    assert "Site: " in run.stderr and " 0 broken" in run.stderr
    assert (tmp_path / "out/index.html").is_file()
    again = subprocess.run([THIDUA, "-q", "site", "--store", str(tmp_path / "store"), "--out", str(tmp_path / "out")],
                           capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": "1700000000",
                                                                "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    assert " 0 written" in again.stderr
    assert "(0 read), 0 broken" in again.stderr           # the check remembered every page
    assert (tmp_path / "out.thidua-state" / "links.sqlite").is_file()


def test_site_command_help_has_an_example():
    run = subprocess.run([THIDUA, "site", "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "Example:" in run.stdout and "thidua site --out" in run.stdout


def test_every_page_data_field_is_documented():
    classes = [c for c in vars(model).values() if dataclasses.is_dataclass(c)]
    assert len(classes) >= 10
    for cls in classes:
        for f in dataclasses.fields(cls):
            assert f.metadata.get("help"), f"{cls.__name__}.{f.name} has no help text"
