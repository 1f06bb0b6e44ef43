"""Tabular output for the terminal, CSV and JSON."""
from __future__ import annotations

import csv
import io
import json
import unicodedata


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
               if not unicodedata.combining(c))


def as_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    widths = [min(w, 60) for w in widths]

    def line(cells):
        parts = []
        for cell, width in zip(cells, widths):
            cell = cell if _width(cell) <= width else cell[: width - 1] + "…"
            parts.append(cell + " " * (width - _width(cell)))
        return "  ".join(parts).rstrip() + "\n"

    out = line(header) + line(["-" * w for w in widths])
    out += "".join(line(r) for r in rows)
    return out + f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def as_csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def as_json(header: list[str], rows: list[list[str]]) -> str:
    return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=2) + "\n"
