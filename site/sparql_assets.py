"""The browser SPARQL page's engine: Oxigraph's web build from npm, installed into a cache.

The package is installed by the build (never committed): `npm install oxigraph@0.5` into
$THIDUA_NPM_CACHE or ~/.cache/thidua/npm, once; later builds reuse it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

NPM_SPEC = "oxigraph@0.5"
WEB_FILES = ("web.js", "web_bg.wasm")


def cache_dir() -> Path:
    configured = os.environ.get("THIDUA_NPM_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "thidua" / "npm"


def oxigraph_web_build() -> tuple[dict[str, bytes], str]:
    """({file name: bytes}, '') of the web build, or ({}, the reason it is unavailable)."""
    package = cache_dir() / "node_modules" / "oxigraph"
    if not all((package / name).is_file() for name in WEB_FILES):
        reason = _npm_install(cache_dir())
        if reason:
            return {}, reason
    if not all((package / name).is_file() for name in WEB_FILES):
        return {}, f"npm installed {NPM_SPEC} without its web build ({', '.join(WEB_FILES)})"
    return {name: (package / name).read_bytes() for name in WEB_FILES}, ""


def _npm_install(where: Path) -> str:
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed, so Oxigraph's JavaScript build could not be fetched"
    where.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(where), NPM_SPEC],
                       check=True, capture_output=True, timeout=300)
    except subprocess.CalledProcessError as exc:
        tail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        return f"`npm install {NPM_SPEC}` failed: {tail[0]}"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`npm install {NPM_SPEC}` failed: {exc}"
    return ""
