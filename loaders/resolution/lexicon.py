"""Reading the resolution word lists (loaders/lexicons/resolve-*.tsv)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from thidua.text import nfc


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The data rows of lexicons/resolve-{name}.tsv: NFC, tab-separated, comments skipped."""
    path = resources.files("thidua.loaders").joinpath(f"lexicons/resolve-{name}.tsv")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(tuple(nfc(cell.strip()) for cell in line.split("\t")))
    return tuple(out)


def words(name: str) -> tuple[str, ...]:
    """The first column of a one-column lexicon, longest entry first."""
    return tuple(sorted((row[0] for row in rows(name)), key=len, reverse=True))
