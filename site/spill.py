"""The build's working tables on disk: facts, the entities each fact is listed under, the links
between nodes, and the long texts.

A 100,000-article store has ~1.6 million facts, ~10 million links and 1.6 million evidence
sentences; held as Python objects they took most of a build that passed 4 GB. They go into one
SQLite file for the length of the build and are read back a page at a time. Pages are built in
path order, so neighbouring pages read neighbouring rows: small caches in front of the tables
catch most repeats. Nodes, articles and the few links between entities stay in memory.
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
CREATE TABLE fact (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, article TEXT NOT NULL,
                   body BLOB NOT NULL);
CREATE TABLE link (target TEXT NOT NULL, prop TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE listed (entity TEXT NOT NULL, year INTEGER NOT NULL, attested TEXT NOT NULL,
                     rank INTEGER NOT NULL, fact INTEGER NOT NULL);
CREATE TABLE text (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
# Read back in every page's order; made once all rows are in (faster than growing them).
LINK_INDEX = "CREATE INDEX link_by_target ON link (target, prop, source)"
LISTED_INDEX = "CREATE INDEX listed_by_entity ON listed (entity, year, attested, rank, fact)"
PREFIX = "thidua-site-"
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
    """One SQLite file in `folder` (default: the system's temporary folder), unlinked as soon
    as it is open where the system allows it, so even a killed build leaves nothing behind."""

    def __init__(self, folder: Path | None = None):
        if folder is not None:
            Path(folder).mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=".sqlite", dir=folder)
        os.close(handle)
        self.path = Path(name)
        # Scratch data, rebuilt by any build that needs it: no journal, no fsync.
        self.db = sqlite3.connect(name, isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "locking_mode = EXCLUSIVE",
                       f"cache_size = -{CACHE_PAGES_KB}", "temp_store = FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(SCHEMA)
        try:
            self.path.unlink()     # the open connection keeps it: nothing else ever opens it
        except OSError:
            pass                   # (Windows) removed by close()
        self.db.execute("BEGIN")
        self.facts = FactTable(self.db)
        self.links = Links(self.db)
        self.texts = TextTable(self.db)

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self.path.unlink(missing_ok=True)


class FactTable:
    """Fact IRI -> `Fact`, as a read-only mapping once `finish` has run."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self._recent = Recent(RECENT_FACTS)
        self._count = 0
        self._listed: Listed | None = None

    def add(self, facts: Iterable[tuple]) -> None:
        """Facts of one graph; a fact already added (by IRI) keeps its first record."""
        self.db.executemany("INSERT OR IGNORE INTO fact (iri, article, body) VALUES (?, ?, ?)",
                            ((f[0], f[2], marshal.dumps(f)) for f in facts))

    def keep_only(self, articles: set[str]) -> None:
        """Drop the facts derived from anything that is not an article of the store."""
        self.db.execute("CREATE TEMP TABLE kept (iri TEXT PRIMARY KEY) WITHOUT ROWID")
        self.db.executemany("INSERT INTO kept VALUES (?)", ((a,) for a in articles))
        self.db.execute("DELETE FROM fact WHERE article NOT IN (SELECT iri FROM kept)")
        self.db.execute("DROP TABLE kept")
        self._count = self.db.execute("SELECT count(*) FROM fact").fetchone()[0]

    def list_under(self, entities_of: Callable[[Fact], Iterable[str]]) -> "Listed":
        """Record, for every fact, the entities whose pages list it (`entities_of`), in the
        order pages show them: by year, date and IRI. Done once per build."""
        if self._listed is not None:
            return self._listed
        rows = ((entity, fact.year or 0, fact.attested or "", rank, fact_id)
                for rank, (fact_id, fact) in enumerate(self._with_ids())
                for entity in entities_of(fact))
        self.db.executemany("INSERT INTO listed VALUES (?, ?, ?, ?, ?)", rows)
        self.db.execute(LISTED_INDEX)
        self._listed = Listed(self.db)
        return self._listed

    def _with_ids(self) -> Iterator[tuple[int, Fact]]:
        for fact_id, body in self.db.execute("SELECT id, body FROM fact ORDER BY iri"):
            yield fact_id, unpack(body)

    def values(self) -> Iterator[Fact]:
        """Every fact, in IRI order (read as it is iterated)."""
        for (body,) in self.db.execute("SELECT body FROM fact ORDER BY iri"):
            yield unpack(body)

    def get(self, iri: str, default=None) -> Fact | None:
        found = self._recent.recall(iri, _MISSING)
        if found is _MISSING:
            row = self.db.execute("SELECT body FROM fact WHERE iri = ?", (iri,)).fetchone()
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
        return self._count


class Listed:
    """Entity -> the facts its pages list, in order (see `FactTable.list_under`)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self._recent = Recent(RECENT_LISTED, weight=lambda facts: 1 + len(facts))

    def get(self, entity: str, default=()) -> list[Fact]:
        found = self._recent.recall(entity)
        if found is None:
            rows = self.db.execute(
                "SELECT f.body FROM listed l JOIN fact f ON f.id = l.fact WHERE l.entity = ? "
                "ORDER BY l.year, l.attested, l.rank", (entity,))
            found = self._recent.remember(entity, [unpack(body) for (body,) in rows])
        return found or default


class Links:
    """Target -> property -> the nodes linking to it, sorted and without repeats, streamed: the
    run that made a 100,000-article store is the target of 1.6 million links."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def add(self, links: Iterable[tuple[str, str, str]]) -> None:
        self.db.executemany("INSERT INTO link (source, prop, target) VALUES (?, ?, ?)", links)

    def index(self) -> None:
        """Once every link is in (the queries below need it)."""
        self.db.execute(LINK_INDEX)

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

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM text WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None


_MISSING = object()
