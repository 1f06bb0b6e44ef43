"""Write the site incrementally: a manifest of content hashes decides what is rewritten.

A rebuild writes only files whose bytes changed, leaves the others untouched (same mtime)
and removes files an earlier build wrote that this build no longer produces.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".thidua-manifest.json"
MANIFEST_ASIDE = ".thidua-manifest.previous.json"     # while a build runs
JOURNAL = ".thidua-manifest.journal"                  # files written by the running build
# Files are written synchronously: creating a small file costs ~0.15 ms here, and the thread
# pool that used to write them made the GIL change hands at every file (hashing and queueing
# then cost 20 times what they do alone: measured on 7,200 files).


@dataclass
class WriteCounts:
    written: int = 0
    skipped: int = 0
    removed: int = 0
    pages_written: int = 0     # the same two counts for HTML pages alone
    pages_skipped: int = 0


class SiteWriter:
    def __init__(self, out_dir: Path):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self._root = str(self.out) + os.sep
        self.previous = self._read_manifest()
        self.current: dict[str, str] = {}
        self.counts = WriteCounts()
        self._dirs: set[str] = set()
        self._counted: dict[str, bool] = {}      # path -> counted as written (else as skipped)
        self._unclaimed: set[str] = set()        # written, then forgotten: removed at the end

    def _read_manifest(self) -> dict[str, str]:
        """The previous build's manifest, set aside until `finish` writes the new one.

        A build stopped halfway leaves files the old manifest would wrongly vouch for, and new
        files it lists nowhere. So the old manifest is renamed (a stopped build leaves it so)
        and every file written is appended to a journal; the next build then knows those files
        by name only (digest ""): it writes what it produces and removes the rest."""
        manifest, aside, journal = (self.out / n for n in (MANIFEST, MANIFEST_ASIDE, JOURNAL))
        if aside.is_file():                  # the last build stopped halfway
            previous = dict.fromkeys(_load(aside), "")
            previous.update(dict.fromkeys(_journal(journal), ""))
        else:
            previous = _load(manifest)
            if manifest.is_file():
                os.replace(manifest, aside)
            if journal.is_file():
                journal.unlink()
        self._journal = open(journal, "a", encoding="utf-8")
        return previous

    def write(self, path: str, content: bytes | str) -> None:
        """Write `content` at the root-relative `path`, unless the same bytes are already there."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.sha256(data).hexdigest()
        if path in self.current:
            raise ValueError(f"two outputs claim the same file: {path}")
        self.current[path] = digest
        target = self._root + path
        page = path.endswith(".html")
        if self.previous.get(path) == digest and os.path.isfile(target):
            self.counts.skipped += 1
            self.counts.pages_skipped += page
            self._counted[path] = False
            return
        self._counted[path] = True
        self._journal.write(path + "\n")
        parent = os.path.dirname(path)
        if parent and parent not in self._dirs:
            os.makedirs(os.path.join(self._root, parent), exist_ok=True)
            self._dirs.add(parent)
        with open(target, "wb") as f:
            f.write(data)
        self.counts.written += 1
        self.counts.pages_written += page

    def keep(self, path: str, checked: bool = False) -> None:
        """Carry a file of the previous build over unchanged, without producing its bytes
        (`checked`: the caller has just asked `can_keep`)."""
        if path in self.current:
            raise ValueError(f"two outputs claim the same file: {path}")
        if not checked and not self.can_keep(path):
            raise ValueError(f"nothing to keep at {path}")
        self.current[path] = self.previous[path]
        self.counts.skipped += 1
        self.counts.pages_skipped += path.endswith(".html")
        self._counted[path] = False

    def can_keep(self, path: str) -> bool:
        # os.path on strings: pathlib's object per call was most of a no-change rebuild.
        return path in self.previous and os.path.isfile(self._root + path)

    def replace(self, path: str, content: bytes | str) -> None:
        """Write `path` again in this build (its first content was provisional)."""
        self.forget(path)
        self.write(path, content)

    def forget(self, path: str) -> None:
        """Undo this build's write or keep of `path` (a written file stays on disk until it is
        written again, or removed by `finish` when nothing claims it)."""
        if self.current.pop(path, None) is None:
            return
        page = path.endswith(".html")
        if self._counted.pop(path, False):
            self.counts.written -= 1
            self.counts.pages_written -= page
            self._unclaimed.add(path)
        else:
            self.counts.skipped -= 1
            self.counts.pages_skipped -= page

    def adopt(self, path: str, produced: Path, digest: str) -> None:
        """Take a file produced elsewhere (a streamed dump) as `path`, whose SHA-256 is `digest`."""
        if path in self.current:
            raise ValueError(f"two outputs claim the same file: {path}")
        self.current[path] = digest
        target = self.out / path
        if self.previous.get(path) == digest and target.is_file():
            os.unlink(produced)
            self.counts.skipped += 1
            self._counted[path] = False
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        self._journal.write(path + "\n")
        os.replace(produced, target)
        self.counts.written += 1
        self._counted[path] = True

    def finish(self) -> WriteCounts:
        for path in sorted((set(self.previous) | self._unclaimed) - set(self.current)):
            stale = self.out / path
            if stale.is_file():
                stale.unlink()
                self.counts.removed += 1
        manifest = json.dumps(self.current, sort_keys=True, indent=0)
        (self.out / MANIFEST).write_text(manifest + "\n", encoding="utf-8")
        self._journal.close()
        for name in (MANIFEST_ASIDE, JOURNAL):
            (self.out / name).unlink(missing_ok=True)
        return self.counts

    def abort(self) -> None:
        """The build stopped: leave the journal complete for the next one."""
        self._journal.close()


def _load(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _journal(path: Path) -> list[str]:
    try:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    except OSError:
        return []
