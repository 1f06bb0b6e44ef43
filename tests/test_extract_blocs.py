"""Blocs and clusters by their full names; acronyms the article defines."""
from __future__ import annotations

from extract_helpers import facts


def test_generic_city_in_a_bloc_name_becomes_the_jurisdiction():
    text = ("Ngày 10/4, Khối thi đua các cơ quan quản lý kinh tế thành phố tổ chức lễ ký kết "
            "giao ước thi đua năm 2019.")
    assert facts(text, "thành phố Hải Phòng", None, "event")[0]["bloc"] == \
        "Khối thi đua các cơ quan quản lý kinh tế thành phố Hải Phòng"


def test_names_with_commas_dashes_and_and():
    for name in ("Khối thi đua các sở, ngành Kinh tế tỉnh An Giang",
                 "Cụm thi đua các tỉnh, thành phố duyên hải miền Trung",
                 "Khối thi đua Mặt trận và các đoàn thể chính trị - xã hội tỉnh Nghệ An",
                 "Khối thi đua Văn hóa - Xã hội tỉnh Bắc Giang"):
        got = facts(f"Sáng 9/3/2023, {name} tổ chức hội nghị.", None, None, "event")
        assert got == [{"bloc": name, "date": "2023-03-09"}]


def test_two_blocs_holding_one_conference_give_two_events():
    text = ("Sáng 21/12/2023, Khối thi đua Doanh nghiệp Nhà nước và Khối thi đua Ngân hàng tỉnh "
            "Bình Dương tổ chức hội nghị liên tịch.")
    assert [f["bloc"] for f in facts(text, None, None, "event")] == [
        "Khối thi đua Doanh nghiệp Nhà nước", "Khối thi đua Ngân hàng tỉnh Bình Dương"]


def test_a_defined_acronym_names_the_bloc_later():
    text = ("Sáng ngày 11/12/2019, Khối thi đua Kinh tế ngành (KTĐKTN) tổ chức tổng kết.\n"
            "Về dự có ông Đinh Văn An - Giám đốc Sở Công Thương - Phó Trưởng KTĐKTN năm 2019.")
    assert facts(text, None, None, "head") == [
        {"bloc": "Khối thi đua Kinh tế ngành", "unit": "Sở Công Thương", "year": 2019, "role": "deputy"}]


def test_a_shorter_title_mention_is_the_same_bloc():
    text = ("Khối thi đua Mặt trận, đoàn thể thành phố ký kết giao ước thi đua năm 2023\n"
            "Chiều 14/2/2023, Khối thi đua các cơ quan Mặt trận, đoàn thể thành phố Hải Phòng tổ chức hội nghị.")
    assert {f["bloc"] for f in facts(text, "thành phố Hải Phòng")} == \
        {"Khối thi đua các cơ quan Mặt trận, đoàn thể thành phố Hải Phòng"}
