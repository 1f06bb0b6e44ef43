"""Word tokens with character offsets: the unit every recogniser walks over."""
from __future__ import annotations

import re

# A word keeps inner dots, dashes and apostrophes ("COVID-19", "H'Mai", "TP.HCM"); any other
# non-space character is a token of its own (so the " - " joiner is the token "-").
_TOKEN = re.compile(r"[\w'’&/]+(?:[.\-'’][\w&/]+)*|[^\w\s]")


class Token:
    """A word or punctuation mark; the shape tests are computed once, they run very often."""
    __slots__ = ("text", "start", "end", "lower", "is_word", "is_cap")

    def __init__(self, text: str, start: int, end: int, lower: str | None = None):
        self.text, self.start, self.end = text, start, end
        self.lower = lower if lower is not None else text.lower()
        self.is_word = text[0].isalnum()
        # capitalised or a number: the shape of a proper-name word
        self.is_cap = text[0].isupper() or text[0].isdigit()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def tokenize(text: str) -> list[Token]:
    # findall plus str.find is about twice as fast as reading each match object's offsets;
    # it is exact because every character that is not white space belongs to a token.
    out, pos = [], 0
    find = text.find
    low = text.lower()                 # once per sentence, sliced per token
    if len(low) != len(text):          # a letter whose lower case is longer (İ): per token
        return [Token(w, s, s + len(w)) for w, s in _offsets(text)]
    for word in _TOKEN.findall(text):
        start = find(word, pos)
        pos = start + len(word)
        out.append(Token(word, start, pos, low[start:pos]))
    return out


def _offsets(text: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in _TOKEN.finditer(text)]


def words_at(tokens: list[Token], i: int, words: tuple[str, ...], lower: bool = False) -> bool:
    """Do tokens[i:] start with `words` (exact case, or lower-case when `lower`)?"""
    if i + len(words) > len(tokens):
        return False
    for k, w in enumerate(words):
        t = tokens[i + k]
        if (t.lower if lower else t.text) != w:
            return False
    return True


def words_at_first_free(tokens: list[Token], i: int, words: tuple[str, ...]) -> bool:
    """Like words_at, but the first letter's case is free and the rest lower-case matched."""
    if i + len(words) > len(tokens):
        return False
    if tokens[i].lower != words[0].lower():
        return False
    return all(tokens[i + k].lower == w.lower() for k, w in enumerate(words) if k)
