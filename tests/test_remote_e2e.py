"""The whole path through a real Oxigraph server gives what the embedded store gives: the same
quads after loading the seed facts, and the same site, byte for byte."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import CanonicalizationAlgorithm, Dataset, parse

from thidua.cli import cli


def canonical_nquads(store) -> list[str]:
    """Sorted N-Quads with blank nodes relabelled canonically (a server renames them)."""
    dataset = Dataset(store.quads())
    dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    return sorted(str(q) for q in dataset)


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def loaded(store, remote_store, seeds_facts):
    from thidua.loaders.pipeline import load_paths
    reports = [load_paths(backend, [seeds_facts], progress=False)
               for backend in (store, remote_store)]
    # Identical behaviour, including on records the loader refuses.
    assert reports[0].failed == reports[1].failed
    assert reports[0].summary() == reports[1].summary()
    assert reports[0].loaded
    return store, remote_store


def test_loading_the_seeds_through_the_endpoint_gives_the_same_quads(loaded):
    embedded, remote = loaded
    assert remote.graphs() == embedded.graphs()
    assert remote.count() == embedded.count() > 100
    assert canonical_nquads(remote) == canonical_nquads(embedded)


def test_a_second_load_through_the_endpoint_changes_nothing(loaded, seeds_facts):
    from thidua.loaders.pipeline import load_paths
    _, remote = loaded
    before = canonical_nquads(remote)
    report = load_paths(remote, [seeds_facts], progress=False)
    assert report.ok and not report.loaded
    assert canonical_nquads(remote) == before


@pytest.fixture
def two_sites(loaded, tmp_path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    site = pytest.importorskip("thidua.site")
    if not hasattr(site, "build"):
        pytest.skip("the site builder is not there yet")
    embedded, remote = loaded
    site.build(embedded, tmp_path / "embedded", progress=False)
    site.build(remote, tmp_path / "remote", progress=False)
    return tree(tmp_path / "embedded"), tree(tmp_path / "remote")


def is_dump(name: str) -> bool:
    """The RDF dumps, and the manifest that lists their hashes."""
    return name.startswith("dumps/") or name == ".thidua-manifest.json"


def test_the_site_built_from_the_endpoint_has_byte_identical_pages(two_sites):
    embedded, remote = two_sites
    assert sorted(remote) == sorted(embedded)
    pages = [name for name in embedded if not is_dump(name)]  # the dumps: the test below
    assert len(pages) > 10
    assert [name for name in pages if embedded[name] != remote[name]] == []


def test_the_site_built_from_the_endpoint_has_byte_identical_dumps(two_sites):
    embedded, remote = two_sites
    dumps = [name for name in embedded if is_dump(name)]
    assert dumps
    assert [name for name in dumps if embedded[name] != remote.get(name)] == []


def test_cli_load_and_export_through_the_endpoint(oxigraph_server, remote_store, seeds_facts,
                                                  tmp_path):
    embedded = ["--store", str(tmp_path / "store")]
    remote = ["--endpoint", oxigraph_server.url]
    runner = CliRunner()
    loads = [runner.invoke(cli, ["-q", "load", str(seeds_facts), *where]) for where in (embedded, remote)]
    assert loads[0].exit_code == loads[1].exit_code
    assert loads[0].output == loads[1].output
    for name, where in (("embedded", embedded), ("remote", remote)):
        result = runner.invoke(cli, ["export", "--format", "nquads", "-o",
                                     str(tmp_path / f"{name}.nq"), *where])
        assert result.exit_code == 0, result.output
    dumps = [Dataset(parse(path=str(tmp_path / f"{name}.nq"))) for name in ("embedded", "remote")]
    for dataset in dumps:
        dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    assert sorted(map(str, dumps[0])) == sorted(map(str, dumps[1]))
    assert len(dumps[1]) == remote_store.count() > 100


def test_credentials_never_reach_the_site(loaded, oxigraph_server, tmp_path):
    site = pytest.importorskip("thidua.site")
    if not hasattr(site, "build"):
        pytest.skip("the site builder is not there yet")
    from thidua.graph_store.remote import RemoteStore
    secret = "s3cret-pässword"
    url = oxigraph_server.url.replace("http://", "http://editor:s3cret-p%C3%A4ssword@")
    site.build(RemoteStore(url), tmp_path / "site", progress=False)
    files = tree(tmp_path / "site")
    assert files
    leaks = [name for name, data in files.items()
             if secret.encode() in data or b"s3cret-p%C3%A4ssword" in data or b"editor:" in data]
    assert leaks == []
