"""The remote store when the network or the server fails: clear errors naming the endpoint,
retries only where they are safe, the old graph kept, and credentials never shown."""
from __future__ import annotations

import base64
import http.client
import http.server
import json
import logging
import threading
import urllib.parse
from contextlib import contextmanager

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from thidua.errors import StoreUnavailable
from thidua.graph_store.remote import RemoteStore
from thidua.graph_store.server import free_port

G = "http://example.org/graph/article"
OLD = Quad(NamedNode("http://example.org/a"), NamedNode("http://example.org/p"),
           Literal("bản cũ", language="vi"), NamedNode(G))
NEW = [Quad(NamedNode(f"http://example.org/n{i}"), NamedNode("http://example.org/p"),
            Literal(f"bản mới {i}", language="vi"), NamedNode(G)) for i in range(2000)]
EMPTY_RESULTS = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode()
SECRET, TOKEN = "pa:ss-wörd-123", "tok-abc-456"


class Recorder(http.server.BaseHTTPRequestHandler):
    """Records each request; `behaviour(handler, body)` answers it."""

    def do_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.seen.append((self.command, self.path, dict(self.headers), body))
        self.server.behaviour(self, body)

    do_GET = do_POST = do_PUT = do_DELETE = do_any

    def answer(self, status: int, body: bytes = b"", media_type: str = "text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@contextmanager
def fake_endpoint(behaviour):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.daemon_threads = True
    server.seen, server.behaviour = [], behaviour
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def forward(upstream: str, handler: Recorder, body: bytes, cut: bool = False) -> None:
    """Relay the request to the real server; with `cut`, send half the body and hang up."""
    host, port = urllib.parse.urlsplit(upstream).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    headers = {k: v for k, v in handler.headers.items() if k.lower() not in ("host", "connection")}
    conn.putrequest(handler.command, handler.path, skip_host=False)
    for key, value in headers.items():
        conn.putheader(key, value)
    conn.endheaders()
    if cut:
        conn.send(body[: len(body) // 2])
        conn.close()
        handler.answer(502, b"upstream connection lost")
        return
    conn.send(body)
    response = conn.getresponse()
    data = response.read()
    handler.answer(response.status, data, response.headers.get("Content-Type", "text/plain"))
    conn.close()


def test_closed_port_raises_store_unavailable_after_retries(caplog):
    url = f"http://127.0.0.1:{free_port()}"
    store = RemoteStore(url, retries=2, backoff=0.01)
    with caplog.at_level(logging.WARNING, logger="thidua.graph_store.remote"):
        with pytest.raises(StoreUnavailable) as failure:
            store.select("SELECT * WHERE { ?s ?p ?o }")
    message = str(failure.value)
    assert message.startswith(f"endpoint {url}/query")
    assert "connection refused" in message and "after 3 attempts" in message
    assert len([r for r in caplog.records if "retry" in r.getMessage()]) == 2


def test_server_error_on_put_leaves_the_old_graph(remote_store, oxigraph_server):
    remote_store.replace_graph(G, [OLD])

    def fail_puts(handler, body):
        if handler.command == "PUT":
            handler.answer(500, b"disk full")
        else:
            forward(oxigraph_server.url, handler, body)

    with fake_endpoint(fail_puts) as (server, url):
        flaky = RemoteStore(url, retries=1, backoff=0.01)
        with pytest.raises(StoreUnavailable, match="HTTP 500.*disk full"):
            flaky.replace_graph(G, NEW)
        assert [m for m, *_ in server.seen].count("PUT") == 2  # PUT is idempotent: retried
        assert flaky.count(G) == 1  # reads still go through the proxy to the real server
    assert list(remote_store.quads(G)) == [OLD]


def test_connection_lost_mid_put_leaves_the_old_graph(remote_store, oxigraph_server):
    remote_store.replace_graph(G, [OLD])

    def cut_puts(handler, body):
        forward(oxigraph_server.url, handler, body, cut=handler.command == "PUT")

    with fake_endpoint(cut_puts) as (_, url):
        with pytest.raises(StoreUnavailable, match="HTTP 502"):
            RemoteStore(url, retries=0).replace_graph(G, NEW)
    assert list(remote_store.quads(G)) == [OLD]
    assert remote_store.graphs() == [G]


def test_a_put_the_server_cannot_parse_to_the_end_leaves_the_old_graph(remote_store,
                                                                        oxigraph_server):
    """The server has already taken most of the new graph when it meets the bad last line."""
    remote_store.replace_graph(G, [OLD])

    def spoil_puts(handler, body):
        if handler.command == "PUT":
            body = body + b"<http://example.org/z> <http://example.org/p> not-a-term .\n"
            handler.headers.replace_header("Content-Length", str(len(body)))
        forward(oxigraph_server.url, handler, body)

    with fake_endpoint(spoil_puts) as (_, url):
        with pytest.raises(StoreUnavailable, match="HTTP 400"):
            RemoteStore(url, retries=0).replace_graph(G, NEW)
    assert list(remote_store.quads(G)) == [OLD]


def test_updates_are_not_retried_but_queries_are():
    with fake_endpoint(lambda h, body: h.answer(503, b"busy")) as (server, url):
        store = RemoteStore(url, retries=2, backoff=0.01)
        with pytest.raises(StoreUnavailable, match="HTTP 503"):
            store.update("INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }")
        assert len(server.seen) == 1
        with pytest.raises(StoreUnavailable, match="HTTP 503"):
            store.ask("ASK { ?s ?p ?o }")
        assert len(server.seen) == 1 + 3


def test_a_rejected_query_is_not_retried_and_says_why(remote_store):
    remote_store._http.retries = 3
    with pytest.raises(StoreUnavailable, match=r"/query\?union-default-graph: HTTP 400"):
        remote_store.select("SELEC nonsense")


def test_timeout_names_the_endpoint():
    stop = threading.Event()
    with fake_endpoint(lambda h, body: stop.wait(5)) as (_, url):
        store = RemoteStore(url, timeout=0.2, retries=1, backoff=0.01)
        try:
            with pytest.raises(StoreUnavailable, match=r"endpoint .*/query.*no answer within 0.2 s"):
                store.select("SELECT * WHERE { ?s ?p ?o }")
        finally:
            stop.set()


@pytest.mark.parametrize("options, expected", [
    ({"user": "editor", "password": SECRET},
     "Basic " + base64.b64encode(f"editor:{SECRET}".encode()).decode()),
    ({"token": TOKEN}, f"Bearer {TOKEN}"),
])
def test_credentials_are_sent_and_never_logged(options, expected, caplog):
    answer = (lambda h, body: h.answer(200, EMPTY_RESULTS, "application/sparql-results+json"))
    with fake_endpoint(answer) as (server, url):
        store = RemoteStore(url, **options)
        with caplog.at_level(logging.DEBUG):
            assert store.select("SELECT ?s WHERE { ?s ?p ?o }") == []
    assert server.seen[0][2]["Authorization"] == expected
    assert_no_secret(caplog.text + repr(store) + store.location, expected)


def test_credentials_in_the_url_are_used_and_stripped(caplog):
    answer = (lambda h, body: h.answer(200, EMPTY_RESULTS, "application/sparql-results+json"))
    with fake_endpoint(answer) as (server, url):
        with_userinfo = url.replace("http://", f"http://editor:{urllib.parse.quote(SECRET)}@")
        store = RemoteStore(with_userinfo)
        assert store.location == url
        store.select("SELECT ?s WHERE { ?s ?p ?o }")
    expected = "Basic " + base64.b64encode(f"editor:{SECRET}".encode()).decode()
    assert server.seen[0][2]["Authorization"] == expected
    closed = RemoteStore(f"http://editor:{urllib.parse.quote(SECRET)}@127.0.0.1:{free_port()}",
                         retries=1, backoff=0.01)
    with caplog.at_level(logging.DEBUG), pytest.raises(StoreUnavailable) as failure:
        closed.graphs()
    assert_no_secret(caplog.text + str(failure.value), expected)


def assert_no_secret(text: str, header: str) -> None:
    for secret in (SECRET, urllib.parse.quote(SECRET), TOKEN, header.split(" ", 1)[1]):
        assert secret not in text


def test_cli_options_reach_the_remote_store(monkeypatch):
    import click
    from click.testing import CliRunner
    from thidua.commands.options import open_store_from, store_options

    @click.command()
    @store_options
    def probe(store_path, endpoint):
        store = open_store_from(store_path, endpoint)
        click.echo(f"{type(store).__name__} {store.location} {store._http.timeout:g}")
        store.select("SELECT ?s WHERE { ?s ?p ?o }")

    answer = (lambda h, body: h.answer(200, EMPTY_RESULTS, "application/sparql-results+json"))
    with fake_endpoint(answer) as (server, url):
        result = CliRunner().invoke(probe, ["--query-url", f"{url}/sparql", "--timeout", "7"],
                                    env={"THIDUA_ENDPOINT_TOKEN": TOKEN})
        assert result.exit_code == 0, result.output
        assert result.output == f"RemoteStore {url}/sparql 7\n"
        method, path, headers, _ = server.seen[0]
        assert (method, path) == ("POST", "/sparql")  # no Oxigraph extras on other servers
        assert headers["Authorization"] == f"Bearer {TOKEN}"


def test_credentials_without_an_endpoint_are_a_usage_error():
    import click
    from click.testing import CliRunner
    from thidua.commands.options import open_store_from, store_options

    @click.command()
    @store_options
    def probe(store_path, endpoint):
        open_store_from(store_path, endpoint)

    result = CliRunner().invoke(probe, ["--user", "editor"])
    assert result.exit_code == 2
    assert "need --endpoint URL" in result.output
