"""Awards conferred versus proposed, their class and achievement year; counts are not awards."""
from __future__ import annotations

from extract_helpers import facts

OPENING = ("Sáng 20/12/2022, Khối thi đua các cơ quan tổng hợp tỉnh tổ chức hội nghị tổng kết công "
           "tác thi đua, khen thưởng năm 2022, ký kết giao ước thi đua năm 2023.\n")


def awards(text):
    return [(f["award"], f["recipient"], f["recipient_kind"], f["year"], f["status"])
            for f in facts(OPENING + text, "tỉnh Hà Tĩnh", None, "award")]


def test_conferred_to_units_and_people_after_cho():
    text = ("Tại hội nghị, đồng chí Phạm Hữu Tường trao Cờ thi đua của UBND tỉnh cho Sở Tư pháp và "
            "Thanh tra tỉnh - hai đơn vị dẫn đầu phong trào thi đua năm 2021; trao Bằng khen của Chủ "
            "tịch UBND tỉnh cho bà Hoàng Thị Thu Nhàn - Phó Giám đốc Sở Tài chính.")
    assert awards(text) == [
        ("Cờ thi đua của Ủy ban nhân dân tỉnh Hà Tĩnh", "Sở Tư pháp", "unit", 2021, "conferred"),
        ("Cờ thi đua của Ủy ban nhân dân tỉnh Hà Tĩnh", "Thanh tra tỉnh Hà Tĩnh", "unit", 2021, "conferred"),
        # handed over without a year: it may reward an earlier year, so none is guessed
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh", "Hoàng Thị Thu Nhàn", "person", None, "conferred")]


def test_the_year_of_the_decisions_handed_over():
    text = ("Hội nghị đã công bố và trao các quyết định khen thưởng năm 2022. Đồng chí Phạm Hữu Tường "
            "trao Bằng khen của UBND tỉnh cho Thành Đoàn Hà Tĩnh và Hội Cựu chiến binh tỉnh.")
    assert [a[1:4] for a in awards(text)] == [("Thành Đoàn Hà Tĩnh", "unit", 2022),
                                              ("Hội Cựu chiến binh tỉnh Hà Tĩnh", "unit", 2022)]


def test_voted_and_proposed_with_the_issuer_before_the_verb():
    text = ("Khối thống nhất suy tôn Sở Kế hoạch và Đầu tư là đơn vị dẫn đầu, đề nghị UBND tỉnh trình "
            "Thủ tướng Chính phủ tặng Bằng khen; đề nghị tặng Cờ thi đua cho Sở Nội vụ.")
    assert awards(text) == [
        ("Bằng khen của Thủ tướng Chính phủ", "Sở Kế hoạch và Đầu tư", "unit", 2022, "proposed"),
        ("Cờ thi đua", "Sở Nội vụ", "unit", 2022, "proposed")]


def test_the_subject_receiving_an_award():
    text = "Dịp này, Liên đoàn Lao động tỉnh vinh dự đón nhận Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam vì đã có thành tích năm 2021."
    assert awards(text) == [("Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
                             "Liên đoàn Lao động tỉnh Hà Tĩnh", "unit", 2021, "conferred")]


def test_an_order_takes_the_last_year_of_its_period_or_none():
    text = ("Thừa ủy quyền Chủ tịch nước, đồng chí Vũ Quang Tuấn trao Huân chương Lao động hạng Ba cho "
            "tập thể Sở Xây dựng vì đã có thành tích xuất sắc trong công tác từ năm 2016 đến năm 2020.\n"
            "Ông Kiều Văn Sơn trao Kỷ niệm chương \"Vì sự nghiệp xây dựng tổ chức Công đoàn\" cho ông Nguyễn Trung Nghĩa.")
    got = awards(text)
    assert got[0] == ("Huân chương Lao động hạng Ba", "Sở Xây dựng", "unit", 2020, "conferred")
    assert got[1][1:] == ("Nguyễn Trung Nghĩa", "person", None, "conferred")


def test_counts_and_the_rotating_flag_are_not_awards():
    text = ("Trong năm, các tập thể, cá nhân thuộc Khối được khen thưởng với 2 Bằng khen của Thủ tướng "
            "Chính phủ, 14 Bằng khen của Chủ tịch UBND tỉnh.\n"
            "Đồng chí Lê Đức Toàn đã trao Cờ luân lưu của Khối cho đại diện lãnh đạo Sở Tài chính tỉnh.")
    assert awards(text) == []


def test_a_caption_without_a_year_yields_to_the_sentence_that_states_it():
    text = ("Phó Chủ tịch UBND tỉnh Giáp Văn Thuận trao Bằng khen của Thủ tướng Chính phủ cho Sở Y tế.\n"
            "Tại hội nghị, đồng chí Giáp Văn Thuận đã trao Bằng khen của Thủ tướng Chính phủ cho Sở Y tế "
            "vì đã có thành tích xuất sắc trong công tác phòng, chống dịch COVID-19 năm 2021.")
    assert awards(text) == [("Bằng khen của Thủ tướng Chính phủ", "Sở Y tế", "unit", 2021, "conferred")]
