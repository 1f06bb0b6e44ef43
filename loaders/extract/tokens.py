"""Word tokens with character offsets: the unit every recogniser walks over."""
from __future__ import annotations

import re
from itertools import accumulate, chain, repeat
from operator import itemgetter, or_
from typing import NamedTuple

# A word keeps inner dots, dashes and apostrophes ("COVID-19", "H'Mai", "TP.HCM"); any other
# non-space character is a token of its own (so the " - " joiner is the token "-").
_TOKEN = r"[\w'’&/]+(?:[.\-'’][\w&/]+)*|[^\w\s]"
_SPACE_AND_TOKEN = re.compile(rf"(\s*)({_TOKEN})")


class Token(NamedTuple):
    """A word or punctuation mark; the shape tests are computed once, they run very often.

    A tuple rather than an object with slots: it is built in C (tuple.__new__), its fields
    read as fast, and the garbage collector stops tracking it after one pass, which matters
    with some 400 thousand tokens per thousand articles."""
    text: str
    start: int
    end: int
    lower: str
    is_word: bool
    is_cap: bool       # capitalised or a number: the shape of a proper-name word

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


_new = tuple.__new__
_first, _second = itemgetter(0), itemgetter(1)


def tokenize(text: str) -> list[Token]:
    """The tokens of `text`, built column by column in C-level loops (map, zip, accumulate):
    about 1.5x faster than a Python loop per token, and tokenisation is a tenth of extraction."""
    pieces = _SPACE_AND_TOKEN.findall(text)          # [(space before, token), ...]
    # Every character belongs to a space run or a token, so running sums of the piece lengths
    # are the offsets: even positions end a space run (a token starts), odd ones end a token.
    offsets = list(accumulate(map(len, chain.from_iterable(pieces))))
    words = list(map(_second, pieces))
    firsts = list(map(_first, words))
    shapes = zip(words, offsets[0::2], offsets[1::2], map(str.lower, words),
                 map(str.isalnum, firsts), map(or_, map(str.isupper, firsts), map(str.isdigit, firsts)))
    return list(map(_new, repeat(Token, len(words)), shapes))


def words_at(tokens: list[Token], i: int, words: tuple[str, ...], lower: bool = False) -> bool:
    """Do tokens[i:] start with `words` (exact case, or lower-case when `lower`)?"""
    if i + len(words) > len(tokens):
        return False
    for k, w in enumerate(words):
        t = tokens[i + k]
        if (t.lower if lower else t.text) != w:
            return False
    return True
