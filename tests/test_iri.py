"""IRIs are stable, safe and distinct."""
from __future__ import annotations

import re

from thidua import iri

SAFE = re.compile(r"https://w3id\.org/thidua/[a-z0-9/-]+\Z")


def test_entity_iris_are_stable_and_safe():
    a = iri.entity("person", "Trương Minh Hiến", "tỉnh Hà Nam")
    assert a == iri.entity("person", "Trương Minh Hiến", "tỉnh Hà Nam")
    assert SAFE.match(a), a
    assert "/person/truong-minh-hien-" in a


def test_names_that_fold_alike_still_get_two_iris():
    assert iri.entity("person", "Đặng Trọng Thắng") != iri.entity("person", "Đặng Trong Thắng")


def test_same_name_in_two_jurisdictions_gets_two_iris():
    assert iri.entity("unit", "Sở Tư pháp", "tỉnh Hà Tĩnh") != iri.entity("unit", "Sở Tư pháp", "tỉnh Nghệ An")


def test_hostile_document_names_become_safe_graph_iris():
    for doc in ["../../etc/passwd", "a b<c>\"d", "Bài viết số 1", "000_1c16179c51bb800b"]:
        assert SAFE.match(iri.graph(doc)), iri.graph(doc)
    assert iri.graph("a b") != iri.graph("a-b")
    assert iri.graph("000_1c16179c51bb800b") != iri.graph("000-1c16179c51bb800b")
