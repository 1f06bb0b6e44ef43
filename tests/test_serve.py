"""thidua serve and the Oxigraph server runner, with real processes on loopback ports."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from thidua.errors import StoreLocked, StoreUnavailable
from thidua.graph_store import EmbeddedStore
from thidua.graph_store.remote import RemoteStore
from thidua.graph_store.server import OxigraphServer, find_binary, free_port

pytestmark = [pytest.mark.server,
              pytest.mark.skipif(find_binary() is None, reason="no oxigraph server binary")]

G = "http://example.org/graph/a"
LABEL = Literal("Cờ thi đua của Ủy ban nhân dân thành phố", language="vi")
QUAD = Quad(NamedNode("http://example.org/unit"), NamedNode("http://example.org/label"), LABEL,
            NamedNode(G))
PAGE = "<!doctype html><title>Khối thi đua</title><p>Cụm thi đua số III</p>\n".encode("utf-8")


@pytest.fixture
def built(tmp_path):
    """A store with one article graph and a one-page site, as `thidua build` leaves them."""
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(G, [QUAD])
    store.close()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(PAGE)
    return tmp_path / "store", site


def wait_for_lines(process: subprocess.Popen, count: int, timeout: float = 20) -> list[str]:
    lines, deadline = [], time.monotonic() + timeout
    while len(lines) < count and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
    if len(lines) < count:
        process.kill()
        raise AssertionError(f"serve printed {lines}; stderr: {process.stderr.read()}")
    return lines


def _ctrl_c_default():
    """In the child, before exec: SIGINT as at a terminal. A test run started in the background
    by a shell without job control inherits SIGINT ignored, and Python then never raises
    KeyboardInterrupt, so the Ctrl-C the test sends would be lost."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_offers_the_site_and_sparql_and_stops_both(built):
    store, site = built
    process = subprocess.Popen(
        [sys.executable, "-m", "thidua.cli", "serve", "--store", str(store), "--site", str(site),
         "--port", "0", "--sparql-port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_default)
    try:
        site_line, sparql_line = wait_for_lines(process, 2)
        site_url = site_line.split()[-1]
        sparql_url = sparql_line.split()[-1]
        assert site_url.startswith("http://127.0.0.1:") and sparql_url.endswith("/query")
        with urllib.request.urlopen(site_url + "index.html", timeout=10) as response:
            assert response.read() == PAGE
        endpoint = RemoteStore(sparql_url.removesuffix("/query"), retries=0)
        # The default graph is the union of the article graphs, as in the embedded store.
        assert endpoint.select("SELECT ?l WHERE { ?s <http://example.org/label> ?l }") == \
            [{"l": LABEL}]
        with pytest.raises(StoreUnavailable, match="HTTP"):
            endpoint.update("DROP ALL")  # read-only
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0
        with pytest.raises(StoreUnavailable, match="connection refused"):
            endpoint.graphs()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_without_a_site_says_what_to_do(tmp_path):
    result = subprocess.run([sys.executable, "-m", "thidua.cli", "serve", "--site",
                             str(tmp_path / "none"), "--no-sparql"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "no built site at" in result.stderr and "thidua build" in result.stderr


def test_read_only_server_beside_a_writer_serves_or_fails_clearly(tmp_path):
    """Oxigraph leaves this undefined: it has served the flushed data, and it has failed when
    RocksDB compacted files away while it opened them. Either way, no hang and a clear error."""
    store = EmbeddedStore(tmp_path / "store")
    try:
        store.replace_graph(G, [QUAD])
        store.flush()
        try:
            with OxigraphServer(tmp_path / "store", read_only=True) as server:
                assert RemoteStore(server.url).count() == 1
        except StoreUnavailable as failure:
            assert str(tmp_path / "store") in str(failure)
    finally:
        store.close()


def test_serve_warns_when_another_process_writes_the_store(built):
    store, site = built
    writer = EmbeddedStore(store)
    process = subprocess.Popen(
        [sys.executable, "-m", "thidua.cli", "serve", "--store", str(store), "--site", str(site),
         "--port", "0", "--sparql-port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_default)
    try:
        first_line = process.stderr.readline()
        assert first_line.startswith(f"Warning: another process is writing the store at {store}")
    finally:
        process.terminate()  # SIGTERM stops serve like Ctrl-C
        process.wait(10)
        writer.close()


def test_read_write_server_on_an_open_store_is_store_locked(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    try:
        with pytest.raises(StoreLocked):
            OxigraphServer(tmp_path / "store").start()
    finally:
        store.close()


def test_server_on_a_busy_port_is_refused(tmp_path):
    with OxigraphServer() as first:
        with pytest.raises(StoreUnavailable, match="the port is in use"):
            OxigraphServer(port=first.port).start()


def test_server_that_cannot_start_reports_its_stderr(tmp_path):
    not_a_store = tmp_path / "file"
    not_a_store.write_text("not a store")
    with pytest.raises(StoreUnavailable, match=r"exited with status 1: Error: .*serve-read-only"):
        OxigraphServer(not_a_store, read_only=True).start()


def test_stop_ends_the_process(tmp_path):
    server = OxigraphServer(tmp_path / "store", port=free_port()).start()
    url = server.url
    server.stop()
    assert not server.running()
    with pytest.raises(StoreUnavailable, match="connection refused"):
        RemoteStore(url, retries=0).graphs()
