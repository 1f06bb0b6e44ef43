"""Shapes of real portal and newspaper text the first rules missed (docs/holdout.md, "What
breaks"): each test is a new sentence written in that style, never one of the held-out ones."""
from __future__ import annotations

from extract_helpers import facts, positions


def _units(text: str, jurisdiction: str | None = None) -> list[str]:
    return [f["unit"] for f in facts(text, jurisdiction, None, "membership")]


# -- bloc names ----------------------------------------------------------------------------
def test_a_comma_inside_an_enumerating_bloc_name_does_not_cut_it():
    for name in ("Cụm thi đua các tỉnh vùng cao, biên giới phía Bắc",
                 "Cụm thi đua các tỉnh, thành Hội miền Tây Nam Bộ"):
        got = facts(f"Sáng 9/3/2023, {name} tổ chức hội nghị ký kết giao ước thi đua.", ftype="event")
        assert got == [{"bloc": name, "date": "2023-03-09"}]


def test_a_comma_before_a_new_clause_still_ends_the_bloc_name():
    got = facts("Sáng 9/3/2023, Cụm thi đua các tỉnh Tây Nguyên, các đơn vị đã tổ chức hội nghị.",
                ftype="event")
    assert [f["bloc"] for f in got] == ["Cụm thi đua các tỉnh Tây Nguyên"]


# -- unit names ----------------------------------------------------------------------------
def test_abbreviated_schools_and_treasuries_are_expanded():
    text = ("Sáng 9/3/2023, Cụm thi đua các trường cao đẳng tổ chức hội nghị. Cụm gồm 3 đơn vị: "
            "Trường CĐ Y tế Hà Nội 2, KBNN Quảng Trị và Trường ĐHSP TP.HCM.")
    assert _units(text) == ["Trường Cao đẳng Y tế Hà Nội 2", "Kho bạc Nhà nước Quảng Trị",
                            "Trường Đại học Sư phạm Thành phố Hồ Chí Minh"]


def test_and_inside_a_name_defined_with_an_acronym_and_the_item_after_it():
    text = ("Sáng 9/3/2023, Khối thi đua các tổng công ty tổ chức hội nghị. Khối gồm 3 thành viên: "
            "Tổng công ty Phát triển hạ tầng và đô thị (HIDC), Tổng công ty Cơ khí xây dựng - CTCP "
            "và Tổng công ty Xây dựng Sông Hồng - CTCP.\n"
            "Tổng công ty Phát triển hạ tầng và đô thị làm Trưởng khối năm 2023.")
    assert _units(text) == ["Tổng công ty Phát triển hạ tầng và đô thị",
                            "Tổng công ty Cơ khí xây dựng - CTCP",
                            "Tổng công ty Xây dựng Sông Hồng - CTCP"]
    assert [f["unit"] for f in facts(text, ftype="head")] == ["Tổng công ty Phát triển hạ tầng và đô thị"]


def test_brand_name_enterprises_and_dashed_provinces_in_a_member_list():
    text = ("Sáng 9/3/2023, Khối thi đua Doanh nghiệp tỉnh tổ chức hội nghị. Tham dự có đại diện "
            "lãnh đạo các doanh nghiệp thành viên: Công ty Điện lực Trà Vinh, Viettel Trà Vinh, "
            "Công ty Cấp nước Trà Vinh và Bưu điện tỉnh Trà Vinh.")
    assert _units(text, "tỉnh Trà Vinh") == ["Công ty Điện lực Trà Vinh", "Viettel Trà Vinh",
                                             "Công ty Cấp nước Trà Vinh", "Bưu điện tỉnh Trà Vinh"]
    text = "Sáng 9/3/2023, Cụm thi đua số 4 tổ chức hội nghị. Cụm gồm: Tỉnh Đoàn Bà Rịa - Vũng Tàu và Tỉnh Đoàn Bình Phước."
    assert _units(text) == ["Tỉnh Đoàn Bà Rịa - Vũng Tàu", "Tỉnh Đoàn Bình Phước"]


def test_a_school_named_after_a_person_keeps_the_name():
    text = "Ông Hà Văn Tú trao Bằng khen cho Công đoàn Trường THPT Chu Văn An."
    assert facts(text, ftype="award")[0]["recipient"] == "Công đoàn Trường Trung học phổ thông Chu Văn An"


# -- events and dates ----------------------------------------------------------------------
def test_an_all_capital_lead_paragraph_is_read_in_the_articles_case():
    text = ("Khối thi đua Kinh tế tổng kết năm 2022\n"
            "(QTO) - CHIỀU 6-1, KHỐI THI ĐUA CÁC CƠ QUAN KINH TẾ TỈNH ĐÃ TỔ CHỨC HỘI NGHỊ TỔNG KẾT "
            "CÔNG TÁC THI ĐUA NĂM 2022. SỞ TÀI CHÍNH LÀ ĐƠN VỊ TRƯỞNG KHỐI NĂM 2022.\n"
            "Dự hội nghị có ông Hồ Văn Tâm, Giám đốc Sở Tài chính. Các cơ quan Kinh tế của tỉnh đều hoàn thành.")
    got = facts(text, "tỉnh Quảng Trị")
    bloc = "Khối thi đua các cơ quan Kinh tế tỉnh Quảng Trị"
    assert {"type": "event", "bloc": bloc, "date": "2023-01-06"} in got
    assert {"type": "head", "bloc": bloc, "unit": "Sở Tài chính", "year": 2022, "role": "head"} in got
    lead = next(f for f in extract_all(text, "tỉnh Quảng Trị") if f["type"] == "head")
    assert lead["evidence"].startswith("SỞ TÀI CHÍNH")      # the evidence stays as written


def extract_all(text: str, jurisdiction: str | None) -> list[dict]:
    from thidua.loaders.extract import extract
    return extract(text, "t", jurisdiction=jurisdiction)


def test_a_second_event_introduced_by_tiep_do_with_a_weekday_date():
    text = ("Ngày 28/12/2022, Khối thi đua các cơ quan Kinh tế tỉnh tổ chức hội nghị tổng kết năm 2022.\n"
            "Tiếp đó, sáng thứ Năm (12/1), tại Sở Tài chính, các cơ quan trong Khối đã tổ chức ký kết "
            "giao ước thi đua năm 2023.")
    assert [f["date"] for f in facts(text, "tỉnh Quảng Trị", None, "event")] == ["2022-12-28", "2023-01-12"]


# -- heads ---------------------------------------------------------------------------------
def test_the_unit_taking_over_the_flag_heads_the_year_opened():
    text = ("Sáng 9/1/2023, Khối thi đua các cơ quan Nội chính tỉnh tổ chức hội nghị tổng kết năm 2022. "
            "Ông Lê Văn Nam, Giám đốc Sở Tài chính thay mặt đơn vị Trưởng khối tiếp nhận Cờ luân lưu.")
    assert [(f["unit"], f["year"]) for f in facts(text, "tỉnh Nam Định", None, "head")] == [("Sở Tài chính", 2023)]


# -- people --------------------------------------------------------------------------------
def test_academic_prefixes_and_national_mass_organisations():
    text = ("Dự có GS.TS Phan Văn Hùng - Hiệu trưởng Trường ĐHSP Huế, TS. Lê Thị Mai - Phó Hiệu "
            "trưởng Trường CĐ Y tế Huế và ông Hồ Văn Tâm - Phó Chủ tịch Trung ương Hội Cựu chiến binh Việt Nam.")
    assert positions(text) == [
        ("Phan Văn Hùng", "Hiệu trưởng", "Trường Đại học Sư phạm Huế"),
        ("Lê Thị Mai", "Phó Hiệu trưởng", "Trường Cao đẳng Y tế Huế"),
        ("Hồ Văn Tâm", "Phó Chủ tịch", "Trung ương Hội Cựu chiến binh Việt Nam")]


def test_every_title_before_a_name_and_the_province_the_chain_names():
    text = ("Dự hội nghị có Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lạng Sơn Hồ Tiến Thiệu; "
            "ông Vũ Văn Minh - Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh Cao Bằng.")
    assert positions(text, "tỉnh Hà Giang") == [
        ("Hồ Tiến Thiệu", "Phó Bí thư", "Tỉnh ủy Lạng Sơn"),
        ("Hồ Tiến Thiệu", "Chủ tịch", "Ủy ban nhân dân tỉnh Lạng Sơn"),
        ("Vũ Văn Minh", "Ủy viên Ban Thường vụ", "Tỉnh ủy Cao Bằng"),
        ("Vũ Văn Minh", "Phó Chủ tịch Thường trực", "Ủy ban nhân dân tỉnh Cao Bằng")]


def test_a_written_out_office_after_its_title_and_a_bare_title():
    text = "Dự có bà Lê Thị Hoa - Phó Trưởng ban Ban Thi đua - Khen thưởng tỉnh; Vụ trưởng Đinh Văn Thành phát biểu."
    assert positions(text, "tỉnh Hà Giang") == [
        ("Lê Thị Hoa", "Phó Trưởng ban", "Ban Thi đua - Khen thưởng tỉnh Hà Giang"),
        ("Đinh Văn Thành", "Vụ trưởng", None)]


def test_a_bare_title_yields_to_the_same_title_with_its_office():
    text = ("Dự có ông Đinh Văn Thành - Vụ trưởng Vụ Thi đua - Khen thưởng, Bộ Nội vụ.\n"
            "Phát biểu tại hội nghị, Vụ trưởng Đinh Văn Thành đánh giá cao kết quả của Cụm.")
    assert [p[2] for p in positions(text)] == ["Vụ Thi đua - Khen thưởng"]


def test_a_party_committee_in_a_chain_is_the_bodys_own():
    text = "Ông Lê Văn Tám - Bí thư Đảng ủy, Hiệu trưởng Trường Cao đẳng Y tế Hà Nội 2 phát biểu."
    assert positions(text)[0] == ("Lê Văn Tám", "Bí thư", "Đảng ủy Trường Cao đẳng Y tế Hà Nội 2")


def test_a_bare_district_office_takes_the_district_the_article_is_about():
    text = ("Sáng 9/3/2023, Cụm thi đua số 3 của huyện Yên Mô tổ chức hội nghị tại UBND xã Yên Phong. "
            "Dự có bà Lê Thị Hoa - Phó Trưởng phòng Nội vụ huyện; ông Phạm Văn Tú - Chủ tịch UBND huyện Yên Mô.")
    assert positions(text, "tỉnh Ninh Bình")[0][2] == "Phòng Nội vụ huyện Yên Mô"


# -- awards --------------------------------------------------------------------------------
def test_quoted_titles_badges_and_central_issuers():
    text = ("Hội nghị đề nghị UBND huyện tặng danh hiệu “Tập thể lao động xuất sắc” cho UBND xã Ninh Hải. "
            "Dịp này, Tỉnh Đoàn trao Huy hiệu Tuổi trẻ sáng tạo cho anh Lê Văn Nam. Thừa ủy quyền Đoàn "
            "Chủ tịch Trung ương Hội Nông dân Việt Nam, ông Trần Văn Hải trao Bằng khen của Trung ương "
            "Hội Nông dân Việt Nam cho Hội Nông dân tỉnh Bình Phước.")
    got = [(f["award"], f["recipient"], f["status"]) for f in facts(text, "tỉnh Ninh Bình", None, "award")]
    assert got == [("Tập thể lao động xuất sắc", "Ủy ban nhân dân xã Ninh Hải", "proposed"),
                   ("Huy hiệu Tuổi trẻ sáng tạo", "Lê Văn Nam", "conferred"),
                   ("Bằng khen của Trung ương Hội Nông dân Việt Nam", "Hội Nông dân tỉnh Bình Phước", "conferred")]


def test_rotating_and_assigned_roles():
    text = ("Sáng 9/1/2023, Cụm thi đua số 5 tổ chức hội nghị tổng kết năm 2022. Hội nghị thống nhất để "
            "Công an tỉnh Hà Tĩnh luân phiên giữ chức Cụm trưởng năm 2023; Công an tỉnh Nghệ An đảm "
            "nhiệm Cụm phó năm 2023. Ban Dân vận Tỉnh ủy được giao làm Trưởng cụm năm 2024.")
    got = [(f["unit"], f["year"], f["role"]) for f in facts(text, "tỉnh Hà Nam", None, "head")]
    assert got == [("Công an tỉnh Hà Tĩnh", 2023, "head"), ("Công an tỉnh Nghệ An", 2023, "deputy"),
                   ("Ban Dân vận Tỉnh ủy Hà Nam", 2024, "head")]


def test_a_title_acted_for_is_not_held_by_the_next_name():
    text = "Thừa ủy quyền Chủ tịch UBND tỉnh, Phó Chủ tịch UBND tỉnh Trần Minh Hà trao Bằng khen cho Sở Y tế."
    assert positions(text, "tỉnh Hà Tĩnh") == [("Trần Minh Hà", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Hà Tĩnh")]


def test_an_election_by_the_conference_names_the_new_head():
    text = ("Sáng 15/12/2023, Khối thi đua các cơ quan tổng hợp tỉnh tổ chức hội nghị. Sở Tài chính "
            "được hội nghị thống nhất bầu làm Trưởng khối năm 2024, Sở Xây dựng làm Phó Trưởng khối.")
    got = [(f["unit"], f["year"], f["role"]) for f in facts(text, "tỉnh Hòa Bình", None, "head")]
    assert got == [("Sở Tài chính", 2024, "head"), ("Sở Xây dựng", 2024, "deputy")]


def test_a_sector_emulation_fighter_title_keeps_its_sector():
    text = ("Hội nghị đề nghị Bộ Tài chính tặng danh hiệu Chiến sĩ thi đua ngành Tài chính cho bà "
            "Lê Thị Hoa, Giám đốc Kho bạc Nhà nước Quảng Trị.")
    assert facts(text, "tỉnh Quảng Trị", None, "award")[0]["award"] == "Chiến sĩ thi đua ngành Tài chính"


def test_an_authority_as_the_subject_issues_the_award():
    text = ("Dịp này, Thủ tướng Chính phủ tặng Bằng khen cho Sở Y tế vì đã có thành tích xuất sắc năm 2023. "
            "UBND tỉnh tặng Bằng khen cho Sở Tài chính.")
    assert [f["award"] for f in facts(text, "tỉnh Hà Nam", None, "award")] == [
        "Bằng khen của Thủ tướng Chính phủ", "Bằng khen của Ủy ban nhân dân tỉnh Hà Nam"]


def test_en_and_em_dashes_join_names_and_titles_like_hyphens():
    text = ("Sáng 9/1/2024, Khối thi đua Văn hóa – Xã hội tỉnh tổ chức hội nghị tổng kết năm 2023. "
            "Dự có ông Lê Văn Nam — Giám đốc Sở Lao động – Thương binh và Xã hội, đơn vị Trưởng khối năm 2023.")
    got = facts(text, "tỉnh Hà Nam")
    bloc = "Khối thi đua Văn hóa - Xã hội tỉnh Hà Nam"
    assert {"type": "head", "bloc": bloc, "unit": "Sở Lao động - Thương binh và Xã hội",
            "year": 2023, "role": "head"} in got
    assert {"type": "position", "person": "Lê Văn Nam", "role": "Giám đốc",
            "organization": "Sở Lao động - Thương binh và Xã hội"} in got


def test_hyphenated_sector_abbreviations():
    text = ("Sáng 9/1/2024, Khối thi đua các cơ quan kinh tế tỉnh tổ chức hội nghị. "
            "Khối gồm: Sở KH-ĐT, Sở TN-MT, Sở NN-PTNT và Sở GD-ĐT.")
    assert _units(text, "tỉnh Hà Nam") == ["Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường",
                                           "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giáo dục và Đào tạo"]


def test_honour_title_abbreviations_before_a_name():
    text = ("Dự có NGƯT Phạm Văn Cường, Hiệu trưởng Trường THPT chuyên Lê Quý Đôn; "
            "Thiếu tướng Trần Văn Hùng – Giám đốc Công an tỉnh.")
    assert positions(text, "tỉnh Hà Nam") == [
        ("Phạm Văn Cường", "Hiệu trưởng", "Trường Trung học phổ thông chuyên Lê Quý Đôn"),
        ("Trần Văn Hùng", "Giám đốc", "Công an tỉnh Hà Nam")]


def test_an_event_dated_by_a_part_of_day_inside_the_blocs_sentence():
    text = "Khối thi đua các cơ quan kinh tế tỉnh Hà Nam đã tổ chức hội nghị tổng kết năm 2023 vào chiều 20/12."
    assert facts(text, ftype="event") == [
        {"bloc": "Khối thi đua các cơ quan kinh tế tỉnh Hà Nam", "date": "2023-12-20"}]
