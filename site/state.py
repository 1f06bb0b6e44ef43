"""What one build leaves for the next: the parts of the graphs it read, the digests of the
inputs of every page and RDF file, where each graph's chunk sits in each dump, and the spill
file (`spill.py`) with every fact and link.

It lives beside the site, not in it (`{out}.thidua-state/` by default: nothing to publish), in
four files: `parts.pickle`, one record per graph in IRI order (read and written as a stream, so
a rebuild holds one part at a time), a rows file, `spill.sqlite` and `meta.pickle`.

Each part is kept in two pieces: the slim part every rebuild reads, in `parts.pickle`, and its
facts and links, read only for a graph that changed or went (they are in the spill file
already). The facts and links are nine tenths of the bytes (1.8 GB at 100,000 articles), so
they sit in an append-only rows file that a rebuild neither reads nor copies for an unchanged
graph: `parts.pickle` holds where each graph's rows are, and a rebuild appends the rows of the
graphs it read. When the rows no part points at outweigh the live ones, the next build writes
a fresh rows file.

A state written by another version of the site's code, or half written, is ignored: the build
is then a full one. Every build first removes `meta.pickle`, so a build that stops halfway
leaves no state, and rows it appended are never pointed at. The spill file carries the stamp of
the build that sealed it, recorded in `meta.pickle`: a file some build stopped halfway through
patching carries no stamp the next build expects.
"""
from __future__ import annotations

import os
import pickle
import secrets
from pathlib import Path
from typing import Iterator, NamedTuple

from thidua.site.digests import site_version
from thidua.site.parts import GraphPart

FORMAT = 3
PARTS = "parts.pickle"
META = "meta.pickle"
ROWS_PATTERN = "rows-*.bin"


class RowsRef(NamedTuple):
    """Where one graph's pickled facts and links sit in the rows file."""
    offset: int
    length: int


class KeptPart(NamedTuple):
    graph: str
    fingerprint: str | None
    slim: bytes                 # the pickled slim part
    rows: RowsRef


def default_state_dir(out: Path) -> Path:
    out = Path(os.path.abspath(out))
    return out.with_name(out.name + ".thidua-state")


def forget_state(folder: Path) -> None:
    """Remove the state on disk (a build reads it first): a build stopped halfway must not leave
    digests that disagree with the files it has already replaced; the next one is then full."""
    try:
        os.unlink(folder / META)
    except OSError:
        pass


def pack(part: GraphPart) -> tuple[bytes, bytes]:
    """The slim part and its facts and links, pickled apart."""
    return (pickle.dumps(part.slim(), protocol=pickle.HIGHEST_PROTOCOL),
            pickle.dumps((part.facts, part.links), protocol=pickle.HIGHEST_PROTOCOL))


def unpack(slim: bytes, rows: bytes | None = None) -> GraphPart:
    """The slim part, or with `rows` the whole part."""
    part = pickle.loads(slim)
    if rows is not None:
        part.facts, part.links = pickle.loads(rows)
    return part


class PreviousBuild:
    """The state of the last build, or an empty one."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        meta = self._read_meta() if folder is not None else None
        self.usable = meta is not None
        meta = meta or {}
        self.pages: dict[str, bytes] = meta.get("pages", {})
        self.groups: dict[str, bytes] = meta.get("groups", {})
        self.shared: dict[str, bytes] = meta.get("shared", {})
        self.dumps: dict[str, dict] = meta.get("dumps", {})
        self.chunks: dict[str, dict] = meta.get("chunks", {})
        self.spill: str | None = meta.get("spill")         # the stamp of its spill file
        self.rows_file: str | None = meta.get("rows_file")
        self.rows_live: int = meta.get("rows_live", 0)     # bytes some part points at
        self._rows = open(self.folder / self.rows_file, "rb") if self.usable else None

    def _read_meta(self) -> dict | None:
        try:
            with open(self.folder / META, "rb") as f:
                meta = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if meta.get("format") != FORMAT or meta.get("site") != site_version() \
                or not (self.folder / PARTS).is_file() or not (self.folder / meta["rows_file"]).is_file():
            return None
        return meta

    def parts(self) -> Iterator[KeptPart]:
        """Every graph's kept part, in graph order."""
        if not self.usable:
            return
        with open(self.folder / PARTS, "rb") as f:
            while True:
                try:
                    yield KeptPart(*pickle.load(f))
                except EOFError:
                    return

    def rows(self, kept: KeptPart) -> bytes:
        """The pickled facts and links of a kept part."""
        return os.pread(self._rows.fileno(), kept.rows.length, kept.rows.offset)

    def part(self, kept: KeptPart, with_rows: bool = True) -> GraphPart:
        return unpack(kept.slim, self.rows(kept) if with_rows else None)

    def rows_mostly_dead(self) -> bool:
        """Whether the rows no part points at outweigh the live ones."""
        size = os.fstat(self._rows.fileno()).st_size
        return size - self.rows_live > self.rows_live

    def close(self) -> None:
        if self._rows is not None:
            self._rows.close()


class NextBuild:
    """The state being written by this build; replaces the previous one only on `commit`."""

    def __init__(self, folder: Path, previous: PreviousBuild):
        self.folder = folder
        self.previous = previous
        folder.mkdir(parents=True, exist_ok=True)
        self._parts = open(folder / (PARTS + ".partial"), "wb")
        # Append to the previous rows file, unless it has none or mostly rows nobody reads.
        self.appending = previous.usable and not previous.rows_mostly_dead()
        self.rows_file = previous.rows_file if self.appending else f"rows-{secrets.token_hex(4)}.bin"
        self._rows = open(folder / self.rows_file, "ab" if self.appending else "wb")
        self.rows_live = 0

    def add(self, graph: str, fingerprint: str | None, slim: bytes, rows: bytes) -> None:
        """A part read in this build."""
        offset = self._rows.tell()
        self._rows.write(rows)
        self._record(KeptPart(graph, fingerprint, slim, RowsRef(offset, len(rows))))

    def keep(self, kept: KeptPart) -> None:
        """A part of the previous build, unchanged."""
        if self.appending:
            self._record(kept)
        else:
            self.add(kept.graph, kept.fingerprint, kept.slim, self.previous.rows(kept))

    def _record(self, kept: KeptPart) -> None:
        self.rows_live += kept.rows.length
        pickle.dump(tuple(kept), self._parts, protocol=pickle.HIGHEST_PROTOCOL)

    def commit(self, **meta) -> None:
        self._parts.close()
        self._rows.close()
        meta.update(format=FORMAT, site=site_version(), rows_file=self.rows_file, rows_live=self.rows_live)
        with open(self.folder / (META + ".partial"), "wb") as f:
            pickle.dump(meta, f, protocol=pickle.HIGHEST_PROTOCOL)
        # Meta last: until it is in place (the build removed the old one first), no build
        # trusts the parts or the rows.
        os.replace(self.folder / (PARTS + ".partial"), self.folder / PARTS)
        os.replace(self.folder / (META + ".partial"), self.folder / META)
        for stale in self.folder.glob(ROWS_PATTERN):
            if stale.name != self.rows_file:
                stale.unlink()

    def abort(self) -> None:
        self._parts.close()
        self._rows.close()
