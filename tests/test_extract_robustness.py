"""Odd input never raises: empty text, punctuation, decomposed Unicode, lists without items."""
from __future__ import annotations

import unicodedata

import pytest

from thidua.loaders.extract import extract

ODD = [
    "",
    "\n\n\n",
    "...;;;---(((",
    "Khối thi đua",
    "Khối thi đua (",
    "Cụm thi đua số",
    "gồm:",
    "Khối gồm 8 cơ quan (",
    "trao Bằng khen cho",
    "ông",
    "Ngày 31/2, Khối thi đua X tổ chức hội nghị.",
    "Ông Nguyễn - - - , , Phó Chủ tịch",
    "bàn giao nhiệm vụ Trưởng khối năm 2023 cho",
    unicodedata.normalize("NFD", "Sáng 12/1, Khối thi đua Văn hóa - Xã hội tỉnh tổ chức hội nghị."),
    "Năm 2023 " * 2000,
]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_odd_text_gives_facts_or_nothing_but_never_raises(text):
    facts = extract(text, "odd", jurisdiction="tỉnh Hà Tĩnh", published="2023-01-01")
    for fact in facts:
        start, end = fact["span"]
        assert text[start:end] == fact["evidence"]


def test_decomposed_text_reads_like_composed():
    composed = "Sáng 12/1/2023, Khối thi đua Văn hóa - Xã hội tỉnh tổ chức hội nghị."
    got = extract(unicodedata.normalize("NFD", composed), "d", "tỉnh Bắc Giang")
    assert [f["bloc"] for f in got] == ["Khối thi đua Văn hóa - Xã hội tỉnh Bắc Giang"]
