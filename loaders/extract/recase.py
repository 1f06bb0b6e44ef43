"""All-capital lead paragraphs ("(BTB) - SÁNG 5-1, KHỐI THI ĐUA CÁC CƠ QUAN VĂN HÓA - XÃ HỘI
TỈNH TỔ CHỨC …") written back in the article's own case, so the rules can read them.

Newspapers print the lead paragraph in capitals; the rules tell names from plain words by
their capital letters, so such a sentence is first given each word's most frequent form in the
article's mixed-case sentences (where it does not open a sentence): "Văn", "Xã", "Bến", "Tre"
keep their capital, "cơ", "quan", "tổ", "chức" lose theirs. Words the article never writes in
mixed case become lower case. The result has the sentence's length, so offsets still hold.
"""
from __future__ import annotations

import re
from collections import Counter

from thidua.loaders.extract.sentences import Sentence

_WORD = re.compile(r"\w+")


def case_forms(sentences: list[Sentence]) -> dict[str, str]:
    """Lower-case word -> its most frequent written form inside mixed-case sentences."""
    counts: dict[str, Counter] = {}
    for s in sentences:
        if s.is_shouting:
            continue
        for m in _WORD.finditer(s.nfc):
            if m.start() == 0:
                continue          # a sentence's first word is capitalised whatever it is
            w = m.group()
            counts.setdefault(w.lower(), Counter())[w] += 1
    return {low: c.most_common(1)[0][0] for low, c in counts.items()}


def recased(s: Sentence, forms: dict[str, str]) -> Sentence | None:
    """The all-capital sentence s in the article's case, or None if lengths would differ."""
    def one(m: re.Match) -> str:
        w = m.group()
        form = forms.get(w.lower(), w.lower())
        return form if len(form) == len(w) else w.lower()

    text = _WORD.sub(one, s.nfc)
    first = next((i for i, ch in enumerate(text) if ch.isalpha()), None)
    if first is not None:
        text = text[:first] + text[first].upper() + text[first + 1:]
    if len(text) != len(s.text):
        return None
    return Sentence(s.start, s.end, text, index=s.index, line=s.line, shown=s.text)
