"""Check a built site: every internal link and resource resolves, and every page parses.

Internal means relative: a link to a file of the site (with an optional #fragment, which
must name an id on the target page). Absolute http(s) links are not followed.

A check can remember what it found (`memory`, a SQLite file; `thidua site` keeps it in the
build's state folder), so that the next one parses only the pages whose size or modification
time changed (a rebuild rewrites only the files whose bytes changed) and rechecks only the
links whose answer could have changed: those of the pages it parsed, those into files that
went or whose ids changed, and those that were broken. After a rebuild of a 223,000-page site
that rewrote a few hundred pages, that is a walk of the folder and a few hundred parses instead
of 223,000.
"""
from __future__ import annotations

import os
import posixpath
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from lxml import etree

from thidua.site.urls import relative

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
                   "source": "src", "form": "action"}

# Bump when what is remembered changes meaning: an older memory is then dropped, not misread.
MEMORY_FORMAT = 2
# A link is its page, its target file and its fragment. Its text is kept only when it is not
# the one `_spelled` writes back (the site's own links are): at 100k articles the memory of
# 12.5M links is 0.76 GB, against 1.9 GB when each link's text (44 bytes) was stored, twice
# with the target index.
_SCHEMA = """
CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL,
                    present INTEGER NOT NULL, stamp TEXT, ids TEXT);
CREATE TABLE links (page INTEGER NOT NULL, target INTEGER NOT NULL, fragment TEXT NOT NULL,
                    spelling TEXT, broken INTEGER NOT NULL,
                    PRIMARY KEY (page, target, fragment)) WITHOUT ROWID;
CREATE INDEX links_by_target ON links (target);
CREATE INDEX broken_links ON links (broken) WHERE broken;
"""


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0                    # distinct internal links (target and fragment), per page
    parsed: int = 0                   # pages read by this check (the others were remembered)
    broken: list[tuple[str, str]] = field(default_factory=list)   # (page, link)

    @property
    def ok(self) -> bool:
        return not self.broken


@dataclass
class PageLinks:
    links: list[str] = field(default_factory=list)     # in document order
    ids: set[str] = field(default_factory=set)


# libxml2's HTML parser, as forgiving as html.parser and six times faster on the site's pages
# (0.5 against 3.3 ms a page: a 223,000-page site spent 700 s parsing). UTF-8 is forced: a
# page without a charset would otherwise be read as Latin-1.
_HTML = etree.HTMLParser(encoding="utf-8")
_LINKS = etree.XPath("|".join(f"//{tag}/@{attribute}" for tag, attribute in LINK_ATTRIBUTES.items()))
_IDS = etree.XPath("//@id|//a/@name")


def parse_page(path: Path) -> PageLinks:
    """The links (in document order) and ids of the page at `path`."""
    page = PageLinks()
    data = path.read_bytes()
    root = etree.fromstring(data, _HTML) if data.strip() else None
    if root is not None:
        page.links = [str(value) for value in _LINKS(root) if value]
        page.ids = {str(value) for value in _IDS(root) if value}
    return page


def _id_set(ids: set[str]) -> str:
    """A page's ids as one string ("\nid1\nid2\n"): one object per page, not one per id, so
    the ids of a 300,000-page site fit in memory."""
    return "\n" + "\n".join(sorted(ids)) + "\n"


def internal_target(page: str, link: str) -> tuple[str, str] | None:
    """The site path `link` on `page` points at ("../x" when it leaves the site) and its
    fragment, or None for a link to another site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))), parts.fragment


def _spelled(page: str, target: str, fragment: str) -> str:
    """The link to `target` (and `fragment`) as the site's pages write it (`urls.relative`:
    up to the root, then down)."""
    path = relative(target, page)
    return f"{path}#{fragment}" if fragment else path


def _site_files(root: Path) -> dict[str, str | None]:
    """Every file of the site: its path, and for a page its size and modification time."""
    files: dict[str, str | None] = {}
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in names:
            stamp = None
            if name.endswith(".html"):
                info = os.stat(os.path.join(folder, name))
                stamp = f"{info.st_size}:{info.st_mtime_ns}"
            files[prefix + name] = stamp
    return files


@contextmanager
def _memory_db(memory: Path | None) -> Iterator[sqlite3.Connection]:
    """The remembered check, or an empty one (in a temporary file: the links of a large site
    do not belong in RAM)."""
    if memory is None:
        with tempfile.TemporaryDirectory(prefix="thidua-links-") as scratch:
            with _memory_db(Path(scratch) / "links.sqlite") as db:
                yield db
        return
    db = _open_memory(Path(memory))
    try:
        yield db
    finally:
        db.close()


def _open_memory(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] == MEMORY_FORMAT:
            return db
    except sqlite3.DatabaseError:      # not a database (a file broken by hand): start again
        pass
    db.close()
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(_SCHEMA + f"PRAGMA user_version = {MEMORY_FORMAT};")
    return db


class _Check:
    """One check against the memory of the last one, in one transaction."""

    def __init__(self, db: sqlite3.Connection, root: Path):
        self.db, self.root = db, root
        self.on_disk = _site_files(root)
        self.ids: dict[str, int] = {}                        # path -> files.id
        self.known: dict[str, str | None] = {}               # path of a file there last time -> stamp
        for file_id, path, present, stamp in db.execute("SELECT id, path, present, stamp FROM files"):
            self.ids[path] = file_id
            if present:
                self.known[path] = stamp
        self.id_sets: dict[int, str] = {}
        self.suspects: set[int] = set()        # targets whose links must be looked at again
        self.pending: list[tuple[int, int, str, str]] = []    # (page, target, path, fragment): told after reading
        self.unread: set[str] = set()

    def run(self) -> LinkReport:
        report = LinkReport()
        self._forget_gone()
        self._add_new_files()
        changed = self._changed_pages()
        self._read_pages(changed)
        report.parsed = len(changed)
        self._recheck()
        report.pages = sum(1 for p in self.on_disk if p.endswith(".html"))
        report.links = self.db.execute("SELECT count(*) FROM links").fetchone()[0]
        report.broken = sorted(
            (page, spelling or _spelled(page, target, fragment))
            for page, target, fragment, spelling in self.db.execute(
                "SELECT p.path, t.path, l.fragment, l.spelling FROM links l "
                "JOIN files p ON p.id = l.page JOIN files t ON t.id = l.target WHERE l.broken"))
        return report

    def _file_id(self, path: str) -> int:
        if path not in self.ids:       # every file on disk has a row already: this one is missing
            self.ids[path] = self.db.execute("INSERT INTO files (path, present) VALUES (?, 0)", (path,)).lastrowid
        return self.ids[path]

    def _forget_gone(self) -> None:
        gone = [self.ids[p] for p in self.known if p not in self.on_disk]
        self.db.executemany("UPDATE files SET present = 0, stamp = NULL, ids = NULL WHERE id = ?",
                            [(i,) for i in gone])
        self.db.executemany("DELETE FROM links WHERE page = ?", [(i,) for i in gone])
        self.suspects.update(gone)

    def _add_new_files(self) -> None:
        self.db.executemany("UPDATE files SET present = 1 WHERE id = ?",
                            [(self.ids[p],) for p in self.on_disk if p not in self.known and p in self.ids])
        self.db.executemany("INSERT INTO files (path, present) VALUES (?, 1)",
                            [(p,) for p in self.on_disk if p not in self.ids])
        self.ids.update(self.db.execute("SELECT path, id FROM files WHERE id > ?",
                                        (max(self.ids.values(), default=0),)))

    def _changed_pages(self) -> list[str]:
        return sorted(p for p, stamp in self.on_disk.items()
                      if stamp is not None and self.known.get(p) != stamp)

    def _read_pages(self, pages: list[str]) -> None:
        """Parse `pages` and store their links, each marked broken or not where that can be
        told now; a fragment into a page not parsed yet waits for `_recheck`."""
        self.unread = set(pages)
        for page in pages:
            self.unread.discard(page)          # its own ids are known before its links are read
            self._read_page(page)

    def _read_page(self, page: str) -> None:
        page_id = self.ids[page]
        parsed = parse_page(self.root / page)
        ids = _id_set(parsed.ids)
        before = self.db.execute("SELECT ids FROM files WHERE id = ?", (page_id,)).fetchone()[0]
        if before is not None and before != ids:      # links into a new page were broken
            self.suspects.add(page_id)
        self.db.execute("UPDATE files SET stamp = ?, ids = ? WHERE id = ?", (self.on_disk[page], ids, page_id))
        self.id_sets[page_id] = ids
        self.db.execute("DELETE FROM links WHERE page = ?", (page_id,))
        rows = {}
        for link in parsed.links:
            found = internal_target(page, link)
            if found is None or found in rows:
                continue
            target, fragment = found
            target_id = self._file_id(target)
            if target in self.unread and fragment:
                self.pending.append((page_id, target_id, target, fragment))
                broken = 1
            else:
                broken = int(self._is_broken(target, target_id, fragment))
            spelling = None if _spelled(page, target, fragment) == link else link
            rows[found] = (page_id, target_id, fragment, spelling, broken)
        self.db.executemany("INSERT INTO links (page, target, fragment, spelling, broken) VALUES (?, ?, ?, ?, ?)",
                            rows.values())

    def _recheck(self) -> None:
        """Every link not decided while reading whose answer may have changed: those waiting
        for a page, the broken ones, and those into a file that went or a page whose ids
        changed."""
        select = "SELECT l.page, l.target, f.path, l.fragment FROM links l JOIN files f ON f.id = l.target "
        candidates = set(self.pending)
        candidates.update(self.db.execute(select + "WHERE l.broken"))
        for target in self.suspects:
            candidates.update(self.db.execute(select + "WHERE l.target = ?", (target,)))
        updates = [(int(self._is_broken(path, target, fragment)), page, target, fragment)
                   for page, target, path, fragment in candidates]
        self.db.executemany("UPDATE links SET broken = ? WHERE page = ? AND target = ? AND fragment = ?", updates)

    def _is_broken(self, target: str, target_id: int, fragment: str) -> bool:
        if target.startswith("../") or target not in self.on_disk:
            return True
        if not fragment or not target.endswith(".html"):
            return False
        return "\n" in fragment or f"\n{fragment}\n" not in self._id_set_of(target_id)

    def _id_set_of(self, target_id: int) -> str:
        if target_id not in self.id_sets:
            row = self.db.execute("SELECT ids FROM files WHERE id = ?", (target_id,)).fetchone()
            self.id_sets[target_id] = row[0] or ""
        return self.id_sets[target_id]


def check_site(root: str | Path, *, memory: str | Path | None = None) -> LinkReport:
    """Check every internal link under `root`. With `memory` (a file path), remember what was
    found there and read only what changed since the check that wrote it."""
    with _memory_db(memory) as db:
        db.execute("BEGIN")
        try:
            report = _Check(db, Path(root)).run()
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return report
