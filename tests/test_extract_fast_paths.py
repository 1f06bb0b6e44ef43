"""The fast paths of the extractor give what the plain versions give.

Each speed-up replaced a plain formulation (a regex alternation, a search over the whole
string, a loop per token) by a cheaper one that must decide the same. The plain versions are
written out here as the specification, and both are run on real article text and on seeded
random strings built from the characters that matter (spaces of every kind, stops, dotless
i, decomposed marks).
"""
from __future__ import annotations

import random
import re

import pytest

from thidua.loaders.extract import _people_hint, membership
from thidua.loaders.extract.lexicon import AnyPhrase, honorifics, literal_pattern, roles
from thidua.loaders.extract.sentences import split_sentences
from thidua.loaders.extract.tokens import tokenize
from thidua.text import fold, modern_tones, squash_spaces

PIECES = ["ông", "Ông", "bà", "Bà", "anh", "thanh", " ", "  ", "\t", "\u00a0", "\u2003", "\u200b",
          "\n", ".", ". ", ",", "-", "(", ")", ":", ";", "TP.", "TP", "Q.", "1.", "(2)", "Nguyễn",
          "Văn", "A", "Phó", "Chủ tịch", "chủ tịch", "Giám đốc", "TS.", "GS.TS", "Đồng chí",
          "đồng chí", "Khối", "khối", "cụm", "gồm", "thành viên", "thành vıên", "của khối",
          "12 đơn vị", "hoà", "Thuỷ", "quý", "COVID-19", "H'Mai", "x\u0301", "İ", "ſ", "…", "?"]


def random_texts(n: int, seed: int, longest: int = 14) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, longest))) for _ in range(n)]


@pytest.fixture(scope="module")
def article_lines(sample_dir) -> list[str]:
    return [line for path in sorted(sample_dir.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines()]


# -- tokens --------------------------------------------------------------------------------
_TOKEN = re.compile(r"[\w'’&/]+(?:[.\-'’][\w&/]+)*|[^\w\s]")


def plain_tokens(text: str) -> list[tuple]:
    return [(m.group(), m.start(), m.end(), m.group().lower(), m.group()[0].isalnum(),
             m.group()[0].isupper() or m.group()[0].isdigit()) for m in _TOKEN.finditer(text)]


def test_tokens_are_the_regex_matches_with_their_offsets_and_shapes(article_lines):
    for text in article_lines + random_texts(3000, seed=1):
        assert [tuple(t) for t in tokenize(text)] == plain_tokens(text), text


def test_token_fields_read_by_name():
    t = tokenize("  Sở GTVT, TP.HCM")[2]
    assert (t.text, t.start, t.end, t.lower, t.is_word, t.is_cap) == (",", 9, 10, ",", False, False)
    assert tokenize("") == [] and tokenize(" \t ") == []


# -- text ------------------------------------------------------------------------------------
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


def test_squash_spaces_is_the_plain_substitution(article_lines):
    for text in article_lines + random_texts(5000, seed=2):
        assert squash_spaces(text) == _SPACES.sub(" ", text).strip(), repr(text)


def test_modern_tones_without_the_lookahead_is_the_same():
    plain = re.compile("([oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|(?<![qQ])[uU][ỳýỷỹỵỲÝỶỸỴ])(?![a-zàáảãạăằắẳẵặâầấẩẫậđè"
                       "éẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵA-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾ"
                       "ỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ])")
    from thidua.text import _modern
    for text in random_texts(3000, seed=3) + ["hoà bình, Thuỷ, khoẻ, quý, UỶ BAN, hoàn"]:
        assert modern_tones(text) == plain.sub(_modern, text)


# -- sentences ---------------------------------------------------------------------------------
_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")
_NO_BREAK = re.compile(r"(?:\b(?:TP|Tp|ThS|TS|PGS|GS|Q|P|St|Th\.S)\.|^\s*\(?\d{1,2}[.)])$")


def plain_spans(line: str) -> list[tuple[int, int]]:
    """Sentence breaks the plain way; "TP." keeps the sentence going only before a city's name."""
    from thidua.loaders.extract.lexicon import city_names
    spans, start = [], 0
    for m in _END.finditer(line):
        piece = line[start:m.start()]
        city_follows = any(fold(" ".join(line[m.end():].split()[:n])) in city_names() for n in (1, 2, 3))
        if _NO_BREAK.search(piece) and (city_follows or not re.search(r"\bT[Pp]\.$", piece)):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    return spans


def test_sentence_breaks_are_the_plain_ones(article_lines):
    from thidua.loaders.extract.sentences import _line_spans
    for line in article_lines + [t.replace("\n", " ") for t in random_texts(5000, seed=4)]:
        assert _line_spans(line) == plain_spans(line), repr(line)
    s = split_sentences("Sáng 5/1 tại TP. Hà Nội. Ông A phát biểu.\n1. Sở Y tế")
    assert [x.text for x in s] == ["Sáng 5/1 tại TP. Hà Nội.", "Ông A phát biểu.", "1. Sở Y tế"]


# -- hints -----------------------------------------------------------------------------------
def test_any_phrase_keeps_only_phrases_no_shorter_one_covers():
    hint = AnyPhrase(["cờ thi đua", "cờ", "bằng khen", "bằng khen của Thủ tướng"])
    assert hint.phrases == ("cờ", "bằng khen")
    for text in random_texts(2000, seed=5) + ["tặng Cờ thi đua", "trao cờ", "bằng  khen"]:
        assert hint.search(text) == bool(re.search("cờ thi đua|cờ|bằng khen", text))


def test_literal_trie_matches_exactly_where_a_phrase_occurs():
    phrases = ["Phó Chủ tịch", "Chủ tịch", "Chủ nhiệm", "Giám đốc", "Phó Giám đốc", "Vụ trưởng", "P"]
    trie = re.compile(literal_pattern(phrases))
    for text in random_texts(3000, seed=6) + ["Phó Giám đố", "Chủ tịc", "Vụ trưởng"]:
        assert bool(trie.search(text)) == any(p in text for p in phrases), text


def test_people_hint_is_the_plain_alternation(article_lines):
    titles = sorted({" ".join(r[0]) for r in roles()}, key=len, reverse=True)
    titles += [t[0].lower() + t[1:] for t in titles]
    plain = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, honorifics())) + r")\s+[A-ZĐÀ-Ỹ]|"
                       + "|".join(map(re.escape, titles)))
    for text in article_lines + random_texts(5000, seed=7):
        assert bool(_people_hint().search(text)) == bool(plain.search(text)), text


def test_member_list_gate_is_the_plain_one(article_lines):
    def plain(lower: str) -> bool:
        return ("gồm" in lower or "thành viên" in lower or "khối" in lower or "cụm" in lower) \
            and bool(membership.TRIGGER.search(lower))
    texts = [t.lower() for t in article_lines + random_texts(5000, seed=8, longest=20)]
    texts += ["khối có 5 đơn vị thành vıên", "12 đơn vị trong khốı"]
    for lower in texts:
        assert (membership.may_list(lower) and bool(membership.TRIGGER.search(lower))) == plain(lower), lower


def test_article_years_read_lower_case_text_as_the_case_blind_patterns_do(article_lines):
    from thidua.loaders.extract import dates

    def plain(text):
        def first(pattern):
            m = re.search(pattern, text, re.IGNORECASE)
            return int(next(g for g in m.groups() if g)) if m else None
        return (first(dates._REVIEWED_WORDS), first(dates._OPENED_WORDS),
                first(r"quyết định khen thưởng năm (\d{4})|khen thưởng năm (\d{4})\s*:"))

    rng = random.Random(9)
    words = ["Tổng kết", "TỔNG KẾT", "sơ kết", "giao ước", "GIAO ƯỚC", "nhiệm vụ", "khen thưởng",
             "Khen Thưởng", "năm", "NĂM", "2021", "2022:", ":", ".", ";", "İ", "ı", "ſ", "thi đua"]
    texts = ["\n".join(article_lines)] + [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
                                          for _ in range(3000)]
    for text in texts:
        years = dates.article_years(None, text, None, None, "2023-05-01")
        reviewed, opened, awards = plain(text)
        if reviewed or opened:
            assert (years.reviewed, years.opened) == (reviewed or opened - 1, opened or reviewed + 1), text
            assert years.reviews == bool(reviewed)
        assert years.conferred == awards, text
