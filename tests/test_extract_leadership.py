"""Head and deputy of a bloc for a year: descriptions, elections, handovers."""
from __future__ import annotations

from extract_helpers import facts

OPENING = ("Chiều 23/12/2021, Khối thi đua các cơ quan tổng hợp tỉnh Hà Tĩnh tổ chức hội nghị "
           "tổng kết công tác thi đua, khen thưởng năm 2021, triển khai nhiệm vụ năm 2022.\n")


def heads(text):
    return sorted((f["unit"], f["year"], f["role"])
                  for f in facts(OPENING + text, "tỉnh Hà Tĩnh", None, "head"))


def test_an_election_with_a_shared_year_and_a_parenthesis():
    text = ("Các đơn vị thống nhất bầu Sở Tài chính (đơn vị Phó Trưởng khối năm 2021) giữ nhiệm vụ "
            "Trưởng khối, Sở Nội vụ giữ nhiệm vụ Phó Trưởng khối năm 2022.")
    assert heads(text) == [("Sở Nội vụ", 2022, "deputy"), ("Sở Tài chính", 2021, "deputy"),
                           ("Sở Tài chính", 2022, "head")]


def test_a_handover_gives_the_receiver_the_new_year_and_the_giver_the_old():
    text = "Kết thúc hội nghị, Sở Xây dựng đã bàn giao nhiệm vụ Trưởng khối năm 2022 cho Sở GTVT."
    assert heads(text) == [("Sở Giao thông vận tải", 2022, "head"), ("Sở Xây dựng", 2021, "head")]


def test_a_description_without_a_year_is_the_reviewed_year():
    assert heads("Ông Lê Đức Toàn - Giám đốc Sở Kế hoạch và Đầu tư, Trưởng khối chủ trì hội nghị.") == [
        ("Sở Kế hoạch và Đầu tư", 2021, "head")]


def test_the_rotating_flag_goes_to_the_new_head():
    assert heads("Đồng chí Lê Đức Toàn đã trao Cờ luân lưu của Khối cho đại diện lãnh đạo Sở Tài chính tỉnh.") == [
        ("Sở Tài chính tỉnh Hà Tĩnh", 2022, "head")]


def test_a_title_near_a_unit_without_a_connecting_phrase_says_nothing():
    text = ("Vụ trưởng đánh giá cao những kết quả mà các Sở Tư pháp trong Cụm đạt được, đặc biệt "
            "là sự chủ động của đơn vị Cụm trưởng.")
    assert heads(text) == []


def test_head_units_are_members():
    got = facts(OPENING + "Năm 2021, Sở Xây dựng là đơn vị Trưởng khối.", "tỉnh Hà Tĩnh", None, "membership")
    assert [f["unit"] for f in got] == ["Sở Xây dựng"]
