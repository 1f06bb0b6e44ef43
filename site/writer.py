"""Write the site incrementally: a manifest of content hashes decides what is rewritten.

A rebuild writes only files whose bytes changed, leaves the others untouched (same mtime)
and removes files an earlier build wrote that this build no longer produces.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".thidua-manifest.json"
# File creation, not rendering, is what a first build waits for on a busy disk; the writes
# run on threads (the GIL is released during the system calls) while the next page renders.
WRITE_THREADS = 4


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
        self.previous = self._read_manifest()
        self.current: dict[str, str] = {}
        self.counts = WriteCounts()
        self._dirs: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=WRITE_THREADS, thread_name_prefix="site-write")
        self._pending: list[Future] = []

    def _read_manifest(self) -> dict[str, str]:
        try:
            return json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write(self, path: str, content: bytes | str) -> None:
        """Write `content` at the root-relative `path`, unless the same bytes are already there."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.sha256(data).hexdigest()
        if path in self.current:
            raise ValueError(f"two outputs claim the same file: {path}")
        self.current[path] = digest
        target = self.out / path
        page = path.endswith(".html")
        if self.previous.get(path) == digest and target.is_file():
            self.counts.skipped += 1
            self.counts.pages_skipped += page
            return
        parent = os.path.dirname(path)
        if parent and parent not in self._dirs:
            (self.out / parent).mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        self._pending.append(self._pool.submit(target.write_bytes, data))
        if len(self._pending) > 256:
            self._drain()
        self.counts.written += 1
        self.counts.pages_written += page

    def unchanged_since_last_build(self, path: str, content: bytes) -> bool:
        """Whether `path` held exactly `content` in the previous build and still exists."""
        digest = hashlib.sha256(content).hexdigest()
        return self.previous.get(path) == digest and (self.out / path).is_file()

    def keep(self, path: str) -> None:
        """Carry a file of the previous build over unchanged, without producing its bytes."""
        if path not in self.previous or not (self.out / path).is_file():
            raise ValueError(f"nothing to keep at {path}")
        self.current[path] = self.previous[path]
        self.counts.skipped += 1

    def _drain(self) -> None:
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()          # re-raises an OSError of the write here

    def finish(self) -> WriteCounts:
        self._drain()
        self._pool.shutdown()
        for path in sorted(set(self.previous) - set(self.current)):
            stale = self.out / path
            if stale.is_file():
                stale.unlink()
                self.counts.removed += 1
        manifest = json.dumps(self.current, sort_keys=True, indent=0)
        (self.out / MANIFEST).write_text(manifest + "\n", encoding="utf-8")
        return self.counts
