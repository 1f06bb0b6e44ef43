"""The project's scorer: FORMAT.md's matching rules."""
from __future__ import annotations

from thidua.evaluate import award_class, norm, norm_org, place_suffixes, score

HP = {"d": "thành phố Hải Phòng"}


def test_text_is_compared_normalised():
    assert norm("Uỷ ban  nhân dân TP. Hải Phòng") == norm("ủy ban nhân dân thành phố Hải Phòng")
    assert norm("Cụm thi đua số IV") == norm("Cụm thi đua số 4")
    assert norm("Sở TN&MT") == norm("Sở Tài nguyên và Môi trường")


def test_organisations_drop_the_place_and_the_committee_prefix():
    sfx = place_suffixes("thành phố Hải Phòng")
    assert norm_org("Cục Hải quan thành phố", sfx) == norm_org("Cục Hải quan Hải Phòng", sfx)
    assert norm_org("UBND huyện Đông Anh", []) == norm_org("huyện Đông Anh", [])
    assert norm_org("Sở Nội vụ", sfx) != norm_org("Sở Tư pháp", sfx)


def test_awards_are_compared_by_class():
    assert award_class("Cờ thi đua xuất sắc của UBND thành phố") == award_class("Cờ thi đua")
    assert award_class("Cờ thi đua của Chính phủ") != award_class("Cờ thi đua của UBND tỉnh")
    assert award_class("Bằng khen của Thủ tướng Chính phủ") != award_class("Bằng khen của Bộ Tư pháp")
    assert award_class("Huân chương Lao động hạng Ba") != award_class("Huân chương Lao động hạng Nhì")


def test_lists_and_null_in_gold():
    gold = [{"doc": "d", "type": "award", "award": "Bằng khen", "recipient": ["Kho bạc Nhà nước Hải Phòng",
             "Kho bạc Nhà nước chi nhánh Hải Phòng"], "year": [2018, None], "status": "conferred"}]
    pred = [{"doc": "d", "type": "award", "award": "Bằng khen của UBND thành phố",
             "recipient": "Kho bạc nhà nước thành phố", "status": "conferred"}]
    assert score(gold, pred, HP).row("award")["f1"] == 1.0
    pred[0]["status"] = "proposed"
    result = score(gold, pred, HP)
    assert (result.row("award")["tp"], len(result.missed), len(result.spurious)) == (0, 1, 1)


def test_each_prediction_matches_one_gold_fact_and_other_docs_are_ignored():
    gold = [{"doc": "d", "type": "membership", "bloc": "Khối thi đua X", "unit": "Sở Y tế"}] * 2
    pred = [{"doc": "d", "type": "membership", "bloc": "Khối thi đua X thành phố", "unit": "Sở Y tế"},
            {"doc": "other", "type": "membership", "bloc": "Khối thi đua X", "unit": "Sở Y tế"}]
    r = score(gold, pred, HP).row()
    assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 1)
