"""Sentences of an article with their offsets; the evidence a fact points to.

A line break always ends a sentence (captions, bullets and list items stand on lines of their
own); inside a line a full stop ends one when the next word starts with a capital letter,
except after abbreviations such as "TP." where the name continues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from thidua.loaders.extract.lexicon import expand
from thidua.loaders.extract.tokens import Token, tokenize
from thidua.text import nfc

_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")
_NO_BREAK_BEFORE = re.compile(r"(?:\b(?:TP|Tp|ThS|TS|PGS|GS|Q|P|St|Th\.S)\.|^\s*\(?\d{1,2}[.)])$")


@dataclass(eq=False)
class Sentence:
    start: int                 # offsets of the evidence in the article text
    end: int
    text: str                  # as written
    index: int = 0
    line: int = 0              # number of the source line, to find bullet lists
    shown: str | None = None   # the evidence as written, when `text` was recased (recase.py)

    @property
    def evidence(self) -> str:
        return self.shown if self.shown is not None else self.text

    @cached_property
    def work(self) -> str:
        """NFC, modern tones, abbreviations expanded: what the rules read. Computed on demand,
        since most sentences of an article are skipped by cheap keyword tests."""
        return expand(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.work)

    @cached_property
    def nfc(self) -> str:
        """The sentence in NFC, for keyword tests (the evidence itself stays as written)."""
        return nfc(self.text)

    @cached_property
    def lower(self) -> str:
        return self.nfc.lower()

    @property
    def is_shouting(self) -> bool:
        """All-capital headings and portal banners carry no reliable names."""
        return len(self.text) > 8 and self.nfc.isupper()


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for lineno, line in enumerate(text.split("\n")):
        for start, end in _line_spans(line):
            piece = line[start:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                out.append(Sentence(offset + start + lead, offset + start + lead + len(piece), piece,
                                    index=len(out), line=lineno))
        offset += len(line) + 1
    return out


def _line_spans(line: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _END.finditer(line):
        if _NO_BREAK_BEFORE.search(line[start:m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    return spans
