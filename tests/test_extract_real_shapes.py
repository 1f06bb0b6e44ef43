"""Shapes found in real provincial portal articles outside the corpora (docs/holdout.md, "Real
articles, 2026-12-04"). Every sentence here is new, written in those shapes with other units,
places and people: the real articles themselves are not kept in the repository."""
from __future__ import annotations

from extract_helpers import facts, positions
from thidua.loaders.extract.blocs import find_mentions
from thidua.loaders.extract.sentences import split_sentences
from thidua.loaders.extract.tokens import tokenize
from thidua.loaders.extract.units import Context, province_at, units_in
from thidua.text import expand_abbreviations

OPENING = "Sáng 14/3/2024, Khối thi đua các cơ quan tổng hợp tỉnh tổ chức hội nghị ký kết giao ước thi đua. "


def bloc_names(text: str) -> list[str]:
    """The names of the bloc mentions the recogniser finds, in order."""
    ctx = Context(article_text=text)
    return [m.name for s in split_sentences(text) for m in find_mentions(s, ctx)]


def _unit_names(text: str, jurisdiction: str) -> list[str]:
    """Every unit the recogniser finds in one sentence."""
    return [u.name for u in units_in(tokenize(text), Context(jurisdiction=jurisdiction, article_text=text), text)]


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


# -- the tenth session: classes of the first four sets, on new sentences -------------------
def test_a_sentence_wrapped_by_hand_is_read_as_one():
    text = ("Sáng 12/1/2024, Cụm thi đua số 3 tổ chức hội\n"
            "nghị tổng kết. Dự hội nghị có Ban Thường trực Ủy\n"
            "ban MTTQ Việt Nam huyện Phú Hòa - Cụm trưởng cụm thi đua số 3 năm 2023.")
    assert [f["date"] for f in facts(text, "tỉnh Phú Yên", None, "event")] == ["2024-01-12"]
    assert [f["unit"] for f in facts(text, "tỉnh Phú Yên", None, "head")] == [
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện Phú Hòa"]


def test_an_article_wrapped_throughout_goes_on_over_a_capital():
    text = ("Sáng 12/1/2024, Cụm thi đua số 3 tổ chức hội\n"
            "nghị tổng kết công tác Mặt trận năm 2023. Tham dự có lãnh đạo Ủy\n"
            "ban MTTQ các huyện, Ủy\n"
            "ban MTTQ các huyện. Hội nghị đề nghị tặng Bằng khen cho Ủy ban MTTQ\n"
            "Việt Nam huyện Đồng Xuân.")
    assert [f["recipient"] for f in facts(text, "tỉnh Phú Yên", None, "award")] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Đồng Xuân"]
    captions = "Cụm thi đua số 3 tổ chức hội nghị\nÔng Lê Văn Hải phát biểu"     # not wrapped: two lines
    assert len(split_sentences(captions)) == 2


def test_titles_filled_for_the_year_stated_before_the_units():
    text = ("Ngày 10/1/2023, Cụm thi đua số 4 tổng kết công tác thi đua năm 2022. Hội nghị thống nhất "
            "bầu chọn cụm trưởng và cụm phó cụm thi đua số 4 năm 2023 là Hội Nông dân huyện Tuy An "
            "(Cụm trưởng) và Hội Nông dân huyện Sơn Hòa (Cụm phó).")
    assert [(f["unit"], f["role"], f["year"]) for f in facts(text, "tỉnh Phú Yên", None, "head")] == [
        ("Hội Nông dân huyện Tuy An", "head", 2023), ("Hội Nông dân huyện Sơn Hòa", "deputy", 2023)]


def test_award_recipients_sharing_a_head_over_districts():
    text = ("Ngày 10/1/2023, Cụm thi đua số 4 tổng kết công tác thi đua năm 2022. Cụm đề nghị tặng Bằng "
            "khen cho 02 đơn vị Hội Nông dân các huyện: Tuy An, Sơn Hòa.")
    assert [(f["recipient"], f["status"]) for f in facts(text, "tỉnh Phú Yên", None, "award")] == [
        ("Hội Nông dân huyện Tuy An", "proposed"), ("Hội Nông dân huyện Sơn Hòa", "proposed")]


def test_an_event_the_article_does_not_date():
    text = ("Mới đây, Cụm thi đua số 7 gồm Sở Tư pháp các tỉnh: Gia Lai, Kon Tum và Đắk Nông đã tổ chức "
            "Hội nghị tổng kết công tác thi đua năm 2023.")
    assert facts(text, None, None, "event") == [{"bloc": "Cụm thi đua số 7", "date": None}]
    loose = "Các đơn vị trong Cụm thi đua số 7 đã tổ chức tốt các phong trào thi đua."
    assert facts(loose, None, None, "event") == []


def test_the_date_opens_the_sentence_before_the_blocs():
    text = ("Ngày 8/10/2015, tại Trường THPT Lê Lợi, dưới sự chứng kiến của lãnh đạo Sở Giáo dục. "
            "Khối thi đua số 5 gồm 6 trường đã ký kết giao ước thi đua năm học 2015 - 2016.")
    assert facts(text, "tỉnh Phú Yên", None, "event") == [{"bloc": "Khối thi đua số 5", "date": "2015-10-08"}]
    dateline = "Thứ hai, 9/10/2015 - 08:00\nSáng 8/10/2015, Khối thi đua số 5 tổ chức hội nghị."
    assert facts(dateline, "tỉnh Phú Yên", None, "event") == [{"bloc": "Khối thi đua số 5", "date": "2015-10-08"}]


def test_a_list_after_gom_and_a_colon_sharing_a_head():
    text = ("Sáng 9/3/2024, Cụm thi đua số 8 gồm: Công an các tỉnh: Gia Lai (đơn vị Cụm trưởng), "
            "Kon Tum (đơn vị Cụm phó) và Đắk Nông đã tổ chức hội nghị.")
    assert _units(text, None) == ["Công an tỉnh Gia Lai", "Công an tỉnh Kon Tum", "Công an tỉnh Đắk Nông"]


def test_a_review_called_danh_gia_names_the_year_reviewed():
    text = "Chiều 24/11, Khối thi đua Kinh tế tổ chức đánh giá công tác thi đua năm 2019 và triển khai nhiệm vụ 2020."
    assert facts(text, "tỉnh Phú Yên", None, "event") == [{"bloc": "Khối thi đua Kinh tế", "date": "2019-11-24"}]


def test_a_counted_list_after_a_colon_and_a_unit_assigned_as_head():
    text = ("Sáng 5/10/2019, Khối thi đua 8 ký kết giao ước thi đua năm học 2019 - 2020. "
            "Khối thi đua 8 có 3 trường cao đẳng trên địa bàn tỉnh: Trường Cao đẳng Phú Yên; "
            "Trường Cao đẳng Y tế Phú Yên; Trường Cao đẳng Nghề Phú Yên. Trong đó, Trường Cao đẳng Phú Yên "
            "được phân công làm khối trưởng.")
    assert _units(text) == ["Trường Cao đẳng Phú Yên", "Trường Cao đẳng Y tế Phú Yên", "Trường Cao đẳng Nghề Phú Yên"]
    heads = facts(text, "tỉnh Phú Yên", None, "head")
    assert [(f["unit"], f["role"]) for f in heads] == [("Trường Cao đẳng Phú Yên", "head")]
    assert heads[0]["year"] in (2019, 2020)      # the school year 2019 - 2020


def test_abbreviated_cooperative_alliance_and_continuing_education_centre():
    text = ("Ngày 10/1/2022, Khối thi đua các Hội đặc thù tổ chức Hội nghị tổng kết năm 2021. Đồng chí Lê Văn "
            "Bình, Chủ tịch Liên minh HTX tỉnh - Đơn vị Trưởng Khối thi đua năm 2021 chủ trì Hội nghị.")
    assert [(f["unit"], f["year"]) for f in facts(text, "tỉnh Hòa Bình", None, "head")] == [
        ("Liên minh Hợp tác xã tỉnh Hòa Bình", 2021)]
    centre = "Ngày 5/10/2014, Khối thi đua số 2 tổ chức hội nghị. Khối gồm TTGDTX Tân Lạc và TTGDTX Đà Bắc."
    assert _units(centre, "tỉnh Hòa Bình") == ["Trung tâm Giáo dục thường xuyên Tân Lạc",
                                              "Trung tâm Giáo dục thường xuyên Đà Bắc"]


def test_awards_after_a_vote_stay_proposed_past_a_semicolon():
    text = ("Ngày 10/1/2022, Khối thi đua các Hội đặc thù tổng kết công tác năm 2021. Các đơn vị đã bỏ phiếu "
            "suy tôn Hội Làm vườn nhận Cờ thi đua UBND tỉnh; Hội Đông y và Hội Người mù nhận Bằng khen của UBND tỉnh.")
    assert [(f["recipient"], f["status"], f["year"]) for f in facts(text, "tỉnh Hòa Bình", None, "award")] == [
        ("Hội Làm vườn", "proposed", 2021), ("Hội Đông y", "proposed", 2021), ("Hội Người mù", "proposed", 2021)]
    handed = "Ngày 10/1/2022, Chủ tịch UBND tỉnh trao Cờ thi đua cho Sở Y tế; Sở Nội vụ nhận Bằng khen."
    assert {f["status"] for f in facts(handed, "tỉnh Hòa Bình", None, "award")} == {"conferred"}


def test_a_head_agreed_at_the_review_holds_the_new_year():
    text = ("Ngày 10/1/2022, Khối thi đua các Hội đặc thù tổng kết công tác năm 2021. Hội nghị đã thống nhất "
            "Hội Làm vườn là đơn vị Trưởng khối, Hội Đông y tỉnh là Phó Khối năm 2022.")
    assert [(f["unit"], f["role"], f["year"]) for f in facts(text, "tỉnh Hòa Bình", None, "head")] == [
        ("Hội Làm vườn", "head", 2022), ("Hội Đông y tỉnh Hòa Bình", "deputy", 2022)]


def test_the_flag_of_the_title_handed_to_next_years_head():
    text = ("Ngày 20/9/2023, Cụm thi đua số 2 tổ chức hội nghị. Lãnh đạo Công an tỉnh Hà Giang trao cờ Cụm "
            "trưởng Cụm thi đua số 2 năm 2024 cho lãnh đạo Công an tỉnh Tuyên Quang.")
    assert sorted((f["unit"], f["year"]) for f in facts(text, None, None, "head")) == [
        ("Công an tỉnh Hà Giang", 2023), ("Công an tỉnh Tuyên Quang", 2024)]


def test_the_bloc_role_written_before_the_name():
    text = ("Chiều 25/11/2016, Khối thi đua Kinh tế tỉnh tổng kết công tác thi đua năm 2016. Đồng chí Khối trưởng "
            "Lê Thị Hoa, Ủy viên BCH Đảng bộ tỉnh, Giám đốc Sở Tài chính chủ trì hội nghị.")
    assert positions(text, "tỉnh Hà Tĩnh") == [
        ("Lê Thị Hoa", "Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Tỉnh ủy Hà Tĩnh"),
        ("Lê Thị Hoa", "Giám đốc", "Sở Tài chính")]
    assert [(f["unit"], f["year"]) for f in facts(text, "tỉnh Hà Tĩnh", None, "head")] == [("Sở Tài chính", 2016)]


def test_places_listed_bare_are_the_provinces_districts():
    text = ("Chiều 14/4/2022, Cụm thi đua số 2, bao gồm các địa phương: Đơn Dương, Lâm Hà, Lạc Dương và "
            "Đam Rông đã tổ chức lễ ký kết giao ước thi đua năm 2022.")
    assert _units(text, "tỉnh Lâm Đồng") == ["huyện Đơn Dương", "huyện Lâm Hà", "huyện Lạc Dương", "huyện Đam Rông"]
    assert _units(text, "tỉnh Phú Yên") == []        # not districts of that province: no guess


def test_a_district_that_reads_like_a_persons_name_ends_a_unit():
    text = "Ngày 5/10/2014, Khối thi đua số 2 tổ chức hội nghị. Khối gồm TTGDTX Lạc Sơn và TTGDTX Kim Bôi."
    assert _units(text, "tỉnh Hòa Bình") == ["Trung tâm Giáo dục thường xuyên Lạc Sơn",
                                              "Trung tâm Giáo dục thường xuyên Kim Bôi"]


def test_a_unit_head_written_in_lower_case_after_a_separator_or_an_election():
    text = ("Ngày 15/10/2013, Khối thi đua số 3 ký kết giao ước thi đua năm học 2013 - 2014. Các thành viên "
            "đã bầu trung tâm GDTX Châu Thành làm trưởng khối.")
    assert [(f["unit"], f["role"]) for f in facts(text, "tỉnh Bến Tre", None, "head")] == [
        ("Trung tâm Giáo dục thường xuyên Châu Thành", "head")]
    plain = "Hội nghị tại văn phòng Sở Y tế ở trung tâm Thành phố, gồm sở Nội vụ và thị trường Châu Á."
    assert _unit_names(plain, "tỉnh Bến Tre") == ["Sở Y tế", "Sở Nội vụ"]


def test_ub_for_uy_ban():
    text = ("Chiều 11/12/2023, Khối thi đua 18 tổ chức Hội nghị tổng kết. Dự có đ/c Lê Văn Hai - Phó Chủ tịch "
            "UB.MTTQ Việt Nam Thành phố.")
    assert positions(text, "thành phố Hồ Chí Minh") == [
        ("Lê Văn Hai", "Phó Chủ tịch", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hồ Chí Minh")]


# -- the fifth set, read after its second scoring -----------------------------------------
def test_a_bloc_abbreviated_vh_xh_is_the_same_bloc():
    text = ("Ngày 12/1/2024, Khối thi đua Văn hóa - Xã hội tổ chức Hội nghị tổng kết năm 2023. Các đơn vị trong "
            "Khối thi đua VH-XH đã thống nhất bầu Sở Y tế làm Khối trưởng năm 2024.")
    assert {f["bloc"] for f in facts(text, "tỉnh Bình Định")} == {"Khối thi đua Văn hóa - Xã hội"}


def test_a_cluster_number_joined_to_its_ministry_by_a_dash():
    text = "Ngày 6/12/2023, Cụm Thi đua số V-Bộ Tư pháp tổ chức hội nghị tổng kết công tác năm 2023."
    assert [f["bloc"] for f in facts(text, None, None, "event")] == ["Cụm Thi đua số V - Bộ Tư pháp"]


def test_a_sector_with_a_comma_in_its_name_stays_in_the_bloc_name():
    text = ("Ngày 10/11/2023, Hội nghị tổng kết năm 2023 của Cụm thi đua 06 tỉnh Tây Nguyên ngành Văn hóa, "
            "Thể thao và Du lịch được tổ chức tại Gia Lai.")
    assert [f["bloc"] for f in facts(text, None, None, "event")] == [
        "Cụm thi đua 06 tỉnh Tây Nguyên ngành Văn hóa, Thể thao và Du lịch"]


def test_a_united_cluster_is_no_bloc_name():
    text = ("Ngày 10/11/2023, Cụm thi đua số 3 tổ chức hội nghị tổng kết. Các đơn vị góp phần xây dựng Cụm thi đua "
            "đoàn kết, vững mạnh.")
    assert {f["bloc"] for f in facts(text, None, None, "event")} == {"Cụm thi đua số 3"}
    assert bloc_names(text) == ["Cụm thi đua số 3"]


def test_awards_listed_after_one_proposal_stay_proposed():
    text = ("Ngày 12/1/2024, Khối thi đua Kinh tế tổng kết công tác năm 2023. Khối đã thống nhất đề nghị Cờ thi đua "
            "của Chính phủ cho Sở Xây dựng; Bằng khen của UBND tỉnh cho Sở Công Thương, Sở Tài chính.")
    assert [(f["recipient"], f["status"], f["year"]) for f in facts(text, "tỉnh Bình Định", None, "award")] == [
        ("Sở Xây dựng", "proposed", 2023), ("Sở Công Thương", "proposed", 2023), ("Sở Tài chính", "proposed", 2023)]


def test_the_unit_a_title_names_after_it():
    text = ("Ngày 6/12/2019, tại TP Đồng Hới, Cụm trưởng - Sở Tư pháp Quảng Bình chủ trì hội nghị tổng kết "
            "năm 2019 của Cụm thi đua số 4. Tại Hội nghị, Sở Tư pháp Quảng Bình đã chuyển giao vai trò cụm trưởng "
            "cho Sở Tư pháp Quảng Trị, cụm phó là Sở Tư pháp Nghệ An.")
    assert [(f["unit"], f["role"], f["year"]) for f in facts(text, None, None, "head")] == [
        ("Sở Tư pháp Quảng Bình", "head", 2019), ("Sở Tư pháp Quảng Trị", "head", 2020),
        ("Sở Tư pháp Nghệ An", "deputy", 2020)]


def test_bare_places_after_a_unit_named_for_a_place_share_its_head():
    text = ("Ngày 6/12/2019, Cụm thi đua số 4 tổng kết năm 2019. Cụm gồm Huyện ủy Ea Kar, Krông Pắc, M'Đrắk và "
            "Thị ủy Buôn Hồ.")
    assert _units(text, "tỉnh Đắk Lắk") == ["Huyện ủy Ea Kar", "Huyện ủy Krông Pắc", "Huyện ủy M'Đrắk",
                                           "Thị ủy Buôn Hồ"]
    awards = ("Ngày 6/12/2019, Cụm thi đua số 4 tổng kết năm 2019. Hội nghị đề nghị Bộ Tư pháp tặng bằng khen cho "
              "các Sở Tư pháp Quảng Bình, Quảng Trị và Hà Tĩnh vì thành tích xuất sắc.")
    assert [f["recipient"] for f in facts(awards, None, None, "award")] == [
        "Sở Tư pháp Quảng Bình", "Sở Tư pháp Quảng Trị", "Sở Tư pháp Hà Tĩnh"]
    not_places = "Ngày 6/12/2019, Cụm thi đua số 4 tổng kết. Cụm gồm Sở Tư pháp Quảng Bình, Trần Văn Nam dự."
    assert _units(not_places, None) == ["Sở Tư pháp Quảng Bình"]


def test_a_city_written_with_its_level_inside_a_list_of_cities():
    text = ("ANTĐ - Ngày 8-11-2015, Cụm thi đua số 1 gồm Công an 5 thành phố: Hà Nội, TP.HCM, Hải Phòng, Đà Nẵng "
            "và Cần Thơ đã tổ chức hội nghị.")
    assert _units(text, None) == ["Công an thành phố Hà Nội", "Công an thành phố Hồ Chí Minh",
                                  "Công an thành phố Hải Phòng", "Công an thành phố Đà Nẵng",
                                  "Công an thành phố Cần Thơ"]


def test_bare_districts_after_gom_and_a_city_with_its_level():
    text = ("Ngày 18/1/2014, Cụm thi đua các huyện biên giới gồm: Tràng Định, Văn Lãng, Cao Lộc và thành phố "
            "Lạng Sơn đã tổ chức hội nghị tổng kết.")
    assert _units(text, "tỉnh Lạng Sơn") == ["huyện Tràng Định", "huyện Văn Lãng", "huyện Cao Lộc",
                                            "thành phố Lạng Sơn"]


def test_members_in_parentheses_after_the_blocs_name_with_lower_case_heads():
    text = ("Ngày 20/10/2016, 03 trường trong khối thi đua các trường cao đẳng (trường CĐYT Hậu Giang; trường "
            "CĐ Cộng đồng Hậu Giang; trường ĐH Võ Trường Toản) đã ký kết giao ước thi đua.")
    assert _units(text, "tỉnh Hậu Giang") == ["Trường Cao đẳng Y tế Hậu Giang", "Trường Cao đẳng Cộng đồng Hậu Giang",
                                             "Trường Đại học Võ Trường Toản"]


# -- the sixth and seventh sets (scored once unseen, then read) -----------------------------
def test_a_bloc_named_without_thi_dua():
    text = ("BTNO - Sáng 26/2/2022, Sở Xây dựng, đơn vị làm Khối trưởng Khối Nội chính năm 2022 tổ chức lễ ký kết "
            "giao ước thi đua. Khối Nội chính tỉnh gồm 3 đơn vị: Sở Tư pháp, Thanh tra tỉnh, Sở Nội vụ.")
    # the head is a member too ("Sở Xây dựng, đơn vị làm Khối trưởng …")
    assert _units(text, "tỉnh Bình Phước") == ["Sở Xây dựng", "Sở Tư pháp", "Thanh tra tỉnh Bình Phước", "Sở Nội vụ"]
    assert {f["bloc"] for f in facts(text, "tỉnh Bình Phước")} == {"Khối Nội chính tỉnh Bình Phước"}
    assert bloc_names("Văn phòng Huyện ủy dẫn đầu phong trào thi đua Khối 02 huyện Nam Trà My năm 2023.") == [
        "Khối 02 huyện Nam Trà My"]


def test_words_after_khoi_or_cum_that_name_no_bloc():
    for text in ("Doanh nghiệp trong Cụm Công nghiệp Tân Mỹ ký kết giao ước thi đua.",
                 "Khối trưởng phát biểu tại hội nghị thi đua.",
                 "Ngày 5/3/2018, Cụm thi đua số 2 (Khối Văn hóa - Thông tin) ký kết giao ước thi đua."):
        assert "Cụm Công nghiệp Tân Mỹ" not in bloc_names(text) and "Khối trưởng" not in bloc_names(text)
        assert not any(n.startswith("Khối Văn hóa") for n in bloc_names(text)), text


def test_a_title_before_a_unit_is_not_part_of_its_name():
    text = ("Ngày 5/1/2024, Cụm thi đua số 7 tổng kết năm 2023. Dự có đồng chí Lê Văn Hòa, Viện trưởng VKSND tỉnh "
            "Bình Định – đơn vị Cụm trưởng; đồng chí Trần Thị Lan, Phó Viện trưởng VKSND tỉnh Phú Yên – đơn vị Cụm phó.")
    assert [(f["unit"], f["role"]) for f in facts(text, None, None, "head")] == [
        ("Viện kiểm sát nhân dân tỉnh Bình Định", "head"), ("Viện kiểm sát nhân dân tỉnh Phú Yên", "deputy")]


def test_one_head_over_the_units_of_a_list():
    text = ("Ngày 5/1/2022, Cụm thi đua số 2 tổng kết năm 2021. Dự có 04 đơn vị thành viên trong Cụm gồm Thanh tra "
            "các đơn vị: Sở Xây dựng, Sở Công Thương, Ban Dân tộc.")
    assert _units(text, "tỉnh Cao Bằng") == ["Thanh tra Sở Xây dựng", "Thanh tra Sở Công Thương", "Thanh tra Ban Dân tộc"]


def test_the_fatherland_front_bloc_and_an_acronym_defined_inside_a_members_name():
    text = ("Mới đây, Khối thi đua Mặt trận Tổ quốc, các tổ chức chính trị - xã hội tỉnh Bình Phước tổ chức hội nghị "
            "tổng kết năm 2020 và bàn giao nhiệm vụ khối trưởng năm 2021. Khối gồm các thành viên: Hội Nông dân "
            "(HND) tỉnh, Tỉnh đoàn, Mặt trận Tổ quốc tỉnh và Liên đoàn Lao động tỉnh, do Hội Nông dân tỉnh làm "
            "khối trưởng.")
    assert {f["bloc"] for f in facts(text, "tỉnh Bình Phước")} == {
        "Khối thi đua Mặt trận Tổ quốc, các tổ chức chính trị - xã hội tỉnh Bình Phước"}
    assert _units(text, "tỉnh Bình Phước") == ["Hội Nông dân tỉnh Bình Phước", "Tỉnh đoàn",
                                              "Mặt trận Tổ quốc tỉnh Bình Phước", "Liên đoàn Lao động tỉnh Bình Phước"]
    assert all(f["unit"] != "tỉnh Bình Phước" for f in facts(text, "tỉnh Bình Phước", None, "head"))


def test_the_units_of_a_bloc_in_parentheses_after_its_name():
    text = ("Chiều 12/1/2024, Khối thi đua 3 tổng kết năm 2023. Dự có lãnh đạo các đơn vị thuộc Khối thi đua 3 "
            "(Công ty TNHH Cơ khí Tân Định, Tổng Công ty Bến Thành, Công ty CP Xây dựng số 2).")
    assert _units(text, "thành phố Hồ Chí Minh") == ["Công ty TNHH Cơ khí Tân Định", "Tổng Công ty Bến Thành",
                                                     "Công ty CP Xây dựng số 2"]


def test_the_party_committees_of_agency_blocs_are_units_not_blocs():
    text = ("Ngày 13/11/2016, Khối thi đua các cơ quan Đảng tổng kết năm 2016. Khối gồm: Đảng ủy Khối các cơ quan "
            "tỉnh, Đảng ủy Khối Doanh nghiệp, Trường Chính trị tỉnh.")
    assert _units(text, "tỉnh Nghệ An") == ["Đảng ủy Khối các cơ quan tỉnh Nghệ An", "Đảng ủy Khối Doanh nghiệp",
                                           "Trường Chính trị tỉnh Nghệ An"]
    assert {f["bloc"] for f in facts(text, "tỉnh Nghệ An")} == {"Khối thi đua các cơ quan Đảng"}


def test_tp_ends_a_sentence_when_no_city_follows():
    text = "Khối đề nghị cờ cho Bộ Tư lệnh TP và Thanh tra TP. Hai đơn vị Sở Tư pháp xin rút. Hội nghị tại TP. Vinh."
    assert [s.text for s in split_sentences(text)] == [
        "Khối đề nghị cờ cho Bộ Tư lệnh TP và Thanh tra TP.", "Hai đơn vị Sở Tư pháp xin rút.", "Hội nghị tại TP. Vinh."]


def test_a_verb_after_a_bloc_name_ends_it():
    for verb in ("nhấn mạnh", "đỡ đầu", "khẳng định"):
        assert bloc_names(f"Khối thi đua các sở, ngành kinh tế {verb} vai trò của thi đua.") == [
            "Khối thi đua các sở, ngành kinh tế"], verb


def test_places_sharing_a_level_end_at_a_unit_written_in_full():
    text = ("Ngày 5/1/2016, Cụm thi đua số 2 tổng kết năm 2015. UBND tỉnh tặng Cờ thi đua cho huyện Tuy An và "
            "UBND huyện Đồng Xuân.")
    assert [f["recipient"] for f in facts(text, "tỉnh Phú Yên", None, "award")] == [
        "huyện Tuy An", "Ủy ban nhân dân huyện Đồng Xuân"]
    assert "(CCB)" in expand_abbreviations("Hội Cựu chiến binh (CCB) tỉnh") and \
        expand_abbreviations("(UBND huyện Tuy An)") == "(Ủy ban nhân dân huyện Tuy An)"


# -- the eighth set (scored once unseen, then read) ----------------------------------------
def test_a_unit_head_whose_later_words_are_written_in_lower_case():
    text = ("Ngày 10/1/2019, Cụm thi đua Tây Nam sông Hậu tổng kết năm 2018. Ông Lê Văn Ba - Chủ tịch Liên minh "
            "hợp tác xã tỉnh Sóc Trăng – Cụm trưởng Cụm thi đua Tây Nam sông Hậu chủ trì.")
    assert positions(text) == [("Lê Văn Ba", "Chủ tịch", "Liên minh hợp tác xã tỉnh Sóc Trăng")]
    assert [f["unit"] for f in facts(text, None, None, "head")] == ["Liên minh hợp tác xã tỉnh Sóc Trăng"]


def test_the_head_and_level_said_before_gom():
    text = ("Ngày 27/11/2021, Cụm thi đua số 3 tổng kết năm 2021. Dự có lãnh đạo Công an 4 tỉnh trong Cụm Thi đua "
            "gồm: Lào Cai, Yên Bái, Hà Giang, Tuyên Quang.")
    assert _units(text, None) == ["Công an tỉnh Lào Cai", "Công an tỉnh Yên Bái", "Công an tỉnh Hà Giang",
                                  "Công an tỉnh Tuyên Quang"]
    agency = ("Ngày 14/11/2022, Cụm thi đua số 7 tổng kết năm 2022. Dự có lãnh đạo Sở Văn hoá, Thể thao và Du lịch "
              "các tỉnh trong Cụm thi đua gồm: Sơn La, Điện Biên.")
    assert _units(agency, None) == ["Sở Văn hóa, Thể thao và Du lịch tỉnh Sơn La",
                                    "Sở Văn hóa, Thể thao và Du lịch tỉnh Điện Biên"]


def test_pt_th_for_broadcasting():
    text = "Ngày 26/3/2011, Cụm thi đua số 2 ký kết giao ước thi đua, do Đài PT - TH tỉnh Lào Cai làm cụm trưởng."
    assert [f["unit"] for f in facts(text, None, None, "head")] == ["Đài Phát thanh - Truyền hình tỉnh Lào Cai"]


def test_a_region_after_the_shared_level():
    text = ("Ngày 26/3/2011, Cụm thi đua số 2 Đài PT - TH các tỉnh trung du miền núi phía Bắc gồm: Bắc Giang, "
            "Quảng Ninh và Bắc Kạn đã ký kết giao ước thi đua.")
    assert _units(text, None) == ["Đài Phát thanh - Truyền hình tỉnh Bắc Giang",
                                  "Đài Phát thanh - Truyền hình tỉnh Quảng Ninh",
                                  "Đài Phát thanh - Truyền hình tỉnh Bắc Kạn"]


# -- the tenth and eleventh sets (scored once unseen, then read) ---------------------------
def test_a_title_before_a_leader_of_the_past_stays_in_the_unit_name():
    text = ("Ngày 3/8/2023, Khối thi đua các cơ quan văn hóa Trung ương sơ kết 6 tháng. Khối gồm: Bộ Văn hóa, "
            "Thể thao và Du lịch, Bảo tàng Chủ tịch Hồ Chí Minh, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam.")
    assert "Bảo tàng Chủ tịch Hồ Chí Minh" in _units(text, None)
    assert _units(text, None)[-1] == "Thông tấn xã Việt Nam"


def test_a_bare_head_word_in_a_member_list_is_a_unit():
    text = ("Ngày 20/12/2023, Khối thi đua số II (Khối các vụ nghiệp vụ) gồm có: Vụ Tổng hợp, Văn phòng, "
            "Vụ Pháp chế, Thanh tra, Vụ Tài vụ tổ chức hội nghị tổng kết năm 2023.")
    assert _units(text, None) == ["Vụ Tổng hợp", "Văn phòng", "Vụ Pháp chế", "Thanh tra", "Vụ Tài vụ"]


def test_a_small_number_ends_the_name_it_follows():
    text = ("Ngày 9/10/2025, Cụm thi đua số III tổng kết năm 2025. Cụm gồm: TAND khu vực 7, TAND khu vực 8 "
            "và Trung đoàn 726.")
    assert _units(text, None) == ["Tòa án nhân dân khu vực 7", "Tòa án nhân dân khu vực 8", "Trung đoàn 726"]
    assert _unit_names("Sở Nội vụ 2 năm liền dẫn đầu", None) == ["Sở Nội vụ"]


def test_a_covenant_bloc_and_organisations_as_a_noun_are_blocs():
    assert bloc_names("Sáng 4/3/2019, Khối giao ước thi đua các sở, ngành nội chính tiến hành ký kết.") == [
        "Khối giao ước thi đua các sở, ngành nội chính"]
    assert bloc_names("Khối thi đua tổ chức chính trị - xã hội, xã hội nghề nghiệp ký giao ước.") == [
        "Khối thi đua tổ chức chính trị - xã hội, xã hội nghề nghiệp"]
    assert bloc_names("Khối thi đua tổ chức hội nghị tổng kết.") == []


def test_a_bloc_named_by_the_kinds_of_its_members():
    text = ("Chiều 12/4/2023, hội nghị Cụm các trường Trung cấp, Cao đẳng trên địa bàn tỉnh có các đơn vị thành "
            "viên: Trường Cao đẳng Nông Lâm Tây Bắc, Trường Trung cấp Y tế – Phân hiệu Sơn La.")
    assert bloc_names(text) == ["Cụm các trường Trung cấp, Cao đẳng trên địa bàn tỉnh"]
    assert _units(text, "tỉnh Sơn La") == ["Trường Cao đẳng Nông Lâm Tây Bắc", "Trường Trung cấp Y tế - Phân hiệu Sơn La"]


def test_a_province_misspelt_inside_a_longer_name_is_no_province():
    assert _unit_names("Trường Cao đẳng Nông Lâm Đông Bắc", None) == ["Trường Cao đẳng Nông Lâm Đông Bắc"]
    assert province_at(tokenize("Sở Tư pháp Lâm Đông"), 3) == (5, "tỉnh Lâm Đồng")


def test_titles_assigned_to_the_units_after_cho():
    text = ("Cụm thi đua số 4 thuộc Bộ Giáo dục và Đào tạo tổng kết năm học 2022-2023. Bộ Giáo dục và Đào tạo "
            "đã giao nhiệm vụ Cụm trưởng, Cụm thi đua số 4 năm học 2023-2024 cho Đại học Vinh, Cụm phó cho "
            "Đại học Quy Nhơn.")
    heads = [(f["unit"], f["role"]) for f in facts(text, None, None, "head")]
    assert heads == [("Đại học Vinh", "head"), ("Đại học Quy Nhơn", "deputy")]


def test_the_standing_unit_of_a_bloc_is_its_head():
    text = ("Ngày 15/1/2020, Khối thi đua Nội chính tỉnh tổng kết năm 2019. Đồng chí Hà Văn Minh - Viện trưởng Viện "
            "kiểm sát nhân dân tỉnh - Thường trực Khối thi đua Nội chính năm 2019 trao Cờ của Ủy ban nhân dân "
            "tỉnh suy tôn Thường trực Khối thi đua Nội chính năm 2020 cho đồng chí Lò Thị Hoa - Giám đốc Sở Tư pháp.")
    heads = sorted((f["unit"], f["year"]) for f in facts(text, "tỉnh Lai Châu", None, "head"))
    assert heads == [("Sở Tư pháp", 2020), ("Viện kiểm sát nhân dân tỉnh Lai Châu", 2019)]
    assert facts("Ông Lê Văn An, Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh dự hội nghị.", ftype="head") == []


def test_an_ampersand_inside_a_unit_name():
    # registered with "và", as the register writes it
    assert _unit_names("Sở Văn hóa Thể thao & Du lịch tỉnh", None) == ["Sở Văn hóa Thể thao và Du lịch tỉnh"]


def test_counted_member_places_before_gom_and_a_change_of_level():
    text = ("Ngày 20/12/2025, Cụm thi đua số 6 tổng kết năm 2025. Dự có lãnh đạo 4 phường thành viên trong cụm, "
            "gồm: An Lạc, Bình Trị Đông, Tân Tạo và Bình Hưng Hòa.")
    assert _units(text, None) == ["phường An Lạc", "phường Bình Trị Đông", "phường Tân Tạo", "phường Bình Hưng Hòa"]
    levels = ("Ngày 5/1/2024, Cụm thi đua số 3 gồm VKSND các huyện Tây Hòa, Phú Hòa và thị xã Đông Hòa tổng kết "
              "năm 2023.")
    assert _units(levels, "tỉnh Phú Yên") == ["Viện kiểm sát nhân dân huyện Tây Hòa", "Viện kiểm sát nhân dân huyện Phú Hòa",
                                             "Viện kiểm sát nhân dân thị xã Đông Hòa"]


def test_an_award_takes_the_year_of_results_the_sentence_opens_with():
    text = ("Ngày 6/1/2024, Cụm thi đua số 3 tổng kết năm 2023. Kết quả năm 2023, đơn vị Viện kiểm sát nhân dân "
            "huyện Tây Hòa được Viện kiểm sát nhân dân tối cao tặng Cờ thi đua.")
    assert [(f["recipient"], f["year"]) for f in facts(text, "tỉnh Phú Yên", None, "award")] == [
        ("Viện kiểm sát nhân dân huyện Tây Hòa", 2023)]


def test_a_numbered_commune_and_the_title_of_its_police_chief():
    text = ("Ngày 8/1/2026, Cụm thi đua số 4 ký kết giao ước năm 2026. Hội nghị do đồng chí Thiếu tá Lê Văn Hùng – "
            "Trưởng Công an xã Đức Trọng 2 (Cụm trưởng) chủ trì.")
    assert positions(text, "tỉnh Lâm Đồng") == [("Lê Văn Hùng", "Trưởng Công an", "Công an xã Đức Trọng 2")]
    assert [f["unit"] for f in facts(text, "tỉnh Lâm Đồng", None, "head")] == ["Công an xã Đức Trọng 2"]


# -- the ninth set, read ------------------------------------------------------------------
def test_dc_introduces_a_person():
    text = "Đ/c Lương Văn Tâm - Phó Trưởng Ban Quản lý Khu kinh tế điều hành hội nghị."
    assert positions(text) == [("Lương Văn Tâm", "Phó Trưởng ban", "Ban Quản lý Khu kinh tế")]


def test_a_school_list_that_leaves_out_the_shared_first_word():
    text = ("Ngày 20-5, Cụm thi đua số 2 gồm: Trường THPT Nguyễn Trãi, THPT Lê Lợi, THPT Trường Chinh và THPT "
            "Phan Chu Trinh tổ chức hội nghị tổng kết năm học 2022-2023.")
    assert _units(text, "tỉnh Khánh Hòa") == [
        "Trường Trung học phổ thông Nguyễn Trãi", "Trường Trung học phổ thông Lê Lợi",
        "Trường Trung học phổ thông Trường Chinh", "Trường Trung học phổ thông Phan Chu Trinh"]


def test_the_head_after_a_role_phrase_that_opens_the_clause():
    text = ("Ngày 12/12/2019, Khối thi đua Kinh tế tỉnh tổng kết năm 2019. Với vai trò Khối trưởng Khối thi đua "
            "Kinh tế năm 2019, Sở Công Thương đã chủ trì hội nghị.")
    assert [(f["unit"], f["year"]) for f in facts(text, "tỉnh Hà Nam", None, "head")] == [("Sở Công Thương", 2019)]


def test_attendees_under_a_count_of_places_are_members_only_when_the_count_matches():
    opening = "Ngày 12/7/2023, tại Công an tỉnh Sơn La, Cụm thi đua số 3 - Bộ Công an sơ kết 6 tháng. "
    text = opening + "Tham dự có lãnh đạo Công an 3 tỉnh Sơn La, Điện Biên, Lai Châu và các đơn vị có liên quan."
    assert _units(text, None) == ["Công an tỉnh Sơn La", "Công an tỉnh Điện Biên", "Công an tỉnh Lai Châu"]
    short = opening + "Tham dự có lãnh đạo Công an 4 tỉnh Sơn La, Điện Biên và các đơn vị có liên quan."
    assert _units(short, None) == []


# -- the seventh set, read again ------------------------------------------------------------
def test_unit_before_the_verb_of_its_title():
    text = "Sáng 2/3/2022, Sở Y tế, đơn vị làm Khối trưởng Khối Văn hóa - Xã hội năm 2022 tổ chức lễ ký kết."
    assert [(f["unit"], f["year"]) for f in facts(text, "tỉnh Bình Phước", None, "head")] == [("Sở Y tế", 2022)]


def test_a_title_in_parentheses_after_a_place_in_a_shared_list():
    text = ("Ngày 9/12/2024, Cụm thi đua số 3 gồm Sở Tư pháp các tỉnh: Hòa Bình (Cụm trưởng), Sơn La, Lai Châu và "
            "Điện Biên tổng kết năm 2024.")
    assert [(f["unit"], f["role"]) for f in facts(text, None, None, "head")] == [("Sở Tư pháp tỉnh Hòa Bình", "head")]


def test_officials_beside_the_head_represent_peer_units_of_its_level():
    text = ("Ngày 6/12/2023, Cụm thi đua số 5 tổng kết năm 2023. Tham dự có đồng chí Lê Văn An, Viện trưởng VKSND "
            "tỉnh Bình Định – đơn vị Cụm trưởng; đồng chí Trần Văn Bình, Phó Viện trưởng VKSND tỉnh Phú Yên; đồng "
            "chí Ngô Thị Cúc, Phó Chủ tịch UBND huyện Tây Sơn.")
    assert _units(text, None) == ["Viện kiểm sát nhân dân tỉnh Bình Định", "Viện kiểm sát nhân dân tỉnh Phú Yên"]
    superior = ("Ngày 6/12/2023, Cụm thi đua số 2 tổng kết năm 2023. Dự có bà Lê Thị Hoa - Phó Chủ tịch LĐLĐ tỉnh; "
                "ông Phạm Văn Tú - Chủ tịch LĐLĐ huyện Như Xuân, đơn vị Cụm trưởng năm 2023.")
    assert _units(superior, "tỉnh Thanh Hóa") == ["Liên đoàn Lao động huyện Như Xuân"]


def test_the_unit_that_leads_a_bloc_is_its_member():
    text = ("Năm 2023, ba đơn vị được đề nghị tặng Cờ thi đua của Chính phủ gồm: LĐLĐ tỉnh Nghệ An - dẫn đầu "
            "Cụm thi đua 6 LĐLĐ các tỉnh Bắc Trung Bộ; LĐLĐ tỉnh Bình Dương - dẫn đầu Cụm thi đua 7 LĐLĐ các tỉnh "
            "Đông Nam Bộ.")
    members = {(f["bloc"], f["unit"]) for f in facts(text, None, None, "membership")}
    assert members == {("Cụm thi đua 6", "Liên đoàn Lao động tỉnh Nghệ An"),
                       ("Cụm thi đua 7", "Liên đoàn Lao động tỉnh Bình Dương")}


def test_awards_to_the_units_of_numbered_bullets_are_no_member_list():
    text = ("Ngày 2/2/2024, Khối 02 huyện Tiên Phước tổng kết năm 2023.\nUBND tỉnh tặng Cờ thi đua của Ủy ban nhân "
            "dân tỉnh cho 02 tập thể dẫn đầu phong trào thi đua các khối năm 2023, gồm:\n1. Văn phòng Huyện ủy "
            "Tiên Phước;\n2. Hội Nông dân huyện Tiên Phước.")
    awarded = [f["recipient"] for f in facts(text, "tỉnh Quảng Nam", None, "award")]
    assert awarded == ["Văn phòng Huyện ủy Tiên Phước", "Hội Nông dân huyện Tiên Phước"]
    assert facts(text, "tỉnh Quảng Nam", None, "membership") == []


def test_bank_branches_abbreviated():
    assert expand_abbreviations("CN NH Công thương, CN NH NNoPTNT, Quỹ cho DNNVV") == (
        "Chi nhánh Ngân hàng Công thương, Chi nhánh Ngân hàng Nông nghiệp và Phát triển nông thôn, "
        "Quỹ cho doanh nghiệp nhỏ và vừa")


# -- the twelfth and thirteenth sets (scored once unseen, then read) -----------------------
def test_a_kind_of_members_named_before_the_colon_of_their_list():
    text = ("Ngày 5/8/2021, Khối thi đua các Tổng công ty sơ kết 6 tháng. Khối thi đua gồm 3 tổng công ty nhà nước: "
            "Tổng công ty Đường sắt Việt Nam, Tổng công ty Hàng hải Việt Nam và Tổng công ty Cà phê Việt Nam.")
    assert _units(text, None) == ["Tổng công ty Đường sắt Việt Nam", "Tổng công ty Hàng hải Việt Nam",
                                  "Tổng công ty Cà phê Việt Nam"]


def test_bloc_names_enumerating_kinds_with_capitals_and_abbreviation_asides():
    assert bloc_names("Khối thi đua các Vụ, Cục thuộc Bộ Y tế tổ chức hội nghị.") == [
        "Khối thi đua các Vụ, Cục thuộc Bộ Y tế"]
    assert bloc_names("Khối các trường đại học (ĐH), cao đẳng (CĐ) và trung cấp trên địa bàn tỉnh vừa tổng kết.") == [
        "Khối các trường đại học, cao đẳng và trung cấp trên địa bàn tỉnh"]
    assert bloc_names("Khối thi đua Kinh tế ngành (KTN) tổ chức hội nghị.")[0] == "Khối thi đua Kinh tế ngành"


def test_a_bare_numbered_bloc_takes_only_a_place_after_its_number():
    assert bloc_names("Năm 2018, Khối 1 hỗ trợ thành công xã Mường Lói.") == ["Khối 1"]
    assert bloc_names("Khối 02 huyện Nam Trà My tổng kết năm 2023.") == ["Khối 02 huyện Nam Trà My"]


def test_an_assigning_verb_ends_a_unit_name():
    assert _unit_names("Bộ Công an phân công Công an tỉnh Hà Tĩnh làm Cụm trưởng", None) == [
        "Bộ Công an", "Công an tỉnh Hà Tĩnh"]


def test_the_sector_of_a_numbered_cluster_heads_its_bare_places():
    text = ("Ngày 9/8/2024, Cụm thi đua số V – BHXH Việt Nam gồm các tỉnh Phú Yên, Khánh Hòa và Ninh Thuận tổ "
            "chức hội thao.")
    assert _units(text, None) == ["Bảo hiểm xã hội tỉnh Phú Yên", "Bảo hiểm xã hội tỉnh Khánh Hòa",
                                  "Bảo hiểm xã hội tỉnh Ninh Thuận"]


def test_a_member_of_the_party_central_committee_written_with_bch():
    assert positions("Dự có ông Lê Văn Tám - Ủy viên BCH Trung ương Đảng, Chủ tịch Hội Nông dân Việt Nam.") == [
        ("Lê Văn Tám", "Ủy viên Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"),
        ("Lê Văn Tám", "Chủ tịch", "Hội Nông dân Việt Nam")]


def test_a_plural_level_in_a_bloc_name_is_a_kind_of_members_not_a_place():
    assert bloc_names("Cụm thi đua các tỉnh Đồng bằng sông Cửu Long tổ chức hội nghị.") == [
        "Cụm thi đua các tỉnh Đồng bằng sông Cửu Long"]
    assert bloc_names("Khối thi đua MTTQ và các tổ chức chính trị - xã hội huyện tổng kết.") == [
        "Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện"]


def test_a_list_of_the_member_units_said_of_their_representatives():
    text = ("Chiều 2/4/2019, Khối Thi đua 6 tổ chức ký kết giao ước. Dự có đại diện lãnh đạo 3 đơn vị thành viên và "
            "viên chức phụ trách thi đua của các đơn vị gồm: Sở Nội vụ; Sở Tư pháp; Thanh tra tỉnh.")
    assert _units(text, "tỉnh Bình Thuận") == ["Sở Nội vụ", "Sở Tư pháp", "Thanh tra tỉnh Bình Thuận"]
    assert positions("Dự có thầy Lê Văn Hòa - Phó Hiệu trưởng Trường Cao đẳng Bách Khoa.") == [
        ("Lê Văn Hòa", "Phó Hiệu trưởng", "Trường Cao đẳng Bách Khoa")]


# -- the sixteenth and seventeenth sets (scored once unseen, then read) ---------------------
def test_departments_named_by_their_field_after_the_kind():
    text = ("Ngày 2/4/2021, Khối thi đua Văn hóa – Xã hội ký kết giao ước. Tham dự có lãnh đạo 04 Sở, ngành thuộc "
            "Khối thi đua, gồm: Y tế, Lao động – Thương binh và Xã hội, Khoa học và Công nghệ và Đài Phát thanh và "
            "Truyền hình tỉnh.")
    assert _units(text, "tỉnh Bình Định") == [
        "Sở Y tế", "Sở Lao động - Thương binh và Xã hội", "Sở Khoa học và Công nghệ",
        "Đài Phát thanh và Truyền hình tỉnh Bình Định"]
    opening = "Ngày 28-1, Khối các sở quản lý nhà nước 2 gồm các sở: Tư pháp, Nội vụ, Ngoại vụ tổ chức hội nghị."
    assert _units(opening, None) == ["Sở Tư pháp", "Sở Nội vụ", "Sở Ngoại vụ"]
    full = "Ngày 5/1/2022, Khối thi đua các sở, ngành kinh tế gồm: Sở Xây dựng, Sở Công Thương tổng kết năm 2021."
    assert _units(full, None) == ["Sở Xây dựng", "Sở Công Thương"]


def test_places_after_a_numbered_cluster_and_its_sector_before_gom():
    text = ("6 tháng đầu năm 2018, Công an các tỉnh trong Cụm thi đua số 4 – Bộ Công an gồm: Thái Bình, Nam Định, "
            "Ninh Bình đã triển khai nhiều chương trình.")
    assert _units(text, None) == ["Công an tỉnh Thái Bình", "Công an tỉnh Nam Định", "Công an tỉnh Ninh Bình"]


def test_members_in_parentheses_after_the_units_of_the_bloc():
    text = ("Ngày 24/7/2019, Khối Thi đua các Bộ, ngành Nội chính sơ kết 6 tháng. Dự có cán bộ của các đơn vị "
            "thành viên trong Khối (Bộ Tư pháp, Bộ Công an, Thanh tra Chính phủ).")
    assert _units(text, None) == ["Bộ Tư pháp", "Bộ Công an", "Thanh tra Chính phủ"]


def test_a_number_after_thi_dua_counts_only_levels_and_kinds():
    assert bloc_names("Ngoài các đơn vị, Khối Thi đua 21 còn có đại diện Sở Nội vụ.") == ["Khối Thi đua 21"]
    assert bloc_names("Cụm thi đua 05 tỉnh duyên hải miền Trung tổng kết.") == ["Cụm thi đua 05 tỉnh duyên hải miền Trung"]


def test_organisations_after_cac_inside_a_unit_name_and_units_listed_after_the_bloc_number():
    text = ("Ngày 5/5/2022, Khối thi đua 7 ký kết giao ước. Dự có lãnh đạo các đơn vị Khối thi đua số 7: Liên hiệp "
            "các tổ chức hữu nghị tỉnh; BV Đa khoa tỉnh.")
    assert _units(text, "tỉnh Bình Định") == ["Liên hiệp các tổ chức hữu nghị tỉnh Bình Định",
                                             "Bệnh viện Đa khoa tỉnh Bình Định"]


def test_a_counted_kind_with_commas_and_districts_listed_after_the_bloc():
    text = ("Chiều 29/3/2021, Khối thi đua kinh tế tỉnh ký kết giao ước (gồm 3 sở, ban, ngành: Sở Nông nghiệp & PTNT, "
            "Sở Xây dựng, Ban Quản lý các khu công nghiệp).")
    assert _units(text, "tỉnh Vĩnh Phúc") == ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Xây dựng",
                                             "Ban Quản lý các khu công nghiệp"]
    districts = ("Ngày 22/5, Cụm thi đua vùng cao tổng kết năm 2023. Năm 2023, các huyện thuộc Cụm thi đua vùng cao: "
                 "Tủa Chùa, Điện Biên Đông và Mường Nhé đã đổi mới công tác thi đua.")
    assert _units(districts, "tỉnh Điện Biên") == ["huyện Tủa Chùa", "huyện Điện Biên Đông", "huyện Mường Nhé"]


def test_one_department_in_each_province_listed_after_the_kind():
    text = ("Sáng 20-1, Cụm thi đua khu vực Tây Nguyên tổng kết năm 2009. Dự có lãnh đạo các sở Y tế thuộc Cụm gồm: "
            "Gia Lai, Kon Tum, Đắk Lắk.")
    assert _units(text, None) == ["Sở Y tế tỉnh Gia Lai", "Sở Y tế tỉnh Kon Tum", "Sở Y tế tỉnh Đắk Lắk"]


def test_a_bloc_named_in_lower_case_after_a_capitalised_khoi():
    assert bloc_names("Các ngân hàng thành viên Khối ngân hàng II bao gồm 8 đơn vị.") == ["Khối ngân hàng II"]
    assert bloc_names("Đảng ủy Khối doanh nghiệp tỉnh tổ chức hội nghị.") == []


def test_plain_words_after_va_run_to_the_separator_inside_a_name():
    text = ("Ngày 2/3/2021, Khối thi đua kinh tế ký kết giao ước (gồm 3 sở, ban, ngành: Ban Bồi thường giải phóng mặt "
            "bằng và phát triển quỹ đất, Sở Xây dựng, Cục Thuế tỉnh).")
    assert _units(text, None)[0] == "Ban Bồi thường giải phóng mặt bằng và phát triển quỹ đất"
    assert _unit_names("Sở Y tế và các đơn vị, ", None) == ["Sở Y tế"]


def test_a_stop_word_after_cac_in_a_bloc_name_is_a_noun():
    assert bloc_names("Dự có 05 đơn vị trong Khối thi đua các đơn vị sự nghiệp: Quỹ Đầu tư; Vườn quốc gia.") == [
        "Khối thi đua các đơn vị sự nghiệp"]


def test_a_bloc_named_by_capitalised_kinds_and_its_field_after_ve():
    assert bloc_names("Sáng 01/12, Khối các Sở, ban, ngành quản lý Nhà nước về kinh tế - xã hội tổ chức hội nghị.") == [
        "Khối các Sở, ban, ngành quản lý Nhà nước về kinh tế - xã hội"]


def test_titles_take_the_year_the_article_names_when_nothing_is_dated():
    text = ("Đoàn Tổng công ty vừa thành lập 3 Khối thi đua năm 2019.\nKhối thi đua phía Nam gồm 5 đơn vị, do Đoàn "
            "Công ty Cao su Đồng Nai làm Khối trưởng.")
    assert [(f["unit"], f["year"]) for f in facts(text, None, None, "head")] == [("Đoàn Công ty Cao su Đồng Nai", 2019)]
    assert facts("Khối thi đua phía Nam gồm 5 đơn vị, do Đoàn Công ty Cao su Đồng Nai làm Khối trưởng.",
                 None, None, "head") == []


def test_a_party_committee_heads_when_its_official_leads_nothing_else():
    text = ("Ngày 6/12/2023, Cụm thi đua số II tổng kết năm 2023. Đồng chí Lê Thị Hoa – Phó Bí thư Thường trực "
            "Huyện ủy Krông Pắc, Cụm trưởng Cụm thi đua số II chủ trì hội nghị.")
    assert [f["unit"] for f in facts(text, "tỉnh Đắk Lắk", None, "head")] == ["Huyện ủy Krông Pắc"]
    seat = ("Ngày 6/12/2023, Cụm thi đua số II tổng kết năm 2023. Đồng chí Lê Thị Hoa – Ủy viên Ban Thường vụ Tỉnh "
            "ủy, Giám đốc Sở Y tế, Cụm trưởng Cụm thi đua số II chủ trì hội nghị.")
    assert [f["unit"] for f in facts(seat, "tỉnh Đắk Lắk", None, "head")] == ["Sở Y tế"]


def test_a_cooperative_is_no_commune_and_a_bloc_of_agencies_in_lower_case():
    assert _unit_names("Liên hiệp Hợp tác xã Thương mại tỉnh, Sở Y tế", None) == [
        "Liên hiệp Hợp tác xã Thương mại tỉnh", "Sở Y tế"]
    assert bloc_names("Chiều 8/7, Khối cơ quan Nội chính tỉnh tổ chức hội nghị.") == ["Khối cơ quan Nội chính tỉnh"]
    assert expand_abbreviations("Bộ CHQS tỉnh") == "Bộ Chỉ huy Quân sự tỉnh"


def test_counted_places_in_parentheses_or_after_a_region_and_colon():
    text = ("Chiều 28/2/2024, Cụm thi đua số 2 Ủy ban MTTQ Việt Nam thành phố ký giao ước. Dự có cán bộ Ủy ban MTTQ "
            "Việt Nam 3 quận trong cụm (quận Tây Hồ, Cầu Giấy, Bắc Từ Liêm).")
    assert _units(text, "thành phố Hà Nội") == ["Ủy ban Mặt trận Tổ quốc Việt Nam quận Tây Hồ",
                                               "Ủy ban Mặt trận Tổ quốc Việt Nam quận Cầu Giấy",
                                               "Ủy ban Mặt trận Tổ quốc Việt Nam quận Bắc Từ Liêm"]
    region = ("Ngày 20/4/2024, Cụm thi đua 2 NHNN Chi nhánh 02 tỉnh duyên hải phía Bắc: Quảng Ninh, Hải Phòng tổ "
              "chức hội thao.")
    assert _units(region, None) == ["Ngân hàng Nhà nước Chi nhánh tỉnh Quảng Ninh",
                                    "Ngân hàng Nhà nước Chi nhánh thành phố Hải Phòng"]


def test_titles_after_a_colon_name_the_holders_units():
    text = ("Ngày 26/7/2019, Khối thi đua các Tổ chức xã hội 2 sơ kết 6 tháng. Theo quyết định, Khối trưởng: Chủ tịch "
            "Hội Làm vườn tỉnh, Khối phó: Chủ tịch Hội Đông y tỉnh.")
    assert [(f["unit"], f["role"]) for f in facts(text, "tỉnh Nghệ An", None, "head")] == [
        ("Hội Làm vườn tỉnh Nghệ An", "head"), ("Hội Đông y tỉnh Nghệ An", "deputy")]
    levels = "Ngày 24/12/2021, cụm thi đua số V gồm các xã Thị trấn Lộc Bình, Tú Đoạn, Khuất Xá đã tổ chức hội nghị."
    assert _units(levels, "tỉnh Lạng Sơn") == ["thị trấn Lộc Bình", "xã Tú Đoạn", "xã Khuất Xá"]


def test_a_counted_list_of_units_that_sign_the_covenant():
    text = ("Chiều 16-5-2022, Khối thi đua số 4 ký kết giao ước thi đua năm 2022. Trên cơ sở đó, 3 đơn vị bao gồm: "
            "Hội Nông dân tỉnh, Hội Chữ thập đỏ tỉnh và Tỉnh đoàn đã thống nhất ký kết với các nhiệm vụ trọng tâm.")
    assert _units(text, "tỉnh Trà Vinh") == ["Hội Nông dân tỉnh Trà Vinh", "Hội Chữ thập đỏ tỉnh Trà Vinh", "Tỉnh đoàn"]
    award = ("Ngày 5/1/2023, Khối thi đua số 4 tổng kết năm 2022. UBND tỉnh khen 3 đơn vị gồm: Hội Nông dân tỉnh, Hội "
             "Chữ thập đỏ tỉnh và Tỉnh đoàn.")
    assert _units(award, "tỉnh Trà Vinh") == []
