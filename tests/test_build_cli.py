"""thidua build, the main job, as a user runs it: load and validate (in a child process), then
the site. Bad files are named and the rest is published; a store in use is a clear error."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from thidua.graph_store import EmbeddedStore


def thidua(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "thidua.cli", "-q", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def _corpus_with_bad_files(sample_dir: Path, folder: Path) -> Path:
    corpus = folder / "corpus"
    shutil.copytree(sample_dir, corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe")
    (corpus / "empty.txt").write_bytes(b"")
    return corpus


def test_build_names_bad_files_and_publishes_the_rest(sample_dir, tmp_path):
    corpus = _corpus_with_bad_files(sample_dir, tmp_path)
    result = thidua("build", str(corpus), "--store", "store", "--out", "site", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert f"{corpus / 'broken.txt'}: binary file (NUL bytes)" in lines
    assert f"{corpus / 'empty.txt'}: empty file" in lines
    assert "Traceback" not in result.stderr
    assert any(line.startswith("Validate: 5 graphs checked, 0 violations") for line in lines)
    store = EmbeddedStore(tmp_path / "store", read_only=True)
    try:
        documents = {row["doc"].value for row in store.select(
            "SELECT ?doc WHERE { GRAPH ?g { ?a <https://w3id.org/thidua/ontology#contentHash> ?hash ; "
            "<http://purl.org/dc/terms/identifier> ?doc } }")}
    finally:
        store.close()
    assert len(documents) == 5
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in home


def test_build_again_changes_nothing_and_keeps_the_exit_code(sample_dir, tmp_path):
    corpus = _corpus_with_bad_files(sample_dir, tmp_path)
    first = thidua("build", str(corpus), "--store", "store", "--out", "site", cwd=tmp_path)
    pages = sorted(p.name for p in (tmp_path / "site").iterdir())
    again = thidua("build", str(corpus), "--store", "store", "--out", "site", cwd=tmp_path)
    assert (first.returncode, again.returncode) == (1, 1)
    assert "Validate: 0 graphs checked" in again.stderr
    assert "files: 0 written," in again.stderr
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == pages


def test_build_on_a_store_in_use_says_so(sample_dir, tmp_path):
    holder = EmbeddedStore(tmp_path / "store")      # this process holds the store's lock
    try:
        result = thidua("build", str(sample_dir), "--store", "store", "--out", "site", cwd=tmp_path)
    finally:
        holder.close()
    assert result.returncode == 1
    assert "is in use by another process" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
