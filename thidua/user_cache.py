"""The user's cache folder for what thidua keeps between runs (the saved resolver, the input
files' digests): $THIDUA_CACHE, else ~/.cache/thidua. Only this tool writes there, for this user."""
from __future__ import annotations

import os
from pathlib import Path


def folder() -> Path:
    configured = os.environ.get("THIDUA_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "thidua"
