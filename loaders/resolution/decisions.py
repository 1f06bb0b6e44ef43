"""A user's "same" / "not same" decisions, applied by the Resolver before its own rules.

The file is TSV: `same|not-same <TAB> A <TAB> B`, where A and B are names (compared after
abbreviation expansion, case-insensitively, with their marks) or entity IRIs. `#` starts a
comment line. A bad line is reported with its line number; the other lines still apply.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from thidua.errors import BadRecord, UnreadableInput
from thidua.text import clean, expand_abbreviations

VERDICTS = {"same": True, "not-same": False, "not same": False, "different": False}


def ref(text: str) -> str:
    """How a name or IRI is compared: IRIs as written, names expanded and lower-cased."""
    text = clean(text)
    if text.startswith(("http://", "https://")):
        return text
    return clean(expand_abbreviations(text)).lower()


@dataclass
class Decisions:
    same: dict[str, set[str]] = field(default_factory=dict)       # ref -> refs it is the same as
    not_same: set[frozenset[str]] = field(default_factory=set)
    into: dict[str, str] = field(default_factory=dict)    # B -> A of "same A B": A's IRI wins
    errors: list[BadRecord] = field(default_factory=list)
    source: str | None = None

    @classmethod
    def read(cls, path: str | Path) -> "Decisions":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise UnreadableInput(path, exc.strerror or str(exc)) from None
        except UnicodeDecodeError:
            raise UnreadableInput(path, "not UTF-8 text") from None
        decisions = cls(source=str(path))
        for line_no, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            verdict = VERDICTS.get(cells[0].lower()) if cells else None
            if len(cells) != 3 or verdict is None or not cells[1] or not cells[2]:
                decisions.errors.append(BadRecord(
                    path, line_no, "expected 'same' or 'not-same', then two names or IRIs, tab-separated"))
                continue
            decisions.add(verdict, cells[1], cells[2])
        return decisions

    def add(self, same: bool, a: str, b: str) -> None:
        a, b = ref(a), ref(b)
        if same:
            self.same.setdefault(a, set()).add(b)
            self.same.setdefault(b, set()).add(a)
            self.into.setdefault(b, a)
        else:
            self.not_same.add(frozenset((a, b)))

    def partners(self, refs: set[str]) -> set[str]:
        """Everything declared the same as one of `refs`."""
        return {p for r in refs for p in self.same.get(r, ())} - refs

    def redirect(self, entity_iri: str) -> str:
        """The IRI that a "same A B" line with B = `entity_iri` sends its mentions to."""
        seen = {entity_iri}
        while entity_iri in self.into and self.into[entity_iri] not in seen:
            entity_iri = self.into[entity_iri]
            seen.add(entity_iri)
        return entity_iri

    def forbids(self, refs_a: set[str], refs_b: set[str]) -> bool:
        return any(frozenset((a, b)) in self.not_same for a in refs_a for b in refs_b)

    def __bool__(self) -> bool:
        return bool(self.same or self.not_same)
