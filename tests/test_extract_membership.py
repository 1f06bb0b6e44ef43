"""Member lists in their many shapes."""
from __future__ import annotations

import pytest

from extract_helpers import facts


def members(text, jurisdiction=None):
    return [f["unit"] for f in facts(text, jurisdiction, None, "membership")]


def test_a_list_in_parentheses():
    text = ("Khối gồm 8 cơ quan (Cục Thuế thành phố, Cục Hải quan thành phố, Kho bạc Nhà nước Cần Thơ, "
            "Ngân hàng Nhà nước chi nhánh TP. Cần Thơ).")
    assert members("Khối thi đua các cơ quan Trung ương tổ chức hội nghị.\n" + text, "thành phố Cần Thơ") == [
        "Cục Thuế thành phố Cần Thơ", "Cục Hải quan thành phố Cần Thơ", "Kho bạc Nhà nước Cần Thơ",
        "Ngân hàng Nhà nước chi nhánh thành phố Cần Thơ"]


def test_bullets_under_a_colon():
    text = ("Khối thi đua các cơ quan tổng hợp gồm các đơn vị:\n- Văn phòng UBND tỉnh (Phó Trưởng khối năm 2023);\n"
            "- Sở Nội vụ (Trưởng khối năm 2023);\n- Thanh tra tỉnh.\n\nNăm 2023, các cơ quan trong Khối đã tích cực.")
    assert members(text, "tỉnh Hà Tĩnh") == ["Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh", "Sở Nội vụ",
                                            "Thanh tra tỉnh Hà Tĩnh"]


@pytest.mark.parametrize("text, expected", [
    ("Cụm thi đua số III, gồm các quận: Ba Đình, Đống Đa và Hoàng Mai tổ chức hội nghị",
     ["quận Ba Đình", "quận Đống Đa", "quận Hoàng Mai"]),
    ("Cụm thi đua số 1 gồm 6 quận: 1, 3 và Phú Nhuận.", ["Quận 1", "Quận 3", "quận Phú Nhuận"]),
    ("Cụm gồm Sở Tư pháp 3 tỉnh: Thanh Hóa, Nghệ An và Hà Tĩnh.",
     ["Sở Tư pháp tỉnh Thanh Hóa", "Sở Tư pháp tỉnh Nghệ An", "Sở Tư pháp tỉnh Hà Tĩnh"]),
    ("Cụm gồm LĐLĐ 3 tỉnh, thành phố: Cần Thơ, Hậu Giang và Sóc Trăng.",
     ["Liên đoàn Lao động thành phố Cần Thơ", "Liên đoàn Lao động tỉnh Hậu Giang",
      "Liên đoàn Lao động tỉnh Sóc Trăng"]),
])
def test_lists_that_share_one_head_word(text, expected):
    assert members("Cụm thi đua số 1 tổ chức hội nghị.\n" + text) == expected


def test_an_award_list_is_not_a_member_list():
    text = ("Khối thi đua Kinh tế tổ chức hội nghị. UBND thành phố tặng Bằng khen cho 3 đơn vị gồm: "
            "Văn phòng HĐND thành phố, Sở Kế hoạch và Đầu tư.")
    assert members(text, "thành phố Hải Phòng") == []
