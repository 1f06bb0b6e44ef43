"""Shared fixtures. Tests never need ../shared: what they need of it is bundled (articles/,
tests/data/); tests that add checks on ../shared skip when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Caches the tests write (the saved resolver) stay out of the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("thidua-cache")
    previous = os.environ.get("THIDUA_CACHE")
    os.environ["THIDUA_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("THIDUA_CACHE", None)
    else:
        os.environ["THIDUA_CACHE"] = previous


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The bundled sample: the five seed articles, manifest.tsv and gold.jsonl."""
    return SAMPLE


@pytest.fixture(scope="session")
def seeds_facts() -> Path:
    """The seed gold written as a plain facts file (first acceptable value of each field)."""
    return DATA / "seeds-facts.jsonl"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def store(tmp_path):
    """A fresh embedded on-disk store."""
    from thidua.graph_store import EmbeddedStore
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server (PyPI's oxigraph binary) on a free loopback port, on-disk store.

    Skips only when no binary can be found. Tests clear it with `DROP ALL` before use.
    """
    from thidua.graph_store.server import OxigraphServer, find_binary
    if find_binary() is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    with OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "store") as server:
        yield server


@pytest.fixture
def remote_store(oxigraph_server):
    """An empty RemoteStore on the session's Oxigraph server."""
    from thidua.graph_store.remote import RemoteStore
    s = RemoteStore(oxigraph_server.url, retries=1, backoff=0.05)
    s.update("DROP ALL")
    yield s
    s.close()
