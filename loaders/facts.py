"""Facts files: the interchange format of FORMAT.md as JSON Lines, or CSV with the same columns.

A bad record (malformed JSON, unknown type, missing or ill-typed field) becomes one BadRecord
naming the file, line and reason; every valid record of the file still loads.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from thidua.errors import BadRecord, UnreadableInput
from thidua.loaders.model import FACT_FIELDS, ID_FIELDS, REQUIRED_FIELDS
from thidua.text import clean

FACTS_SUFFIXES = (".jsonl", ".csv")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_CHOICES = {"role": {"head", "deputy"}, "status": {"conferred", "proposed"},
            "recipient_kind": {"unit", "person"}}
# Lines of a gold file that are not facts (entity clusters for the scorer).
_NOT_FACTS = {"same"}


@dataclass
class FactsFile:
    path: Path
    facts_by_doc: dict[str, list[dict]] = field(default_factory=dict)
    errors: list[BadRecord] = field(default_factory=list)

    def content_hash(self, doc: str) -> str:
        """A hash of one document's facts, so a facts file can be loaded incrementally."""
        payload = json.dumps(self.facts_by_doc[doc], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def is_facts_file(path: Path) -> bool:
    return path.suffix.lower() in FACTS_SUFFIXES and path.stem not in ("manifest",)


def read_facts_file(path: Path) -> FactsFile:
    result = FactsFile(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(path, "not UTF-8 text") from None
    except OSError as exc:
        raise UnreadableInput(path, exc.strerror or str(exc)) from None
    records = _csv_records(text) if path.suffix.lower() == ".csv" else _jsonl_records(text)
    for line, record in records:
        try:
            if isinstance(record, Exception):
                raise ValueError(str(record))
            fact = normalise_fact(record)
        except ValueError as exc:
            result.errors.append(BadRecord(path, line, str(exc)))
            continue
        if fact is not None:
            result.facts_by_doc.setdefault(fact["doc"], []).append(fact)
    return result


def _jsonl_records(text: str):
    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield line, ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield line, record if isinstance(record, dict) else ValueError("not a JSON object")


def _csv_records(text: str):
    reader = csv.DictReader(text.splitlines())
    for row in reader:
        yield reader.line_num, {k.strip(): (v if v != "" else None) for k, v in row.items() if k}


def normalise_fact(record: dict) -> dict | None:
    """A clean fact dict (NFC text, typed year), None for non-fact lines; ValueError if invalid."""
    ftype = record.get("type")
    if ftype in _NOT_FACTS:
        return None
    if ftype not in FACT_FIELDS:
        known = ", ".join(FACT_FIELDS)
        raise ValueError(f"unknown type {ftype!r} (expected one of: {known})")
    doc = _first(record.get("doc"))
    if not isinstance(doc, str) or not doc.strip():
        raise ValueError("missing field 'doc'")
    fact = {"doc": doc.strip(), "type": ftype}
    for name in FACT_FIELDS[ftype] + ("evidence", "award_type"):
        value = _first(record.get(name))
        if value is not None:
            fact[name] = _typed(name, value, ftype)
    for name in REQUIRED_FIELDS[ftype]:
        if fact.get(name) in (None, ""):
            raise ValueError(f"{ftype} fact: missing field {name!r}")
    if ftype == "award" and "recipient_kind" not in fact:
        fact["recipient_kind"] = "unit"
    for id_field in ID_FIELDS.values():
        if record.get(id_field):
            fact[id_field] = str(record[id_field])
    span = record.get("span")
    if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
        fact["span"] = span
    return fact


def _first(value):
    """Gold-style alternatives (a list) load as their first non-null value."""
    if isinstance(value, list):
        return next((v for v in value if v is not None), None)
    return value


def _typed(name: str, value, ftype: str):
    if name == "year":
        try:
            year = int(value)
        except (TypeError, ValueError):
            raise ValueError(f"field 'year' is not a year: {value!r}") from None
        if not 1900 <= year <= 2100:
            raise ValueError(f"field 'year' out of range: {year}")
        return year
    if not isinstance(value, str):
        raise ValueError(f"field {name!r} must be text, not {type(value).__name__}")
    value = clean(value)
    if name == "date" and not _DATE.match(value):
        raise ValueError(f"field 'date' is not YYYY-MM-DD: {value!r}")
    if name in _CHOICES and value not in _CHOICES[name] and not (name == "role" and ftype == "position"):
        raise ValueError(f"field {name!r} must be one of {sorted(_CHOICES[name])}, not {value!r}")
    return value
