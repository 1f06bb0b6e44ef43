"""Officials and their positions; bylines and photo credits are not officials."""
from __future__ import annotations

from extract_helpers import positions


def test_chained_titles_are_separate_positions():
    text = ("Ông Trương Minh Hiến - Ủy viên Ban Thường vụ Tỉnh ủy - Phó Chủ tịch UBND tỉnh - "
            "lãnh đạo phụ trách thi đua Khối Kinh tế ngành dự và chỉ đạo hội nghị.")
    assert positions(text) == [("Trương Minh Hiến", "Ủy viên Ban Thường vụ", "Tỉnh ủy"),
                               ("Trương Minh Hiến", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh")]


def test_title_before_the_name():
    assert positions("Chủ tịch UBND quận Hoàng Mai Nguyễn Quang Hiếu phát biểu tại hội nghị") == [
        ("Nguyễn Quang Hiếu", "Chủ tịch", "Ủy ban nhân dân quận Hoàng Mai")]


def test_a_title_that_names_its_office():
    text = ("Dự hội nghị có bà Lê Thị Thu Hằng - Trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ; "
            "ông Thái Văn Hào - Chánh Văn phòng Sở Tư pháp.")
    assert positions(text, "tỉnh Hà Tĩnh") == [
        ("Lê Thị Thu Hằng", "Trưởng ban", "Ban Thi đua - Khen thưởng"),
        ("Thái Văn Hào", "Chánh Văn phòng", "Văn phòng Sở Tư pháp")]


def test_a_party_committee_takes_its_place_from_the_chain():
    text = ("Đồng chí Nguyễn Hữu Khiêm - Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Đông Anh, "
            "đơn vị Cụm trưởng năm 2021 chủ trì hội nghị.")
    assert positions(text, "thành phố Hà Nội") == [
        ("Nguyễn Hữu Khiêm", "Phó Bí thư", "Huyện ủy Đông Anh"),
        ("Nguyễn Hữu Khiêm", "Chủ tịch", "Ủy ban nhân dân huyện Đông Anh")]


def test_bylines_and_photo_credits_are_not_officials():
    text = ("Quang cảnh hội nghị. Ảnh: Minh Thu\n\nThu Hà - Văn phòng UBND tỉnh\n\n"
            "Lò Văn Tuân (LĐLĐ huyện Quan Hoá)\n\nÔng Đặng Trong Thắng tặng hoa chúc mừng")
    assert positions(text, "tỉnh Hà Tĩnh") == []


def test_a_former_position_is_not_a_position():
    assert positions("Phát biểu chỉ đạo, đồng chí Lê Đức Toàn, nguyên Giám đốc Sở Kế hoạch và Đầu tư, đánh giá cao") == []


def test_a_board_member_belongs_to_the_committee_named_in_the_chain():
    text = "Dự có đồng chí Trần Văn Nam, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy."
    assert positions(text, "tỉnh Nghệ An") == [
        ("Trần Văn Nam", "Ủy viên Ban Thường vụ", "Tỉnh ủy Nghệ An"),
        ("Trần Văn Nam", "Trưởng ban", "Ban Tổ chức Tỉnh ủy Nghệ An")]
