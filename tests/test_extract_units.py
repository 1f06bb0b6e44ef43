"""Unit names: where they end, abbreviations, generic places resolved to the jurisdiction."""
from __future__ import annotations

import pytest

from thidua.loaders.extract.sentences import split_sentences
from thidua.loaders.extract.units import Context, unit_key, units_in


def names(text: str, jurisdiction: str | None = None) -> list[str]:
    ctx = Context(jurisdiction=jurisdiction)
    s = split_sentences(text)[0]
    return [u.name for u in units_in(s.tokens, ctx, s.work)]


@pytest.mark.parametrize("text, expected", [
    ("trao Cờ Thi đua xuất sắc cho Cục Hải quan thành phố đã có thành tích",
     ["Cục Hải quan thành phố Hải Phòng"]),
    ("Sở TN&MT, Sở NN&PTNT và Sở GTVT", ["Sở Tài nguyên và Môi trường",
     "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải"]),
    ("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế và Bảo hiểm xã hội tỉnh",
     ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế", "Bảo hiểm xã hội tỉnh"]),
    ("Viện KSND thành phố bàn giao", ["Viện Kiểm sát nhân dân thành phố Hải Phòng"]),
    ("cho Thanh tra tỉnh và Văn phòng Đoàn ĐBQH và HĐND tỉnh.",
     ["Thanh tra tỉnh", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"]),
    ("Đài Phát thanh - Truyền hình Đà Nẵng - đơn vị", ["Đài Phát thanh - Truyền hình Đà Nẵng"]),
    ("Ngân hàng Chính sách xã hội Chi nhánh tỉnh Bình Dương vì",
     ["Ngân hàng Chính sách xã hội Chi nhánh tỉnh Bình Dương"]),
])
def test_unit_names_end_where_the_name_ends(text, expected):
    assert names(text, "thành phố Hải Phòng" if "Hải Phòng" in expected[0] else None) == expected


def test_a_person_after_a_district_is_not_part_of_its_name():
    assert names("Chủ tịch UBND quận Hoàng Mai Nguyễn Quang Hiếu phát biểu") == [
        "Ủy ban nhân dân quận Hoàng Mai"]


def test_unit_key_ignores_the_place_and_the_committee_prefix():
    assert unit_key("Ủy ban nhân dân huyện Đông Anh") == unit_key("huyện Đông Anh")
    assert unit_key("Cục Hải quan thành phố Hải Phòng", "thành phố Hải Phòng") == \
        unit_key("Cục Hải quan Hải Phòng", "thành phố Hải Phòng")
