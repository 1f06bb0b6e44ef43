"""The build's working tables on disk: facts, the entities each fact is listed under, the links
between nodes, and the long texts.

A 100,000-article store has ~1.6 million facts, ~10 million links and 1.6 million evidence
sentences; held as Python objects they took most of a build that passed 4 GB. They go into one
SQLite file and are read back a page at a time. Pages are built in path order, so neighbouring
pages read neighbouring rows: small caches in front of the tables catch most repeats. Nodes,
articles and the few links between entities stay in memory.

The site build keeps the file in its state folder (`Spill.kept`) and the next build patches it:
the rows of graphs that changed or went are removed, those of graphs read again are added,
instead of writing and indexing every fact and link again (at 100k articles that was ~90 s of
a rebuild). Each row records its graph, so one graph's rows can go while another graph's copy
of the same fact or link stays. Other users (`gather.gather`) get a scratch file, unlinked as
soon as it is open.
"""
from __future__ import annotations

import marshal
import os
import sqlite3
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Iterable, Iterator

from thidua.site.records import Fact

SCHEMA = """
CREATE TABLE stamp (value TEXT NOT NULL);
CREATE TABLE fact (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, graph TEXT NOT NULL,
                   article TEXT NOT NULL, hidden INTEGER NOT NULL DEFAULT 0, body BLOB NOT NULL);
CREATE INDEX fact_by_iri ON fact (iri);
CREATE INDEX fact_by_article ON fact (article);
CREATE TABLE link (target TEXT NOT NULL, prop TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE listed (entity TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL,
                     attested TEXT NOT NULL, fact INTEGER NOT NULL);
CREATE TABLE text (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
# Read back in every page's order; made once all rows are in (faster than growing them), then
# kept up to date by the patches of later builds.
LINK_INDEX = "CREATE INDEX IF NOT EXISTS link_by_target ON link (target, prop, source)"
# By kind first: the pages that list one kind of an entity's facts (a year's awards, a unit's
# memberships) read only those, not the 100,000 facts of a year at 100k articles.
LISTED_INDEX = "CREATE INDEX IF NOT EXISTS listed_by_entity ON listed (entity, kind, year, attested, fact)"
PREFIX = "thidua-site-"
KEPT = "spill.sqlite"
CACHE_PAGES_KB = 65_536          # SQLite's page cache: 64 MB, whatever the store's size
RECENT_FACTS = 4_096             # facts cached by IRI
RECENT_LISTED = 100_000          # facts cached in the lists of entities' facts


class Recent(OrderedDict):
    """A least-recently-used cache holding at most `limit` in weight (`weight` of each value:
    1 by default, the number of facts for a list), so a year's 100,000 facts are not kept
    beside many other lists."""

    def __init__(self, limit: int, weight: Callable[[object], int] = lambda value: 1):
        super().__init__()
        self.limit = limit
        self.weight = weight
        self.held = 0

    def remember(self, key, value):
        weight = self.weight(value)
        if weight > self.limit:
            return value            # larger than the whole cache: not kept
        if key in self:
            self.held -= self.weight(self.pop(key))
        self[key] = value
        self.held += weight
        while self.held > self.limit:
            _, dropped = self.popitem(last=False)
            self.held -= self.weight(dropped)
        return value

    def recall(self, key, default=None):
        try:
            self.move_to_end(key)
        except KeyError:
            return default
        return self[key]


def unpack(body: bytes) -> Fact:
    return Fact(*marshal.loads(body))


class Spill:
    """One SQLite file. `Spill(folder)`: a scratch file in `folder` (default: the system's
    temporary folder), unlinked as soon as it is open where the system allows it, so even a
    killed build leaves nothing behind. `Spill.kept(folder, stamp)`: the file a site build
    keeps in its state folder for the next one."""

    def __init__(self, folder: Path | None = None, *, path: Path | None = None, stamp: str = ""):
        scratch = path is None
        if scratch:
            if folder is not None:
                Path(folder).mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=".sqlite", dir=folder)
            os.close(handle)
            path = Path(name)
        self.path = path
        self.reused = bool(stamp) and path.is_file() and _stamp_of(path) == stamp
        if not self.reused:
            path.unlink(missing_ok=True)
        # Working data, remade by a full build whenever in doubt: no journal, no fsync. A build
        # stopped halfway leaves a file no later build trusts (see site/state.py).
        self.db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "locking_mode = EXCLUSIVE",
                       f"cache_size = -{CACHE_PAGES_KB}", "temp_store = FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        if not self.reused:
            self.db.executescript(SCHEMA)
        if scratch:
            try:
                self.path.unlink()     # the open connection keeps it: nothing else ever opens it
            except OSError:
                pass                   # (Windows) removed by close()
        self.db.execute("BEGIN")
        self.facts = FactTable(self.db, indexed=self.reused)
        self.links = Links(self.db, indexed=self.reused)
        self.texts = TextTable(self.db)

    @classmethod
    def kept(cls, folder: Path, stamp: str | None) -> "Spill":
        """The file `folder/spill.sqlite`, reused when it carries `stamp` (the previous
        build's, from its state), else made empty."""
        Path(folder).mkdir(parents=True, exist_ok=True)
        return cls(None, path=Path(folder) / KEPT, stamp=stamp or "")

    def seal(self, stamp: str) -> None:
        """Mark the file as what the build that commits `stamp` left, and write it out."""
        self.db.execute("DELETE FROM stamp")
        self.db.execute("INSERT INTO stamp VALUES (?)", (stamp,))
        self.db.execute("COMMIT")
        self.db.close()

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self.path.unlink(missing_ok=True)


def _stamp_of(path: Path) -> str | None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM stamp").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


class FactTable:
    """Fact IRI -> `Fact`, as a read-only mapping once `keep_only` has run. A fact stated by
    two graphs is the record of the first graph (in IRI order) that states it."""

    def __init__(self, db: sqlite3.Connection, indexed: bool = False):
        self.db = db
        self._recent = Recent(RECENT_FACTS)
        self._count: int | None = 0
        self._listed: Listed | None = None
        self._indexed = indexed            # the lists exist: later changes patch them
        self._added: list[tuple[int, tuple]] = []
        self._removed: list[tuple[int, tuple]] = []

    def add(self, facts: Iterable[tuple], graph: str = "") -> None:
        """The facts of one graph."""
        rows = ((f[0], graph, f[2], marshal.dumps(f)) for f in facts)
        if not self._indexed:
            self.db.executemany("INSERT INTO fact (iri, graph, article, body) VALUES (?, ?, ?, ?)", rows)
            return
        for iri, graph_, article, body in rows:
            cursor = self.db.execute("INSERT INTO fact (iri, graph, article, body) VALUES (?, ?, ?, ?)",
                                     (iri, graph_, article, body))
            self._added.append((cursor.lastrowid, marshal.loads(body)))

    def remove(self, facts: Iterable[tuple], graph: str) -> None:
        """The facts a graph stated in the build that wrote the file (patching it)."""
        for f in facts:
            row = self.db.execute("SELECT id FROM fact WHERE iri = ? AND graph = ? ORDER BY id LIMIT 1",
                                  (f[0], graph)).fetchone()
            if row is not None:
                self.db.execute("DELETE FROM fact WHERE id = ?", row)
                self._removed.append((row[0], tuple(f)))

    def keep_only(self, articles: set[str], recheck: set[str] | None = None) -> None:
        """Hide the facts derived from anything that is not an article of the store (hidden,
        not dropped: in a later build the article may be back). In a patched file only the
        facts added and those of `recheck` (the nodes that changed: an article may have come
        or gone) can change; the others are not read (1.6 million rows at 100k articles)."""
        if self._indexed and recheck is not None:
            check = set(recheck) | {record[2] for _, record in self._added}
            self.db.executemany("UPDATE fact SET hidden = ? WHERE article = ? AND hidden != ?",
                                ((a not in articles, a, a not in articles) for a in sorted(check)))
        else:
            self.db.execute("CREATE TEMP TABLE kept (iri TEXT PRIMARY KEY) WITHOUT ROWID")
            self.db.executemany("INSERT INTO kept VALUES (?)", ((a,) for a in articles))
            self.db.execute("UPDATE fact SET hidden = (article NOT IN (SELECT iri FROM kept)) "
                            "WHERE hidden != (article NOT IN (SELECT iri FROM kept))")
            self.db.execute("DROP TABLE kept")
        self._recent.clear()
        self._count = None

    def list_under(self, entities_of: Callable[[Fact], Iterable[str]]) -> "Listed":
        """Record, for every fact, the entities whose pages list it (`entities_of`). Done once
        per build: in full by the build that makes the file, as a patch by the next ones."""
        if self._listed is not None:
            return self._listed
        if self._indexed:
            self.db.executemany(
                "DELETE FROM listed WHERE entity = ? AND kind = ? AND year = ? AND attested = ? AND fact = ?",
                ((e, *_listing_key(fact), fact_id)
                 for fact_id, fact in _facts(self._removed) for e in entities_of(fact)))
            self.db.executemany("INSERT INTO listed VALUES (?, ?, ?, ?, ?)",
                                ((e, *_listing_key(fact), fact_id)
                                 for fact_id, fact in _facts(self._added) for e in entities_of(fact)))
        else:
            rows = ((entity, *_listing_key(fact), fact_id)
                    for fact_id, fact in self._with_ids() for entity in entities_of(fact))
            self.db.executemany("INSERT INTO listed VALUES (?, ?, ?, ?, ?)", rows)
            self.db.execute(LISTED_INDEX)
        self._added, self._removed = [], []
        self._listed = Listed(self.db)
        return self._listed

    def _with_ids(self) -> Iterator[tuple[int, Fact]]:
        for fact_id, body in self.db.execute("SELECT id, body FROM fact"):
            yield fact_id, unpack(body)

    def values(self) -> Iterator[Fact]:
        """Every fact, in IRI order (read as it is iterated)."""
        last = None
        for iri, body in self.db.execute(
                "SELECT iri, body FROM fact WHERE hidden = 0 ORDER BY iri, graph, id"):
            if iri != last:
                last = iri
                yield unpack(body)

    def get(self, iri: str, default=None) -> Fact | None:
        found = self._recent.recall(iri, _MISSING)
        if found is _MISSING:
            row = self.db.execute("SELECT body FROM fact WHERE iri = ? AND hidden = 0 "
                                  "ORDER BY graph, id LIMIT 1", (iri,)).fetchone()
            found = self._recent.remember(iri, unpack(row[0]) if row else None)
        return default if found is None else found

    def __getitem__(self, iri: str) -> Fact:
        found = self.get(iri)
        if found is None:
            raise KeyError(iri)
        return found

    def __contains__(self, iri: str) -> bool:
        return self.get(iri) is not None

    def __len__(self) -> int:
        if self._count is None:       # counted when asked: a pass over every row
            self._count = self.db.execute("SELECT count(DISTINCT iri) FROM fact WHERE hidden = 0").fetchone()[0]
        return self._count


def _listing_key(fact: Fact) -> tuple[str, int, str]:
    return fact.kind, fact.year or 0, fact.attested or ""


def _facts(rows: list[tuple[int, tuple]]) -> Iterator[tuple[int, Fact]]:
    return ((fact_id, Fact(*record)) for fact_id, record in rows)


class Listed:
    """Entity -> the facts its pages list, by year, date and IRI (see `FactTable.list_under`);
    a fact two graphs state is listed once (its first copy in that order, then by graph)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self._recent = Recent(RECENT_LISTED, weight=lambda facts: 1 + len(facts))

    def get(self, entity: str, default=()) -> list[Fact]:
        found = self._recent.recall(entity)
        if found is None:
            found = self._recent.remember(entity, self._read(entity, "", ()))
        return found or default

    def of_kind(self, entity: str, kind: str, *, year: int | None = None, limit: int | None = None) -> list[Fact]:
        """The entity's facts of one kind (and `year`), in the order of `get`: the first `limit`."""
        key = (entity, kind, year, limit)
        found = self._recent.recall(key)
        if found is None:
            found = self._recent.remember(key, self._read(entity, *_of_kind(kind, year), limit))
        return found

    def count(self, entity: str, kind: str, *, year: int | None = None) -> int:
        """How many facts `of_kind` would give without a limit."""
        where, args = _of_kind(kind, year)
        return self.db.execute(
            "SELECT count(DISTINCT f.iri) FROM listed l JOIN fact f ON f.id = l.fact "
            f"WHERE l.entity = ? {where} AND f.hidden = 0", (entity, *args)).fetchone()[0]

    def _read(self, entity: str, where: str, args: tuple, limit: int | None = None) -> list[Fact]:
        rows = self.db.execute(
            "SELECT f.iri, f.body FROM listed l JOIN fact f ON f.id = l.fact "
            f"WHERE l.entity = ? {where} AND f.hidden = 0 ORDER BY l.year, l.attested, f.iri, f.graph, f.id",
            (entity, *args))
        seen: set[str] = set()
        facts = []
        for iri, body in rows:            # a fact two graphs state is listed once
            if iri in seen:
                continue
            if limit is not None and len(facts) == limit:
                break
            seen.add(iri)
            facts.append(unpack(body))
        return facts


def _of_kind(kind: str, year: int | None) -> tuple[str, tuple]:
    """The condition on `listed` rows of one kind (and year), and its parameters."""
    if year is None:
        return "AND l.kind = ?", (kind,)
    return "AND l.kind = ? AND l.year = ?", (kind, year)


class Links:
    """Target -> property -> the nodes linking to it, sorted and without repeats, streamed: the
    run that made a 100,000-article store is the target of 1.6 million links."""

    def __init__(self, db: sqlite3.Connection, indexed: bool = False):
        self.db = db
        self._indexed = indexed

    def add(self, links: Iterable[tuple[str, str, str]]) -> None:
        self.db.executemany("INSERT INTO link (source, prop, target) VALUES (?, ?, ?)", links)

    def remove(self, links: Iterable[tuple[str, str, str]]) -> None:
        """Links a graph made in the build that wrote the file: one copy each, as a link two
        graphs make is in the table twice."""
        self.db.executemany(
            "DELETE FROM link WHERE rowid = (SELECT rowid FROM link WHERE target = ? AND prop = ? "
            "AND source = ? LIMIT 1)", ((o, p, s) for s, p, o in links))

    def index(self) -> None:
        """Once every link is in (the queries below need it); a patched file has it."""
        if not self._indexed:
            self.db.execute(LINK_INDEX)
            self._indexed = True

    def targets_of(self, sources: set[str]) -> set[str]:
        """The nodes that any of `sources` links to: one pass over the table, which has no
        index by source (a rebuild asks this once; an index would cost every build)."""
        if not sources:
            return set()
        self.db.execute("CREATE TEMP TABLE wanted (iri TEXT PRIMARY KEY) WITHOUT ROWID")
        try:
            self.db.executemany("INSERT INTO wanted VALUES (?)", ((s,) for s in sources))
            rows = self.db.execute("SELECT DISTINCT target FROM link WHERE source IN (SELECT iri FROM wanted)")
            return {target for (target,) in rows}
        finally:
            self.db.execute("DROP TABLE wanted")

    def properties(self, target: str) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT prop FROM link WHERE target = ? ORDER BY prop", (target,))
        return [prop for (prop,) in rows]

    def count(self, target: str, prop: str, excluding: str) -> int:
        """How many distinct nodes but `excluding` link to `target` through `prop`."""
        return self.db.execute("SELECT COUNT(DISTINCT source) FROM link WHERE target = ? AND prop = ? "
                               "AND source != ?", (target, prop, excluding)).fetchone()[0]

    def sources(self, target: str, prop: str) -> Iterator[str]:
        rows = self.db.execute("SELECT DISTINCT source FROM link WHERE target = ? AND prop = ? ORDER BY source",
                               (target, prop))
        return (source for (source,) in rows)


class TextTable:
    """Long texts (article texts, evidence sentences) by key."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def add(self, items: Iterable[tuple[str, str]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO text VALUES (?, ?)", items)

    def remove(self, keys: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM text WHERE key = ?", ((k,) for k in keys))

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM text WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None


_MISSING = object()
