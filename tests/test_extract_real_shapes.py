"""Shapes found in real provincial portal articles outside the corpora (docs/holdout.md, "Real
articles, 2026-12-04"). Every sentence here is new, written in those shapes with other units,
places and people: the real articles themselves are not kept in the repository."""
from __future__ import annotations

from extract_helpers import facts, positions

OPENING = "Sáng 14/3/2024, Khối thi đua các cơ quan tổng hợp tỉnh tổ chức hội nghị ký kết giao ước thi đua. "


def _units(text: str, jurisdiction: str | None = "tỉnh Phú Yên") -> list[str]:
    return [f["unit"] for f in facts(text, jurisdiction, None, "membership")]


# -- bloc names ----------------------------------------------------------------------------
def test_a_verb_phrase_after_a_bloc_name_is_not_part_of_it():
    for verb in ("góp phần", "đồng chủ trì", "phối hợp", "tham gia"):
        text = f"Sáng 5/1/2024, các đơn vị trong Khối thi đua Văn xã {verb} tổ chức hội nghị tổng kết."
        assert [f["bloc"] for f in facts(text, ftype="event")] == ["Khối thi đua Văn xã"], verb


# -- member lists --------------------------------------------------------------------------
def test_a_list_after_the_units_of_the_bloc_and_a_colon():
    text = OPENING + "Dự có lãnh đạo các đơn vị trong khối: Sở Y tế, Sở Công Thương và Sở Xây dựng."
    assert _units(text) == ["Sở Y tế", "Sở Công Thương", "Sở Xây dựng"]


def test_paired_fields_joined_by_a_dash_stay_in_the_unit_name():
    text = OPENING + ("Khối gồm 3 đơn vị: Trung tâm Thông tin khoa học - công nghệ; "
                      "Viện Quy hoạch kinh tế - xã hội; Cục Thống kê.")
    assert _units(text) == ["Trung tâm Thông tin khoa học - công nghệ",
                            "Viện Quy hoạch kinh tế - xã hội", "Cục Thống kê"]


def test_a_dashed_head_title_after_the_first_member_does_not_end_the_list():
    text = OPENING + ("Khối gồm 4 đơn vị: Sở Tư pháp - đơn vị trưởng khối; Sở Ngoại vụ; "
                      "Thanh tra tỉnh; Ban Dân tộc tỉnh.")
    assert _units(text) == ["Sở Tư pháp", "Sở Ngoại vụ", "Thanh tra tỉnh Phú Yên", "Ban Dân tộc tỉnh Phú Yên"]
    assert [(f["unit"], f["role"]) for f in facts(text, "tỉnh Phú Yên", None, "head")] == [("Sở Tư pháp", "head")]


def test_utility_branches_and_factories_open_a_member_list():
    text = ("Sáng 14/3/2024, Khối thi đua các cơ quan Trung ương đóng trên địa bàn tỉnh tổ chức hội "
            "nghị. Khối gồm: Truyền tải điện Phú Yên (Trưởng khối thi đua), Chi nhánh Ngân hàng "
            "Phát triển Phú Yên, Cục Thuế tỉnh.")
    assert _units(text) == ["Truyền tải điện Phú Yên", "Chi nhánh Ngân hàng Phát triển Phú Yên", "Cục Thuế tỉnh Phú Yên"]
    assert [f["unit"] for f in facts(text, "tỉnh Phú Yên", None, "head")] == ["Truyền tải điện Phú Yên"]


def test_one_lower_case_head_word_shared_by_the_items_then_full_names():
    text = OPENING + ("Khối bao gồm: các sở Công Thương, Khoa học và công nghệ, Ngoại vụ; "
                      "Ban Quản lý Khu kinh tế tỉnh, Văn phòng UBND tỉnh và Thanh tra tỉnh.")
    assert _units(text) == ["Sở Công Thương", "Sở Khoa học và công nghệ", "Sở Ngoại vụ",
                            "Ban Quản lý Khu kinh tế tỉnh Phú Yên",
                            "Văn phòng Ủy ban nhân dân tỉnh Phú Yên", "Thanh tra tỉnh Phú Yên"]
    text = OPENING + "Khối gồm các sở Y tế, Tài chính và Xây dựng."
    assert _units(text) == ["Sở Y tế", "Sở Tài chính", "Sở Xây dựng"]


def test_the_office_of_the_national_assembly_delegation_in_a_list():
    text = OPENING + ("Tham dự có đại diện của 3 đơn vị trong Khối: Sở Nội vụ, Công an tỉnh, "
                      "Văn phòng Đoàn Đại biểu Quốc hội tỉnh và đại diện Ban Thi đua - Khen thưởng tỉnh.")
    assert _units(text) == ["Sở Nội vụ", "Công an tỉnh Phú Yên", "Văn phòng Đoàn Đại biểu Quốc hội tỉnh Phú Yên"]


# -- heads ---------------------------------------------------------------------------------
def test_the_conference_is_not_the_head_unit():
    text = OPENING + "Tại Hội nghị, đơn vị Trưởng khối đã thông qua quy chế hoạt động của Khối."
    assert facts(text, "tỉnh Phú Yên", None, "head") == []
    assert "Hội nghị" not in _units(text)


# -- people --------------------------------------------------------------------------------
def test_central_committee_titles_before_a_provincial_one():
    text = ("Dự hội nghị có đồng chí Lê Văn Tâm - Ủy viên dự khuyết Trung ương Đảng, Phó Bí thư "
            "Thường trực Tỉnh ủy.")
    assert positions(text, "tỉnh Phú Yên") == [
        ("Lê Văn Tâm", "Ủy viên dự khuyết Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
        ("Lê Văn Tâm", "Phó Bí thư Thường trực", "Tỉnh ủy Phú Yên")]


def test_leaders_of_the_past_in_set_phrases_are_not_attendees():
    text = ("Học tập tư tưởng của Chủ tịch Hồ Chí Minh về thi đua ái quốc, ông Trần Quốc Bảo - "
            "Giám đốc Sở Nội vụ phát biểu.")
    assert positions(text, "tỉnh Phú Yên") == [("Trần Quốc Bảo", "Giám đốc", "Sở Nội vụ")]


def test_a_political_school_named_after_a_person():
    text = "Dự có bà Phan Thị Thu - Phó Hiệu trưởng Trường Chính trị Nguyễn Văn Cừ tỉnh Phú Yên."
    assert positions(text) == [("Phan Thị Thu", "Phó Hiệu trưởng", "Trường Chính trị Nguyễn Văn Cừ tỉnh Phú Yên")]


# -- dates ---------------------------------------------------------------------------------
def test_the_date_of_a_cited_document_is_not_the_events():
    text = ("Thực hiện Kế hoạch số 45/KH-UBND ngày 02/01/2024 của UBND tỉnh, Khối thi đua các cơ "
            "quan tổng hợp tỉnh đã tổ chức hội nghị ký kết giao ước thi đua vào ngày 14/3/2024.")
    assert [f["date"] for f in facts(text, "tỉnh Phú Yên", None, "event")] == ["2024-03-14"]


# -- the second set (docs/holdout-real/real-2) ---------------------------------------------
def test_a_unit_head_shared_over_provinces():
    text = ("Sáng 12/3/2025, Cụm thi đua số 5, Bộ Công an tổ chức hội nghị ký kết giao ước thi đua. "
            "Cụm gồm Công an các tỉnh Hà Giang, Yên Bái, Phú Thọ và Hòa Bình.")
    assert _units(text, None) == ["Công an tỉnh Hà Giang", "Công an tỉnh Yên Bái", "Công an tỉnh Phú Thọ",
                                  "Công an tỉnh Hòa Bình"]


def test_a_unit_head_shared_over_the_names_after_a_colon():
    text = ("Ngày 20/10/2014, Cụm thi đua số 2 tổ chức hội nghị. Cụm gồm các Trường THPT: Lê Lợi, "
            "Trần Phú và Nguyễn Trãi.")
    assert _units(text, None) == ["Trường Trung học phổ thông Lê Lợi", "Trường Trung học phổ thông Trần Phú",
                                  "Trường Trung học phổ thông Nguyễn Trãi"]
    text = "Ngày 20/10/2014, Khối thi đua các sở tổ chức hội nghị. Khối gồm: Sở Y tế, Sở Tư pháp và Sở Xây dựng."
    assert _units(text, None) == ["Sở Y tế", "Sở Tư pháp", "Sở Xây dựng"]      # written in full: as they are


def test_the_short_comrade_and_director_abbreviations():
    text = "Dự có đ/c Phạm Thị Hoa - Thành ủy viên, Chủ tịch Hội LHPN Thành phố."
    assert positions(text, "thành phố Cần Thơ") == [
        ("Phạm Thị Hoa", "Thành ủy viên", "Thành ủy Cần Thơ"),
        ("Phạm Thị Hoa", "Chủ tịch", "Hội Liên hiệp Phụ nữ thành phố Cần Thơ")]
    assert positions("Ông Đỗ Văn Nam – GĐ Công ty Cấp nước Cần Thơ phát biểu.") == [
        ("Đỗ Văn Nam", "Giám đốc", "Công ty Cấp nước Cần Thơ")]


def test_a_photo_caption_without_a_dash_between_name_and_title():
    text = "Đồng chí Vũ Thị Lan Phó Trưởng ban Tuyên giáo Tỉnh ủy phát biểu tại hội nghị."
    assert positions(text, "tỉnh Nam Định") == [("Vũ Thị Lan", "Phó Trưởng ban", "Ban Tuyên giáo Tỉnh ủy Nam Định")]


def test_voted_for_in_the_passive_then_proposed():
    text = ("Sở Công Thương được suy tôn là đơn vị xuất sắc dẫn đầu phong trào thi đua, được đề "
            "nghị tặng Cờ thi đua của UBND tỉnh.")
    assert [(f["recipient"], f["status"]) for f in facts(text, "tỉnh Phú Yên", None, "award")] == [
        ("Sở Công Thương", "proposed")]


def test_a_date_without_a_year_takes_the_school_year():
    text = ("Ngày 15-10, tại Trường THPT Lê Lợi, Cụm thi đua số 4 tổ chức hội nghị ký kết giao ước "
            "thi đua năm học 2014 - 2015.")
    assert [f["date"] for f in facts(text, ftype="event")] == ["2014-10-15"]
    text = "Ngày 12-3, Cụm thi đua số 4 tổ chức hội nghị sơ kết học kỳ I năm học 2014 - 2015."
    assert [f["date"] for f in facts(text, ftype="event")] == ["2015-03-12"]


def test_a_provincial_youth_union_written_with_a_small_d_heads_the_bloc():
    text = ("Sáng ngày 04/3/2021, tại cơ quan Tỉnh đoàn Phú Yên (đơn vị Trưởng khối), Khối thi đua "
            "Mặt trận - Đoàn thể tỉnh tổ chức hội nghị ký kết giao ước thi đua năm 2021.")
    assert [(f["unit"], f["year"], f["role"]) for f in facts(text, "tỉnh Phú Yên", None, "head")] == [
        ("Tỉnh đoàn Phú Yên", 2021, "head")]


# -- the third set (scored once unseen, then read) -----------------------------------------
def test_communes_sharing_the_area_word():
    text = ("Sáng 9/3/2024, Cụm thi đua số 3 tổ chức hội nghị. Cụm thi đua số 3 gồm các xã: Tân Lập, "
            "Hòa Bình, Phú Mỹ và Long Hưng.")
    assert _units(text, "tỉnh Đồng Tháp") == ["xã Tân Lập", "xã Hòa Bình", "xã Phú Mỹ", "xã Long Hưng"]


def test_directors_general_named_after_their_title():
    text = ("Dự hội nghị có Tổng cục trưởng Tổng cục Thống kê Lê Văn Hải; Quyền Tổng cục trưởng "
            "Tổng cục Thuế Đỗ Minh Tâm.")
    assert positions(text) == [("Lê Văn Hải", "Tổng cục trưởng", "Tổng cục Thống kê"),
                               ("Đỗ Minh Tâm", "Quyền Tổng cục trưởng", "Tổng cục Thuế")]
    assert positions("Dự có bà Lê Thị Hoa - Phó Vụ trưởng Vụ Thi đua, Khen thưởng, Bộ Y tế.")[0][2] == \
        "Vụ Thi đua, Khen thưởng"


def test_a_bloc_word_followed_by_and_is_no_bloc_name():
    text = ("Ngày 20/12/2020, các trường đại học trong Cụm thi đua số 1 tổ chức hội nghị tổng kết. "
            "Hội nghị nghe báo cáo hoạt động của Cụm thi đua và tự đánh giá kết quả. Trường Đại học "
            "Y Dược làm Cụm trưởng năm 2021.")
    assert {f["bloc"] for f in facts(text)} == {"Cụm thi đua số 1"}     # the head's bloc too


def test_an_issuer_named_straight_after_the_award():
    for text, award in (("Hội Nhà báo tỉnh được tặng Cờ thi đua UBND tỉnh.", "Cờ thi đua Ủy ban nhân dân tỉnh Yên Bái"),
                        ("Công an tỉnh Yên Bái được tặng Bằng khen Bộ Công an.", "Bằng khen Bộ Công an"),
                        ("Hội nghị suy tôn Hội Chữ thập đỏ tỉnh nhận Cờ thi đua Chính Phủ.", "Cờ thi đua Chính Phủ")):
        assert [f["award"] for f in facts(text, "tỉnh Yên Bái", None, "award")] == [award], text
    assert [f["award"] for f in facts("Ông Lê Văn An trao Bằng khen cho Sở Y tế.", "tỉnh Yên Bái", None, "award")] == ["Bằng khen"]


# -- the fourth set (scored once unseen, then read) ----------------------------------------
def test_a_procuracy_shared_over_provinces_with_titles_in_parentheses():
    text = ("Sáng 9/3/2024, Cụm thi đua số 6 tổ chức hội nghị. Cụm gồm VKSND các tỉnh: Lào Cai (đơn vị "
            "Cụm trưởng), Yên Bái (đơn vị Cụm phó), Hà Giang và Tuyên Quang.")
    assert _units(text, None) == ["Viện kiểm sát nhân dân tỉnh Lào Cai", "Viện kiểm sát nhân dân tỉnh Yên Bái",
                                  "Viện kiểm sát nhân dân tỉnh Hà Giang", "Viện kiểm sát nhân dân tỉnh Tuyên Quang"]


def test_a_bloc_numbered_without_so_and_colleges_named_after_people():
    text = ("Tại tỉnh Cà Mau, Khối thi đua 12 tổ chức hội nghị ngày 9/3/2019. Khối gồm: Trường Cao đẳng "
            "Lê Quý Đôn, Trường Cao đẳng Y tế Cà Mau.")
    assert [f["bloc"] for f in facts(text, ftype="event")] == ["Khối thi đua 12"]
    counted = "Ngày 14/11/2022, Cụm thi đua 06 tỉnh Tây Bắc tổ chức hội nghị."     # a count, not a number
    assert [f["bloc"] for f in facts(counted, ftype="event")] == ["Cụm thi đua 06 tỉnh Tây Bắc"]
    assert _units(text, "tỉnh Cà Mau") == ["Trường Cao đẳng Lê Quý Đôn", "Trường Cao đẳng Y tế Cà Mau"]


def test_television_broadcasters_as_members():
    text = ("Ngày 28/7/2023, Cụm thi đua số 11 tổ chức hội nghị. Cụm gồm 3 đơn vị: Truyền hình Công an "
            "nhân dân (Cụm trưởng), Truyền hình Quốc phòng Việt Nam, Đài Truyền hình Kỹ thuật số VTC.")
    assert _units(text, None) == ["Truyền hình Công an nhân dân", "Truyền hình Quốc phòng Việt Nam",
                                  "Đài Truyền hình Kỹ thuật số VTC"]


def test_the_recipient_after_cho_don_vi():
    text = "Hội nghị nhất trí đề nghị tặng cờ thi đua năm 2022 cho đơn vị Hội Nông dân huyện Cẩm Mỹ."
    assert [(f["recipient"], f["status"], f["year"]) for f in facts(text, "tỉnh Đồng Nai", None, "award")] == [
        ("Hội Nông dân huyện Cẩm Mỹ", "proposed", 2022)]
