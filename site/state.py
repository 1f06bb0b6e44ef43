"""What one build leaves for the next: the parts of the graphs it read, the digests of the
inputs of every page and RDF file, where each graph's chunk sits in each dump, and the spill
file (`spill.py`) with every fact and link.

It lives beside the site, not in it (`{out}.thidua-state/` by default: nothing to publish), in
three files: `parts.pickle`, one record per graph in IRI order (read and written as a stream, so
a rebuild holds one part at a time), `spill.sqlite` and `meta.pickle`. Each part is kept in two
pickles: the slim part every rebuild reads, and its facts and links, read only for a graph that
changed or went (they are in the spill file already). A state written by another version of the
site's code, or half written, is ignored: the build is then a full one. The spill file carries
the stamp of the build that sealed it, recorded in `meta.pickle`: a file some build stopped
halfway through patching carries no stamp the next build expects.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Iterator

from thidua.site.digests import site_version
from thidua.site.parts import GraphPart

FORMAT = 2
PARTS = "parts.pickle"
META = "meta.pickle"


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

    def _read_meta(self) -> dict | None:
        try:
            with open(self.folder / META, "rb") as f:
                meta = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if meta.get("format") != FORMAT or meta.get("site") != site_version() or not (self.folder / PARTS).is_file():
            return None
        return meta

    def parts(self) -> Iterator[tuple[str, str | None, bytes, bytes]]:
        """(graph, fingerprint, slim part, its facts and links) in graph order, pickled (see
        `NextBuild.pack`)."""
        if not self.usable:
            return
        with open(self.folder / PARTS, "rb") as f:
            while True:
                try:
                    yield pickle.load(f)
                except EOFError:
                    return


class NextBuild:
    """The state being written by this build; replaces the previous one only on `commit`."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._parts = open(folder / (PARTS + ".partial"), "wb")

    @staticmethod
    def pack(part: GraphPart) -> tuple[bytes, bytes]:
        """The slim part and its facts and links, pickled apart."""
        return (pickle.dumps(part.slim(), protocol=pickle.HIGHEST_PROTOCOL),
                pickle.dumps((part.facts, part.links), protocol=pickle.HIGHEST_PROTOCOL))

    @staticmethod
    def unpack(slim: bytes, rows: bytes | None = None) -> GraphPart:
        """The slim part, or with `rows` the whole part."""
        part = pickle.loads(slim)
        if rows is not None:
            part.facts, part.links = pickle.loads(rows)
        return part

    def add(self, graph: str, fingerprint: str | None, slim: bytes, rows: bytes) -> None:
        pickle.dump((graph, fingerprint, slim, rows), self._parts, protocol=pickle.HIGHEST_PROTOCOL)

    def commit(self, **meta) -> None:
        self._parts.close()
        meta.update(format=FORMAT, site=site_version())
        with open(self.folder / (META + ".partial"), "wb") as f:
            pickle.dump(meta, f, protocol=pickle.HIGHEST_PROTOCOL)
        # Parts first: a crash between the two renames leaves new parts with old meta, whose
        # digests then disagree with the files and only cost a fuller rebuild.
        os.replace(self.folder / (PARTS + ".partial"), self.folder / PARTS)
        os.replace(self.folder / (META + ".partial"), self.folder / META)

    def abort(self) -> None:
        self._parts.close()
