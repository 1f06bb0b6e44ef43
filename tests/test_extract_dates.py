"""Event dates: the forms portals write, and the year when the date has none."""
from __future__ import annotations

import pytest

from extract_helpers import facts
from thidua.loaders.extract.dates import parse_date_at_head

BLOC = "Khối thi đua Kinh tế tỉnh tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2022, triển khai nhiệm vụ năm 2023."


@pytest.mark.parametrize("head, expected", [
    ("Ngày 10/4, tại Sở Giao thông vận tải", (10, 4, None)),
    ("Chiều 20/3, Khối Thi đua các cơ quan", (20, 3, None)),
    ("Sáng ngày 11/12/2019, Khối thi đua Kinh tế ngành", (11, 12, 2019)),
    ("Chiều ngày 8-3-2022, tại Hội trường", (8, 3, 2022)),
    ("Ngày 20 tháng 12 năm 2023, tại Trung tâm", (20, 12, 2023)),
    ("(Baohatinh.vn) - Ngày 22 tháng 12 năm 2023, Sở Nội vụ", (22, 12, 2023)),
    ("HNP - Sáng 2/11, tại quận Hoàng Mai", (2, 11, None)),
    ("Sáng nay (18/12), Khối thi đua các cơ quan Đảng", (18, 12, None)),
    ("Năm 2021, các cơ quan trong Khối", None),
])
def test_date_forms_at_the_head_of_a_sentence(head, expected):
    assert parse_date_at_head(head) == expected


def test_a_january_conference_opens_the_new_year():
    # reviews 2022, opens 2023: "Sáng 12/1" is 12 January 2023
    assert facts("Sáng 12/1, " + BLOC, "tỉnh Bắc Giang", "2023-01-13", "event") == [
        {"bloc": "Khối thi đua Kinh tế tỉnh Bắc Giang", "date": "2023-01-12"}]


def test_the_event_year_is_not_the_publication_year():
    text = ("Chiều 20/3, Khối Thi đua các cơ quan tham mưu tổng hợp thành phố tổ chức Hội nghị "
            "tổng kết công tác thi đua năm 2016, ký giao ước thi đua năm 2017.")
    got = facts(text, "thành phố Hải Phòng", "2019-11-20", "event")
    assert got[0]["date"] == "2017-03-20"


def test_a_november_conference_reviews_its_own_year():
    text = ("Sáng 2/11, tại quận Hoàng Mai, cụm thi đua số III tổ chức hội nghị tổng kết công "
            "tác thi đua, khen thưởng năm 2017, ký giao ước thi đua năm 2018.")
    assert facts(text, "thành phố Hà Nội", None, "event")[0]["date"] == "2017-11-02"


def test_without_any_year_in_the_text_the_publication_year_is_used():
    text = "Ngày 10/4, Khối thi đua Văn hóa - Xã hội tổ chức hội nghị."
    assert facts(text, None, "2019-07-21", "event")[0]["date"] == "2019-04-10"


def test_a_date_inside_the_bloc_sentence_is_the_last_resort():
    text = ("Khối thi đua Văn hóa - Xã hội tỉnh tổ chức hội nghị tổng kết năm 2023 vào ngày 20/12.\n"
            "Ngày 1/1/2024, các đơn vị bắt đầu năm công tác mới.")
    assert facts(text, "tỉnh Bắc Giang", None, "event")[0]["date"] == "2023-12-20"
