#!/usr/bin/env python3
"""Reading speed: `read_article` on .txt (UTF-8), .html and legacy-encoded (VNI) inputs.

Usage: bench/bench_reading.py [--rounds N]
Cuts the bundled seed articles into ~4 KB pieces, writes them as UTF-8 .txt, as portal-style
.html pages and as VNI-encoded .txt, then prints files/s and ms/file for each, with the ratio to a
baseline measured in the same run (read the bytes and decode them as UTF-8, nothing else).
Target: a 4 KB UTF-8 .txt well under 1 ms, so reading stays a small part of a pipeline that
must do >= 300 articles/s on one core.
"""
from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from thidua.loaders.encodings import encode_legacy  # noqa: E402
from thidua.loaders.reading import read_article  # noqa: E402

PIECE = 4096
_EIGHT_BIT_SAFE = str.maketrans({"“": '"', "”": '"', "…": "...", "\ufffd": "?"})


def sources() -> list[Path]:
    """The bundled seeds, plus the development corpus when ../shared is beside the checkout."""
    dev = ROOT.parent / "shared" / "corpus" / "dev"
    seeds = sorted((ROOT / "articles").glob("*.txt"))
    return seeds + (sorted(dev.glob("*.txt")) if dev.is_dir() else [])


def pieces() -> list[str]:
    """Runs of whole paragraphs (boilerplate included), each at most about 4 KB of UTF-8."""
    out, current, size = [], [], 0
    for path in sources():
        for paragraph in unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).split("\n\n"):
            length = len(paragraph.encode()) + 2
            if current and size + length > PIECE:
                out.append("\n\n".join(current))
                current, size = [], 0
            current.append(paragraph)
            size += length
    if current:
        out.append("\n\n".join(current))
    return out


def as_page(text: str) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin</title>"
            "<script>var a = 1;</script></head><body><nav><ul><li>Trang chủ</li><li>Tin tức</li></ul>"
            "</nav><div class='breadcrumb'>Trang chủ &gt; Tin tức</div><article>"
            f"{paragraphs}</article><div class='related-news'><h3>Các tin khác</h3><ul><li>Tin 1</li>"
            "</ul></div><footer>Bản quyền</footer></body></html>")


def write_inputs(folder: Path, texts: list[str]) -> dict[str, list[Path]]:
    kinds: dict[str, list[Path]] = {"txt (UTF-8)": [], "html (UTF-8)": [], "txt (VNI)": []}
    for i, text in enumerate(texts):
        for kind, name, data in (
                ("txt (UTF-8)", f"{i}.txt", text.encode("utf-8")),
                ("html (UTF-8)", f"{i}.html", as_page(text).encode("utf-8")),
                ("txt (VNI)", f"{i}-vni.txt", encode_legacy(text.translate(_EIGHT_BIT_SAFE), "vni"))):
            path = folder / name
            path.write_bytes(data)
            kinds[kind].append(path)
    portal = ROOT / "tests" / "data" / "reading" / "003-portal-page.html"
    kinds["html (portal)"] = [portal] if portal.is_file() else []
    return kinds


def timed(paths: list[Path], rounds: int, work) -> float:
    """CPU seconds per file: process time, so that other jobs on a shared machine do not count."""
    started = time.process_time()
    for _ in range(rounds):
        for path in paths:
            work(path)
    return (time.process_time() - started) / (rounds * len(paths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    rounds = parser.parse_args().rounds
    texts = pieces()
    with tempfile.TemporaryDirectory() as tmp:
        kinds = write_inputs(Path(tmp), texts)
        kinds = {kind: paths for kind, paths in kinds.items() if paths}
        for paths in kinds.values():  # warm the caches (tables, compiled patterns) once
            read_article(paths[0])
        baseline = timed(kinds["txt (UTF-8)"], rounds, lambda p: p.read_bytes().decode("utf-8"))
        print(f"{len(texts)} inputs of ~{PIECE // 1024} KB, {rounds} rounds")
        print(f"{'input':14} {'KB/file':>8} {'ms/file':>8} {'files/s':>9} {'x baseline':>11}  (CPU time)")
        print(f"{'read+decode':14} {'':>8} {baseline * 1000:8.3f} {1 / baseline:9.0f} {1.0:11.1f}")
        for kind, paths in kinds.items():
            kb = sum(p.stat().st_size for p in paths) / len(paths) / 1024
            per_file = timed(paths, rounds if "VNI" not in kind else max(1, rounds // 10), read_article)
            print(f"{kind:14} {kb:8.1f} {per_file * 1000:8.3f} {1 / per_file:9.0f} "
                  f"{per_file / baseline:11.1f}")


if __name__ == "__main__":
    main()
