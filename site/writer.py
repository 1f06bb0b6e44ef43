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


@dataclass
class WriteCounts:
    written: int = 0
    skipped: int = 0
    removed: int = 0


class SiteWriter:
    def __init__(self, out_dir: Path):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.previous = self._read_manifest()
        self.current: dict[str, str] = {}
        self.counts = WriteCounts()
        self._dirs: set[str] = set()

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
        if self.previous.get(path) == digest and target.is_file():
            self.counts.skipped += 1
            return
        parent = os.path.dirname(path)
        if parent and parent not in self._dirs:
            (self.out / parent).mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        target.write_bytes(data)
        self.counts.written += 1

    def finish(self) -> WriteCounts:
        for path in sorted(set(self.previous) - set(self.current)):
            stale = self.out / path
            if stale.is_file():
                stale.unlink()
                self.counts.removed += 1
        manifest = json.dumps(self.current, sort_keys=True, indent=0)
        (self.out / MANIFEST).write_text(manifest + "\n", encoding="utf-8")
        return self.counts
