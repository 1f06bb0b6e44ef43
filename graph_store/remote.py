"""The remote backend: a SPARQL 1.1 server (Protocol for queries and updates, Graph Store
HTTP Protocol for the per-article named graphs).

It behaves like the embedded store: the same bound queries (graph_store.bindings), the same
pyoxigraph terms in rows, the union of the named graphs as the default graph. For an Oxigraph
server the base URL is enough; other servers get their three URLs one by one.

Credentials travel only in the Authorization header; `location`, messages and logs use the
endpoint URL with any user:password@ removed.
"""
from __future__ import annotations

import base64
import logging
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from typing import IO, Iterable, Iterator, Mapping

from pyoxigraph import (DefaultGraph, NamedNode, Quad, QueryBoolean, QueryResultsFormat,
                        QuerySolutions, RdfFormat, Triple, parse, parse_query_results, serialize)

from thidua.errors import StoreUnavailable, ThiduaError
from thidua.graph_store.base import (DATASET_FORMATS, EXPORT_FORMATS, Row, Term,
                                     replace_descriptions_update)
from thidua.graph_store.bindings import bind

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 0.5
# Worth another try: the server is overloaded, restarting or briefly broken.
RETRY_STATUSES = {429, 500, 502, 503, 504}
QUERY_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
                "application/n-triples;q=0.8, text/turtle;q=0.7")
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"  # ?g bound for one graph
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"


@dataclass(frozen=True)
class Endpoints:
    """Where each protocol lives; `oxigraph` enables Oxigraph's query-string extensions."""

    query: str
    update: str | None
    store: str | None
    oxigraph: bool


def endpoints_for(endpoint: str | None, query_url: str | None = None,
                  update_url: str | None = None, store_url: str | None = None) -> Endpoints:
    """An Oxigraph base URL gives /query, /update and /store; explicit URLs win."""
    base = (endpoint or "").rstrip("/")
    if not base and not query_url:
        raise ThiduaError("a remote store needs --endpoint URL or --query-url URL")
    explicit = bool(query_url or update_url or store_url)
    return Endpoints(query=query_url or f"{base}/query",
                     update=update_url or (f"{base}/update" if base else None),
                     store=store_url or (f"{base}/store" if base else None),
                     oxigraph=not explicit)


def split_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """(url without user:password@, user, password)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    safe = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    user = urllib.parse.unquote(parts.username) if parts.username is not None else None
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    return safe, user, password


def with_params(url: str, *params: str) -> str:
    return url + ("&" if "?" in url else "?") + "&".join(params)


def graph_param(iri: str) -> str:
    return "graph=" + urllib.parse.quote(iri, safe="")


class Http:
    """urllib with timeouts, retries with exponential backoff, and errors naming the URL."""

    def __init__(self, authorization: str | None, timeout: float, retries: int, backoff: float):
        self._authorization = authorization
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self._opener = urllib.request.build_opener()

    def __repr__(self) -> str:  # never show the Authorization value
        return f"Http(timeout={self.timeout}, retries={self.retries})"

    def open(self, method: str, url: str, body=None, headers: Mapping[str, str] | None = None,
             idempotent: bool = True, ok_statuses: tuple[int, ...] = ()):
        """The response (caller closes it), or None for a status in `ok_statuses`."""
        attempts = 1 + (self.retries if idempotent else 0)
        attempt = 0
        while attempt < attempts:
            attempt += 1
            request = self._request(method, url, body, headers)
            try:
                log.debug("%s %s", method, url)
                return self._opener.open(request, timeout=self.timeout)
            except urllib.error.HTTPError as exc:
                if exc.code in ok_statuses:
                    exc.close()
                    return None
                reason = _http_reason(exc)
                if exc.code not in RETRY_STATUSES:
                    raise StoreRejected(url, reason) from None
            except (urllib.error.URLError, HTTPException, OSError) as exc:
                reason = _network_reason(exc, self.timeout)
                # A refused connection sent nothing, so even a POST of an update may be retried.
                if not idempotent and _refused(exc) and self.retries:
                    attempts = 1 + self.retries
            if attempt < attempts:
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("endpoint %s: %s; retry %d/%d in %.1f s", url, reason, attempt,
                            self.retries, delay)
                time.sleep(delay)
        tries = f" (after {attempts} attempts)" if attempts > 1 else ""
        raise StoreUnavailable(f"endpoint {url}: {reason}{tries}")

    def read(self, method: str, url: str, body=None, headers=None, idempotent=True,
             ok_statuses: tuple[int, ...] = ()) -> tuple[bytes, str] | None:
        """The whole body and its media type (None for a status in `ok_statuses`)."""
        response = self.open(method, url, body, headers, idempotent, ok_statuses)
        if response is None:
            return None
        with response:
            try:
                return response.read(), response.headers.get_content_type()
            except (OSError, HTTPException) as exc:
                raise StoreUnavailable(f"endpoint {url}: {_network_reason(exc, self.timeout)}"
                                       ) from None

    def _request(self, method, url, body, headers) -> urllib.request.Request:
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        if self._authorization:
            # Unredirected: a redirect to another host never carries the credentials.
            request.add_unredirected_header("Authorization", self._authorization)
        return request


class StoreRejected(StoreUnavailable):
    """The endpoint answered, but refused the request (a 4xx status, or a 5xx after retries)."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"endpoint {url}: {reason}")


def _http_reason(exc: urllib.error.HTTPError) -> str:
    try:
        detail = exc.read(500).decode("utf-8", "replace").strip()
    except (OSError, HTTPException):
        detail = ""
    finally:
        exc.close()
    return f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")


def _refused(exc: BaseException) -> bool:
    return isinstance(getattr(exc, "reason", exc), ConnectionRefusedError)


def _network_reason(exc: BaseException, timeout: float) -> str:
    inner = getattr(exc, "reason", exc)
    if isinstance(inner, (socket.timeout, TimeoutError)):
        return f"no answer within {timeout:g} s (--timeout)"
    if isinstance(inner, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    return str(inner) or type(inner).__name__


def authorization(user: str | None, password: str | None, token: str | None) -> str | None:
    if token:
        return f"Bearer {token}"
    if user is not None:
        pair = f"{user}:{password or ''}".encode("utf-8")
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


class RemoteStore:
    """A SPARQL 1.1 server holding one named graph per document."""

    def __init__(self, endpoint: str | None = None, *, query_url: str | None = None,
                 update_url: str | None = None, store_url: str | None = None,
                 user: str | None = None, password: str | None = None, token: str | None = None,
                 timeout: float | None = None, retries: int = DEFAULT_RETRIES,
                 backoff: float = DEFAULT_BACKOFF):
        safe_urls = []
        for url in (endpoint, query_url, update_url, store_url):
            safe, url_user, url_password = split_userinfo(url) if url else (None, None, None)
            if user is None and url_user is not None:  # explicit options win over the URL's
                user, password = url_user, url_password
            safe_urls.append(safe)
        self.endpoints = endpoints_for(*safe_urls)
        self.location = (safe_urls[0] or self.endpoints.query).rstrip("/")
        self._http = Http(authorization(user, password, token), timeout or DEFAULT_TIMEOUT,
                          retries, backoff)

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r})"

    # -- writing -----------------------------------------------------------------
    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        # One PUT is one transaction on the server: a failure leaves the old graph.
        body = serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES)
        if not body:
            # An empty PUT would leave an empty named graph; the embedded store leaves none.
            self.remove_graph(graph)
            return
        url = with_params(self._store_url(), graph_param(NamedNode(graph).value))
        self._http.read("PUT", url, body, {"Content-Type": "application/n-triples"})

    def remove_graph(self, graph: str) -> None:
        url = with_params(self._store_url(), graph_param(NamedNode(graph).value))
        self._http.read("DELETE", url, ok_statuses=(404,))

    def replace_descriptions(self, graph: str, subjects: Iterable[str], statements: Iterable[str]) -> None:
        update = replace_descriptions_update(graph, subjects, statements)
        if update:
            self.update(update)

    def bulk_add(self, quads: Iterable[Quad]) -> None:
        # One transactional POST: the whole batch is applied or none of it.
        body = serialize(quads, format=RdfFormat.N_QUADS)
        if body:
            self._post_quads(self._store_url(), body, len(body))

    def bulk_add_nquads(self, data: bytes) -> None:
        if data:      # one transactional POST, as bulk_add
            self._post_quads(self._store_url(), data, len(data))

    def bulk_load_file(self, path: str | os.PathLike, format: str = "nquads") -> None:
        """Stream an N-Quads file to the server in one request: the fast path for a first load.

        On Oxigraph this uses its bulk loader (?no_transaction&lenient, about 2.5x faster),
        which is not atomic: a failure may leave part of the file loaded.
        """
        if format != "nquads":
            raise ThiduaError("bulk loading through an endpoint takes N-Quads files")
        url = self._store_url()
        if self.endpoints.oxigraph:
            url = with_params(url, "no_transaction", "lenient")
        with open(path, "rb") as body:
            self._post_quads(url, body, os.fstat(body.fileno()).st_size)

    def _post_quads(self, url: str, body, length: int) -> None:
        headers = {"Content-Type": "application/n-quads", "Content-Length": str(length)}
        self._http.read("POST", url, body, headers, idempotent=False)

    def update(self, update: str) -> None:
        if self.endpoints.update is None:
            raise ThiduaError(f"endpoint {self.location}: no update URL (pass --update-url)")
        self._http.read("POST", self.endpoints.update, update.encode("utf-8"),
                        {"Content-Type": "application/sparql-update; charset=utf-8"},
                        idempotent=False)

    def flush(self) -> None:
        """Nothing to do: every request is committed by the server when it answers."""

    # -- reading -----------------------------------------------------------------
    def graphs(self) -> list[str]:
        rows = self._solutions(_GRAPHS)
        return sorted(row["g"].value for row in rows if isinstance(row.get("g"), NamedNode))

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        result = self._query(query, bindings)
        if not isinstance(result, QuerySolutions):
            raise ThiduaError("expected a SELECT query")
        return _rows(result)

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self._query(query, bindings)
        if not isinstance(result, QueryBoolean):
            raise ThiduaError("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        result = self._query(query, bindings)
        if not isinstance(result, list):
            raise ThiduaError("expected a CONSTRUCT or DESCRIBE query")
        return result

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        if graph:
            g = NamedNode(graph)
            url = with_params(self._store_url(), graph_param(g.value))
            for quad in self._stream(url, "application/n-triples", RdfFormat.N_TRIPLES):
                yield Quad(quad.subject, quad.predicate, quad.object, g)
            return
        if not self.endpoints.oxigraph:
            # The Graph Store Protocol has no "whole dataset" GET: fetch graph by graph.
            for name in self.graphs():
                yield from self.quads(name)
            return
        for quad in self._stream(self._store_url(), "application/n-quads", RdfFormat.N_QUADS):
            if not isinstance(quad.graph_name, DefaultGraph):
                yield quad

    def count(self, graph: str | None = None) -> int:
        rows = self._solutions(_COUNT, {"g": NamedNode(graph)} if graph else None)
        return int(rows[0]["n"].value)

    def dump(self, output: IO[bytes], format: str, graph: str | None = None) -> None:
        # Re-serialised here, by the same pyoxigraph serialiser as the embedded store's dump.
        rdf_format = EXPORT_FORMATS[format]
        if graph or format not in DATASET_FORMATS:
            serialize((q.triple for q in self.quads(graph)), output, rdf_format)
        else:
            serialize(self.quads(), output, rdf_format)

    def close(self) -> None:
        """Nothing to release: connections are not kept between requests."""

    # -- protocol ----------------------------------------------------------------
    def _store_url(self) -> str:
        if self.endpoints.store is None:
            raise ThiduaError(f"endpoint {self.location}: no Graph Store Protocol URL "
                              "(pass --store-url)")
        return self.endpoints.store

    def _solutions(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        result = self._query(query, bindings, union=False)
        return _rows(result) if isinstance(result, QuerySolutions) else []

    def _query(self, query: str, bindings: Mapping[str, Term] | None, union: bool = True):
        url = self.endpoints.query
        if union and self.endpoints.oxigraph:
            url = with_params(url, "union-default-graph")
        body = urllib.parse.urlencode({"query": bind(query, bindings)}).encode("ascii")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": QUERY_ACCEPT}
        # A query changes nothing, so a POST of one is safe to retry.
        data, media_type = self._http.read("POST", url, body, headers)
        return _parse_answer(url, data, media_type)

    def _stream(self, url: str, accept: str, rdf_format: RdfFormat) -> Iterator[Quad]:
        response = self._http.open("GET", url, headers={"Accept": accept}, ok_statuses=(404,))
        if response is None:
            return
        # A server may answer in another format than the one asked for: trust its header.
        answered = RdfFormat.from_media_type(response.headers.get_content_type())
        with response:
            try:
                yield from parse(response, answered or rdf_format)
            except (OSError, HTTPException) as exc:
                raise StoreUnavailable(f"endpoint {url}: "
                                       f"{_network_reason(exc, self._http.timeout)}") from None


def _rows(result: QuerySolutions) -> list[Row]:
    names = [v.value for v in result.variables]
    return [{n: t for n, t in zip(names, s) if t is not None} for s in result]


def _parse_answer(url: str, data: bytes, media_type: str):
    """Query results as pyoxigraph objects: solutions, a boolean, or a list of triples."""
    results_format = QueryResultsFormat.from_media_type(media_type)
    if results_format is not None:
        return parse_query_results(data, results_format)
    rdf_format = RdfFormat.from_media_type(media_type)
    if rdf_format is not None:
        return [q.triple for q in parse(data, rdf_format)]
    raise StoreRejected(url, f"unexpected answer of type {media_type!r}")
