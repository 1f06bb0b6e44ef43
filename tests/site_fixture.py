"""A small dataset written the way docs/architecture.md describes, for the site tests.

It stands in for the loader so the site can be tested on its own: three articles (two seed
excerpts and one hostile article whose text and names carry HTML/JS payloads), one bloc with
a two-year rotation, units, a person with two dated positions, awards and award types.
Evidence offsets are computed from the article text, never typed by hand.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from thidua import iri
from thidua.text import fold
from thidua.vocab import DCTERMS, OA, ORG, PROV, RDF_TYPE, RDFS, SCHEMA, SKOS, TD, TIME, XSD

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'

HP = "thành phố Hải Phòng"
HT = "tỉnh Hà Tĩnh"
BLOC_HP = "Khối thi đua các cơ quan quản lý kinh tế thành phố Hải Phòng"
BLOC_HT = "Khối thi đua Kinh tế ngành"
BLOC_X = f"Khối thi đua {XSS_SCRIPT} số III"
UNIT_X = f"Sở Thử nghiệm {XSS_ATTR}"

ARTICLES = [
    {
        "doc": "000_1c16179c51bb800b", "jurisdiction": HP, "published": "2019-07-21",
        "url": "https://example.org/tin-tuc?id=1&x=2",
        "text": ("Ngày 10/4, tại Sở Giao thông vận tải Hải Phòng - đơn vị Trưởng khối, "
                 f"{BLOC_HP} tổ chức hội nghị. "
                 "Sở Giao thông vận tải Hải Phòng giữ vai trò Trưởng khối năm 2019, "
                 "Cục Hải quan Hải Phòng là Phó khối. "
                 "Khối bầu Cục Hải quan Hải Phòng làm Trưởng khối năm 2020, Sở Du lịch làm Phó khối. "
                 "Đồng chí Nguyễn Đình Chuyến - Phó Chủ tịch Ủy ban nhân dân thành phố dự. "
                 "Sở Giao thông vận tải Hải Phòng được tặng Cờ thi đua của Ủy ban nhân dân thành phố năm 2018."),
        "facts": [
            {"type": "event", "bloc": BLOC_HP, "date": "2019-04-10", "evidence": "Ngày 10/4"},
            {"type": "membership", "bloc": BLOC_HP, "unit": "Sở Giao thông vận tải Hải Phòng",
             "evidence": "Sở Giao thông vận tải Hải Phòng - đơn vị Trưởng khối"},
            {"type": "membership", "bloc": BLOC_HP, "unit": "Cục Hải quan Hải Phòng",
             "evidence": "Cục Hải quan Hải Phòng là Phó khối"},
            {"type": "membership", "bloc": BLOC_HP, "unit": "Sở Du lịch", "evidence": "Sở Du lịch làm Phó khối"},
            {"type": "head", "bloc": BLOC_HP, "unit": "Sở Giao thông vận tải Hải Phòng", "year": 2019,
             "role": "head", "evidence": "Sở Giao thông vận tải Hải Phòng giữ vai trò Trưởng khối năm 2019"},
            {"type": "head", "bloc": BLOC_HP, "unit": "Cục Hải quan Hải Phòng", "year": 2019,
             "role": "deputy", "evidence": "Cục Hải quan Hải Phòng là Phó khối"},
            {"type": "head", "bloc": BLOC_HP, "unit": "Cục Hải quan Hải Phòng", "year": 2020,
             "role": "head", "evidence": "Khối bầu Cục Hải quan Hải Phòng làm Trưởng khối năm 2020"},
            {"type": "head", "bloc": BLOC_HP, "unit": "Sở Du lịch", "year": 2020, "role": "deputy",
             "evidence": "Sở Du lịch làm Phó khối"},
            {"type": "position", "person": "Nguyễn Đình Chuyến", "role": "Phó Chủ tịch",
             "organization": "Ủy ban nhân dân thành phố Hải Phòng",
             "evidence": "Đồng chí Nguyễn Đình Chuyến - Phó Chủ tịch Ủy ban nhân dân thành phố"},
            {"type": "award", "award": "co-thi-dua-cap-tinh",
             "award_label": "Cờ thi đua của Ủy ban nhân dân thành phố",
             "recipient": "Sở Giao thông vận tải Hải Phòng", "recipient_kind": "unit", "year": 2018,
             "status": "conferred",
             "evidence": "Sở Giao thông vận tải Hải Phòng được tặng Cờ thi đua của Ủy ban nhân dân thành phố năm 2018"},
        ],
    },
    {
        "doc": "003_2f19b7e13258856b", "jurisdiction": HT, "published": None, "url": None,
        "text": ("Chiều ngày 15/3/2017, Khối thi đua Kinh tế ngành tổ chức hội nghị phát động. "
                 "Ông Trương Minh Hiến - Ủy viên Ban Thường vụ Tỉnh ủy - Phó Chủ tịch UBND tỉnh dự."),
        "facts": [
            {"type": "event", "bloc": BLOC_HT, "date": "2017-03-15", "evidence": "Chiều ngày 15/3/2017"},
            {"type": "position", "person": "Trương Minh Hiến", "role": "Phó Chủ tịch",
             "organization": "Ủy ban nhân dân tỉnh Hà Tĩnh", "attested": "2017-03-15",
             "evidence": "Ông Trương Minh Hiến - Ủy viên Ban Thường vụ Tỉnh ủy - Phó Chủ tịch UBND tỉnh"},
        ],
    },
    {
        "doc": "004_3c2962dde7b5d0d4", "jurisdiction": HT, "published": "2019-12-12", "url": None,
        "text": ("Sáng ngày 11/12/2019, Khối thi đua Kinh tế ngành tổng kết năm 2019. "
                 "Về dự có ông Trương Minh Hiến - Ủy viên Ban Thường vụ Tỉnh ủy - Phó Chủ tịch UBND tỉnh. "
                 "Khối suy tôn Sở Giao thông vận tải Hà Tĩnh đề nghị Chính phủ tặng Cờ thi đua của Chính phủ."),
        "facts": [
            {"type": "event", "bloc": BLOC_HT, "date": "2019-12-11", "evidence": "Sáng ngày 11/12/2019"},
            {"type": "membership", "bloc": BLOC_HT, "unit": "Sở Giao thông vận tải Hà Tĩnh",
             "evidence": "Khối suy tôn Sở Giao thông vận tải Hà Tĩnh"},
            {"type": "position", "person": "Trương Minh Hiến", "role": "Ủy viên Ban Thường vụ",
             "organization": "Tỉnh ủy Hà Tĩnh", "attested": "2019-12-11",
             "evidence": "ông Trương Minh Hiến - Ủy viên Ban Thường vụ Tỉnh ủy"},
            {"type": "award", "award": "co-thi-dua-cua-chinh-phu", "award_label": "Cờ thi đua của Chính phủ",
             "recipient": "Sở Giao thông vận tải Hà Tĩnh", "recipient_kind": "unit", "year": 2019,
             "status": "proposed",
             "evidence": "Khối suy tôn Sở Giao thông vận tải Hà Tĩnh đề nghị Chính phủ tặng Cờ thi đua của Chính phủ"},
        ],
    },
    {
        "doc": "hostile-xss", "jurisdiction": HP, "published": "2020-01-02",
        "url": "javascript:alert(1)",
        "text": (f"Ngày 2/1/2020, {BLOC_X} họp. {UNIT_X} được tặng Bằng khen {XSS_SCRIPT}. "
                 f"Ông Trần {XSS_ATTR} - Giám đốc {UNIT_X} dự."),
        "facts": [
            {"type": "event", "bloc": BLOC_X, "date": "2020-01-02", "evidence": f"Ngày 2/1/2020, {BLOC_X} họp"},
            {"type": "membership", "bloc": BLOC_X, "unit": UNIT_X, "evidence": f"{UNIT_X} được tặng"},
            {"type": "head", "bloc": BLOC_X, "unit": UNIT_X, "year": 2020, "role": "head",
             "evidence": f"{BLOC_X} họp"},
            {"type": "award", "award": "bang-khen-cap-tinh", "award_label": f"Bằng khen {XSS_SCRIPT}",
             "recipient": UNIT_X, "recipient_kind": "unit", "year": 2019, "status": "conferred",
             "evidence": f"{UNIT_X} được tặng Bằng khen {XSS_SCRIPT}"},
            {"type": "position", "person": f"Trần {XSS_ATTR}", "role": f"Giám đốc {XSS_SCRIPT}",
             "organization": UNIT_X, "evidence": f"Ông Trần {XSS_ATTR} - Giám đốc"},
        ],
    },
]

AWARD_TYPES = {
    "khen-thuong": ("Hình thức khen thưởng", "Form of commendation", None),
    "co-thi-dua": ("Cờ thi đua", "Emulation flag", "khen-thuong"),
    "co-thi-dua-cua-chinh-phu": ("Cờ thi đua của Chính phủ", "Government emulation flag", "co-thi-dua"),
    "co-thi-dua-cap-tinh": ("Cờ thi đua cấp tỉnh", "Provincial emulation flag", "co-thi-dua"),
    "bang-khen": ("Bằng khen", "Certificate of merit", "khen-thuong"),
    "bang-khen-cap-tinh": ("Bằng khen cấp tỉnh", "Provincial certificate of merit", "bang-khen"),
}
SCHEME = iri.AWARD_TYPE + "scheme"
VERSION = "0.1.0"


def _n(value: str) -> NamedNode:
    return NamedNode(value)


def _vi(text: str) -> Literal:
    return Literal(text, language="vi")


def _lit(value: str, datatype: NamedNode) -> Literal:
    return Literal(value, datatype=datatype)


def _key(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


class _Graph:
    def __init__(self, doc: str):
        self.graph = _n(iri.graph(doc))
        self.quads: list[Quad] = []

    def add(self, s, p, o) -> None:
        self.quads.append(Quad(_n(s) if isinstance(s, str) else s, p, o, self.graph))

    def labelled(self, node: str, cls: NamedNode, label: str, jurisdiction: str | None) -> None:
        self.add(node, RDF_TYPE, cls)
        self.add(node, SKOS.prefLabel, _vi(label))
        self.add(node, RDFS.label, _vi(label))
        self.add(node, SKOS.hiddenLabel, Literal(fold(label)))
        if jurisdiction:
            self.add(node, TD.jurisdiction, _n(iri.jurisdiction(jurisdiction)))


def _entity(g: _Graph, kind: str, label: str, jurisdiction: str | None) -> str:
    node = iri.entity(kind, fold(label), fold(jurisdiction or ""))
    cls = {"bloc": TD.EmulationBloc, "person": TD.Person}.get(kind, TD.Agency)
    g.labelled(node, cls, label, jurisdiction)
    return node


def _year(g: _Graph, year: int) -> NamedNode:
    node = iri.year(year)
    g.add(node, RDF_TYPE, TD.Year)
    g.add(node, RDFS.label, Literal(str(year)))
    g.add(node, TIME.year, _lit(str(year), XSD.gYear))
    return _n(node)


def _fact(g: _Graph, art: dict, fact: dict) -> None:
    doc, text, j = art["doc"], art["text"], art["jurisdiction"]
    node = iri.fact(doc, _key(*sorted(fact.items())))
    kind = fact["type"]
    if kind == "event":
        g.add(node, RDF_TYPE, TD.Event)
        g.add(node, TD.bloc, _n(_entity(g, "bloc", fact["bloc"], j)))
        g.add(node, TD.date, _lit(fact["date"], XSD.date))
        g.add(node, TD.year, _year(g, int(fact["date"][:4])))
    elif kind in ("membership", "head"):
        g.add(node, RDF_TYPE, TD.BlocMembership if kind == "membership" else TD.BlocLeadership)
        g.add(node, ORG.organization, _n(_entity(g, "bloc", fact["bloc"], j)))
        g.add(node, ORG.member, _n(_entity(g, "unit", fact["unit"], j)))
        if kind == "membership":
            g.add(node, ORG.role, TD.memberRole)
        else:
            g.add(node, ORG.role, TD.headRole if fact["role"] == "head" else TD.deputyRole)
            g.add(node, TD.emulationYear, _lit(str(fact["year"]), XSD.gYear))
            g.add(node, TD.year, _year(g, fact["year"]))
    elif kind == "award":
        g.add(node, RDF_TYPE, TD.Award)
        g.add(node, TD.awardType, _n(iri.award_type(fact["award"])))
        g.add(node, TD.awardLabel, _vi(fact["award_label"]))
        g.add(node, TD.recipient, _n(_entity(g, fact["recipient_kind"], fact["recipient"], j)))
        g.add(node, TD.status, TD.Conferred if fact["status"] == "conferred" else TD.Proposed)
        g.add(node, TD.achievementYear, _lit(str(fact["year"]), XSD.gYear))
        g.add(node, TD.year, _year(g, fact["year"]))
    elif kind == "position":
        role = iri.role(fact["role"])
        g.add(role, RDF_TYPE, TD.Role)
        g.add(role, SKOS.prefLabel, _vi(fact["role"]))
        g.add(node, RDF_TYPE, TD.Position)
        g.add(node, ORG.member, _n(_entity(g, "person", fact["person"], j)))
        g.add(node, ORG.organization, _n(_entity(g, "unit", fact["organization"], j)))
        g.add(node, ORG.role, _n(role))
        g.add(node, TD.roleLabel, _vi(fact["role"]))
    attested = fact.get("date") or fact.get("attested") or art["published"]
    if attested:
        g.add(node, TD.attestedOn, _lit(attested, XSD.date))
    g.add(node, PROV.wasDerivedFrom, _n(iri.article(doc)))
    g.add(node, PROV.wasGeneratedBy, _n(iri.run(VERSION)))
    evidence = node + "/evidence"
    start = text.index(fact["evidence"])
    g.add(node, TD.evidence, _n(evidence))
    g.add(evidence, RDF_TYPE, OA.TextQuoteSelector)
    g.add(evidence, RDF_TYPE, OA.TextPositionSelector)
    g.add(evidence, OA.exact, _vi(fact["evidence"]))
    g.add(evidence, OA.start, _lit(str(start), XSD.integer))
    g.add(evidence, OA.end, _lit(str(start + len(fact["evidence"])), XSD.integer))


def _article(art: dict) -> list[Quad]:
    g = _Graph(art["doc"])
    node = iri.article(art["doc"])
    g.add(node, RDF_TYPE, TD.Article)
    g.add(node, DCTERMS.identifier, Literal(art["doc"]))
    if art["url"]:
        g.add(node, SCHEMA.url, _n(art["url"]) if not art["url"].startswith("javascript")
              else Literal(art["url"]))
    if art["published"]:
        g.add(node, DCTERMS.issued, _lit(art["published"], XSD.date))
    g.add(node, TD.jurisdiction, _n(iri.jurisdiction(art["jurisdiction"])))
    g.add(node, TD.contentHash, Literal(hashlib.sha256(art["text"].encode()).hexdigest()))
    g.add(node, TD.text, _vi(art["text"]))
    g.add(node, PROV.wasGeneratedBy, _n(iri.run(VERSION)))
    g.add(iri.run(VERSION), RDF_TYPE, PROV.Activity)
    g.add(iri.run(VERSION), PROV.wasAssociatedWith, _n(iri.agent(VERSION)))
    g.add(iri.agent(VERSION), RDF_TYPE, PROV.SoftwareAgent)
    g.add(iri.agent(VERSION), SCHEMA.softwareVersion, Literal(VERSION))
    j = iri.jurisdiction(art["jurisdiction"])
    g.add(j, RDF_TYPE, TD.Jurisdiction)
    g.add(j, SKOS.prefLabel, _vi(art["jurisdiction"]))
    for fact in art["facts"]:
        _fact(g, art, fact)
    return g.quads


def _award_types() -> list[Quad]:
    g = _Graph("award-types")
    g.graph = _n(iri.GRAPH + "award-types")
    g.add(SCHEME, RDF_TYPE, SKOS.ConceptScheme)
    g.add(SCHEME, SKOS.prefLabel, _vi("Hình thức thi đua, khen thưởng"))
    for concept, (vi, en, broader) in AWARD_TYPES.items():
        node = iri.award_type(concept)
        g.add(node, RDF_TYPE, SKOS.Concept)
        g.add(node, SKOS.prefLabel, _vi(vi))
        g.add(node, SKOS.prefLabel, Literal(en, language="en"))
        g.add(node, SKOS.inScheme, _n(SCHEME))
        if broader:
            g.add(node, SKOS.broader, _n(iri.award_type(broader)))
            g.add(iri.award_type(broader), SKOS.narrower, _n(node))
    return g.quads


def fixture_quads(hostile: bool = True) -> list[Quad]:
    quads = _award_types()
    for art in ARTICLES:
        if hostile or art["doc"] != "hostile-xss":
            quads.extend(_article(art))
    return quads


def person_iri(label: str, jurisdiction: str) -> str:
    return iri.entity("person", fold(label), fold(jurisdiction))


def bloc_iri(label: str, jurisdiction: str) -> str:
    return iri.entity("bloc", fold(label), fold(jurisdiction))


HOSTILE_DIR = Path(__file__).parent / "data" / "hostile"


def loaded_store(path, seeds_facts, hostile: bool = True):
    """A store filled by the real loader from the seed facts file and (with `hostile`) the
    hostile article text in tests/data/hostile/, plus this module's hostile article, whose
    payloads also sit in entity names."""
    from thidua.graph_store import EmbeddedStore
    from thidua.loaders.pipeline import load_paths

    store = EmbeddedStore(path)
    report = load_paths(store, [seeds_facts] + ([HOSTILE_DIR] if hostile else []), progress=False)
    assert report.ok, report.summary()
    if hostile:
        store.replace_graph(iri.graph("hostile-xss"), _article(ARTICLES[-1]))
    return store


def assert_inert(out: Path) -> list[str]:
    """No page of the site at `out` lets the payloads act: no element, event attribute,
    javascript: link or executable script comes from data. Returns the pages the payload reached."""
    import html5lib

    reached = []
    for page in sorted(out.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert XSS_SCRIPT not in text and "<img src=x" not in text, page
        if "alert(1)" in text:
            reached.append(page.relative_to(out).as_posix())
        doc = html5lib.parse(text, namespaceHTMLElements=False)
        for element in doc.iter():
            assert not any(name.lower().startswith("on") for name in element.attrib), (page, element.attrib)
            assert element.tag != "img", page
            if element.tag == "script" and not element.get("src"):
                assert element.get("type") in ("application/ld+json", "application/json"), page
                json.loads(element.text)   # data, and only data
            if element.tag == "a":
                assert not element.get("href", "").lower().startswith("javascript:"), page
    return reached
