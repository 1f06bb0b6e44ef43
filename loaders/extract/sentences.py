"""Sentences of an article with their offsets; the evidence a fact points to.

A line break ends a sentence (captions, bullets and list items stand on lines of their own),
unless the text was wrapped by hand: a line that stops without punctuation and goes on in
lower case on the next ("Tham dự hội" / "nghị có …") is one line; an article wrapped that way
three times or more is wrapped throughout, so a line also goes on when the next opens with a
capital ("Ủy ban MTTQ" / "Việt Nam huyện Cẩm Mỹ"). Inside a line a full stop ends a sentence
when the next word starts with a capital letter, except after abbreviations such as "TP."
where the name continues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.loaders.extract.lexicon import city_names, expand
from thidua.loaders.extract.tokens import Token, tokenize
from thidua.text import fold, nfc

# The stop is matched, not looked behind for: a pattern that opens with a character set lets
# the engine jump to the next candidate (about 2.5x faster); group 1 is the space between.
_END = re.compile(r"[.!?…](\s+)(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")
# No break after these; at most five characters, so only the tail of a piece is searched.
_ABBREVIATION_BEFORE = re.compile(r"\b(?:TP|Tp|ThS|TS|PGS|GS|Q|P|St|Th\.S)\.$")
_BULLET_NUMBER = re.compile(r"\s*\(?\d{1,2}[.)]")       # a whole piece such as "1." or "(2)"
# A line that ends here has ended its sentence, or opened a list or an aside.
_LINE_CLOSED = re.compile(r"[.!?…:;)\]\"”]\s*$")
# A next line opening so is a list item, a caption or a quotation, never a wrapped tail.
_LINE_OPENS_APART = re.compile(r"^\s*(?:[-–•+*(\[\"“]|\d{1,2}[.)])")
_WRAPPED_ARTICLE = 3          # lower-case continuations that show an article wrapped by hand


class computed_once:
    """functools.cached_property without its lock: Python 3.11 takes an RLock on every first
    access, and sentences are read by one thread. Stores the value in the instance dict, so
    later reads do not reach the descriptor at all."""

    def __init__(self, compute):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, sentence, owner=None):
        if sentence is None:
            return self
        value = sentence.__dict__[self.name] = self.compute(sentence)
        return value


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

    @computed_once
    def work(self) -> str:
        """NFC, modern tones, abbreviations expanded: what the rules read. Computed on demand,
        since most sentences of an article are skipped by cheap keyword tests."""
        return expand(self.text)

    @computed_once
    def tokens(self) -> list[Token]:
        return tokenize(self.work)

    @computed_once
    def nfc(self) -> str:
        """The sentence in NFC, for keyword tests (the evidence itself stays as written)."""
        return nfc(self.text)

    @computed_once
    def lower(self) -> str:
        return self.nfc.lower()

    @computed_once
    def is_shouting(self) -> bool:
        """All-capital headings and portal banners carry no reliable names."""
        return len(self.text) > 8 and self.nfc.isupper()


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for lineno, line in enumerate(_unwrapped(text).split("\n")):
        for start, end in _line_spans(line):
            piece = line[start:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                out.append(Sentence(offset + start + lead, offset + start + lead + len(piece), piece,
                                    index=len(out), line=lineno))
        offset += len(line) + 1
    return out


def _unwrapped(text: str) -> str:
    """`text` with the line breaks of hand-wrapped sentences made spaces (offsets unchanged)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    goes_on = [_wraps(a, b) for a, b in zip(lines, lines[1:])]
    if goes_on.count("lower") < _WRAPPED_ARTICLE:
        goes_on = [g == "lower" for g in goes_on]
    out = [lines[0]]
    for line, joined in zip(lines[1:], goes_on):
        out.append(" " if joined else "\n")
        out.append(line)
    return "".join(out)


def _wraps(line: str, nxt: str) -> str | None:
    """"lower" when `nxt` goes on with `line`'s sentence in lower case, "upper" when it may
    (a capital after a line without punctuation), None when it cannot."""
    if not line.strip() or not nxt.strip() or _LINE_CLOSED.search(line) or _LINE_OPENS_APART.match(nxt):
        return None
    return "lower" if nxt.lstrip(" \t\xa0")[0].islower() else "upper"


def _city_abbreviation_ends(abbreviation: str, line: str, nxt: int) -> bool:
    """"Thanh tra TP. Hai đơn vị …": "TP." ends the sentence when no city's name follows it
    ("TP. Vinh", "TP. Hồ Chí Minh" go on)."""
    if abbreviation not in ("TP.", "Tp."):
        return False
    words = line[nxt:nxt + 40].split()
    return not any(fold(" ".join(words[:n])) in city_names() for n in (1, 2, 3))


def _line_spans(line: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _END.finditer(line):
        cut = m.start(1)
        piece = line[start:cut]
        abbreviation = _ABBREVIATION_BEFORE.search(piece[-8:])
        if (abbreviation and not _city_abbreviation_ends(abbreviation.group(), line, m.end())) \
                or _BULLET_NUMBER.fullmatch(piece):
            continue
        spans.append((start, cut))
        start = m.end()
    spans.append((start, len(line)))
    return spans
