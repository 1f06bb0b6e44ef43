"""Text normalisation on real strings from the articles."""
from __future__ import annotations

import unicodedata

import pytest

from thidua.text import clean, expand_abbreviations, fold, modern_tones, nfc, slug


@pytest.mark.parametrize("old, new", [("hoà", "hòa"), ("Hoà Bình", "Hòa Bình"), ("uỷ ban", "ủy ban"),
                                      ("thuỷ sản", "thủy sản"), ("hoàn thành", "hoàn thành"),
                                      ("khoẻ", "khỏe"), ("UỶ BAN", "ỦY BAN"),
                                      ("Thuý", "Thúy"), ("quý", "quý"), ("Quý", "Quý")])
def test_old_tone_placement_is_modernised_only_at_syllable_end(old, new):
    assert modern_tones(nfc(old)) == new


def test_fold_maps_d_stroke_which_decomposition_alone_leaves():
    assert "đ" in unicodedata.normalize("NFD", "Đặng").lower()
    assert fold("Đặng Trọng Thắng") == "dang trong thang"
    assert fold("TRƯƠNG MINH HIẾN") == fold("truong minh hien")


def test_clean_composes_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Đình Chuyến")
    assert clean(decomposed) == "Nguyễn Đình Chuyến"
    assert len(clean(decomposed)) < len(decomposed)


@pytest.mark.parametrize("text, expanded", [
    ("Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Văn phòng HĐND thành phố", "Văn phòng Hội đồng nhân dân thành phố"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("LĐLĐ TP. Cần Thơ", "Liên đoàn Lao động thành phố Cần Thơ"),
    ("tại TP.Hải Phòng", "tại thành phố Hải Phòng"),
    ("Sở GTVT", "Sở Giao thông vận tải"),
])
def test_abbreviations_expand_as_whole_words(text, expanded):
    assert expand_abbreviations(text) == expanded


def test_abbreviation_inside_a_word_is_left_alone():
    assert expand_abbreviations("TPHCMX và UBNDX") == "TPHCMX và UBNDX"


def test_slug_is_ascii_and_safe():
    s = slug('Khối thi đua "Kinh tế" ngành <script>/../')
    assert s == "khoi-thi-dua-kinh-te-nganh-script"
    assert slug("") == "x"
