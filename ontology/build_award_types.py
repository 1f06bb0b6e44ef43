"""Generate award-types.ttl and award-facets.ttl (SKOS) from award-types.tsv and award-facets.tsv.

The TSV files are the source; the .ttl files are generated and committed, and a test checks
they are up to date. award-types.ttl holds the one award-type scheme; the facet schemes
(category, level, recipients) are in award-facets.ttl, because documentation tools such as
pyLODE's VocPub expect one concept scheme per file. Run after editing either TSV:

    python ontology/build_award_types.py          # rewrite both .ttl files
    python ontology/build_award_types.py --check  # exit 1 when one is stale
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua import iri
from thidua.ontology import AWARD_FACETS_FILE, AWARD_FACETS_TSV, AWARD_TYPES_FILE, path, read_text
from thidua.ontology.award_types import AwardTypeRow, award_key, award_type_rows, read_tsv

VERSION = "0.1.0"
# TSV column of award-types.tsv -> facet (scheme) name in award-facets.tsv and its td: property.
FACET_COLUMNS = {"category": ("category", "awardCategory"), "level": ("level", "awardLevel"),
                 "awarded_to": ("recipients", "awardedTo")}
FACET_TITLES = {
    "category": ("Loại hình khen thưởng", "Award category"),
    "level": ("Cấp khen thưởng", "Award level"),
    "recipients": ("Đối tượng áp dụng", "Awarded to"),
}
PREFIXES = ("td", "skos", "dcterms", "owl", "rdfs", "xsd")


def literal(text: str, lang: str | None = None) -> str:
    """A Turtle string literal, escaped (labels hold quotes and backslashes in the wild)."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def ref(value: str) -> str:
    return f"<{value}>"


def statement(subject: str, pairs: list[tuple[str, list[str]]]) -> str:
    """One Turtle subject block, predicates in the given order, objects comma-separated."""
    lines = [ref(subject)]
    body = [f"    {p} {' , '.join(objects)}" for p, objects in pairs if objects]
    return lines[0] + "\n" + " ;\n".join(body) + " .\n"


def read_facets() -> list[dict[str, str]]:
    return read_tsv(read_text(AWARD_FACETS_TSV))


def scheme_block() -> str:
    top = [ref(iri.award_type(r.id)) for r in award_type_rows() if not r.broader]
    return statement(iri.award_scheme(), [
        ("a", ["skos:ConceptScheme"]),
        ("dcterms:title", [literal("Hình thức khen thưởng và danh hiệu thi đua", "vi"),
                           literal("Award types of the Vietnamese emulation and commendation system", "en")]),
        ("skos:prefLabel", [literal("Hình thức khen thưởng và danh hiệu thi đua", "vi"),
                            literal("Award types of the Vietnamese emulation and commendation system", "en")]),
        ("dcterms:description", [literal(
            "Orders and their classes, medals, state honorary titles, prizes, emulation flags, "
            "emulation titles, certificates of merit and of commendation under the Law on "
            "Emulation and Commendation (06/2022/QH15), with the alternative names news "
            "articles use.", "en"), literal(
            "Huân chương và các hạng, huy chương, danh hiệu vinh dự nhà nước, giải thưởng, "
            "cờ thi đua, danh hiệu thi đua, bằng khen, giấy khen theo Luật Thi đua, khen "
            "thưởng số 06/2022/QH15, kèm các tên gọi khác thường gặp trên báo chí.", "vi")]),
        ("dcterms:source", [literal("Luật Thi đua, khen thưởng số 06/2022/QH15", "vi")]),
        ("dcterms:license", ["<https://creativecommons.org/licenses/by/4.0/>"]),
        ("dcterms:creator", [literal("the thidua project")]),
        ("dcterms:publisher", [literal("the thidua project")]),
        ("dcterms:created", [literal("2026-12-01") + "^^xsd:date"]),
        ("dcterms:modified", [literal("2026-12-01") + "^^xsd:date"]),
        ("owl:versionInfo", [literal(VERSION)]),
        ("rdfs:seeAlso", [ref(iri.ONTOLOGY.rstrip("#"))]),
        ("skos:hasTopConcept", top),
    ])


def concept_block(row: AwardTypeRow, known: set[str]) -> str:
    narrower = [ref(iri.award_type(r.id)) for r in award_type_rows() if r.broader == row.id]
    facets = [(f"td:{prop}", [ref(iri.award_facet(facet, getattr(row, column)))])
              for column, (facet, prop) in FACET_COLUMNS.items()]
    if row.broader and row.broader not in known:
        raise ValueError(f"award-types.tsv: {row.id}: unknown broader {row.broader!r}")
    return statement(iri.award_type(row.id), [
        ("a", ["skos:Concept"]),
        ("skos:inScheme", [ref(iri.award_scheme())]),
        ("skos:topConceptOf", [ref(iri.award_scheme())] if not row.broader else []),
        ("skos:notation", [literal(row.id)]),
        ("skos:prefLabel", [literal(row.vi_label, "vi"), literal(row.en_label, "en")]),
        ("skos:altLabel", [literal(a, "vi") for a in _distinct_aliases(row)]),
        ("skos:hiddenLabel", [literal(award_key(row.vi_label))]),
        ("skos:broader", [ref(iri.award_type(row.broader))] if row.broader else []),
        ("skos:narrower", narrower),
        *facets,
        ("skos:note", [literal("Cơ sở pháp lý: " + row.legal_basis, "vi")] if row.legal_basis else []),
        ("rdfs:isDefinedBy", [ref(iri.award_scheme())]),
    ])


def _distinct_aliases(row: AwardTypeRow) -> list[str]:
    """Aliases that differ from the preferred label (SKOS forbids a label being both)."""
    seen, out = {row.vi_label}, []
    for alias in row.aliases:
        if alias not in seen:
            seen.add(alias)
            out.append(alias)
    return out


def facet_blocks(used: dict[str, set[str]]) -> list[str]:
    """One scheme of facets; each facet (category, level, recipients) is a top concept whose
    narrower concepts are its values, so one tree shows them all."""
    facets = read_facets()
    scheme = iri.award_scheme("facets")
    blocks = [statement(scheme, [
        ("a", ["skos:ConceptScheme"]),
        ("dcterms:title", [literal("Phân loại hình thức khen thưởng", "vi"),
                           literal("Facets of the award types", "en")]),
        ("skos:prefLabel", [literal("Phân loại hình thức khen thưởng", "vi"),
                            literal("Facets of the award types", "en")]),
        ("dcterms:description", [literal(
            "The categories, levels and recipients of award types, the values of td:awardCategory, "
            "td:awardLevel and td:awardedTo on the concepts of the award-type scheme.", "en"), literal(
            "Loại hình, cấp khen thưởng và đối tượng áp dụng của các hình thức khen thưởng: giá trị "
            "của td:awardCategory, td:awardLevel và td:awardedTo.", "vi")]),
        ("dcterms:license", ["<https://creativecommons.org/licenses/by/4.0/>"]),
        ("dcterms:creator", [literal("the thidua project")]),
        ("dcterms:publisher", [literal("the thidua project")]),
        ("dcterms:created", [literal("2026-12-01") + "^^xsd:date"]),
        ("dcterms:modified", [literal("2026-12-01") + "^^xsd:date"]),
        ("owl:versionInfo", [literal(VERSION)]),
        ("rdfs:seeAlso", [ref(iri.award_scheme())]),
        ("skos:hasTopConcept", [ref(iri.award_scheme(f)) for f in FACET_TITLES]),
    ])]
    for facet, (vi_title, en_title) in FACET_TITLES.items():
        rows = [r for r in facets if r["facet"] == facet]
        missing = used[facet] - {r["id"] for r in rows}
        if missing:
            raise ValueError(f"{AWARD_FACETS_TSV}: no {facet} concept for {', '.join(sorted(missing))}")
        head = iri.award_scheme(facet)
        blocks.append(statement(head, [
            ("a", ["skos:Concept"]),
            ("skos:inScheme", [ref(scheme)]),
            ("skos:topConceptOf", [ref(scheme)]),
            ("skos:prefLabel", [literal(vi_title, "vi"), literal(en_title, "en")]),
            ("skos:narrower", [ref(iri.award_facet(facet, r["id"])) for r in rows if not r["broader"]]),
        ]))
        for r in rows:
            broader = iri.award_facet(facet, r["broader"]) if r["broader"] else head
            narrower = [ref(iri.award_facet(facet, n["id"])) for n in rows if n["broader"] == r["id"]]
            blocks.append(statement(iri.award_facet(facet, r["id"]), [
                ("a", ["skos:Concept"]),
                ("skos:inScheme", [ref(scheme)]),
                ("skos:notation", [literal(r["id"])]),
                ("skos:prefLabel", [literal(r["vi_label"], "vi"), literal(r["en_label"], "en")]),
                ("skos:broader", [ref(broader)]),
                ("skos:narrower", narrower),
            ]))
    return blocks


def render() -> dict[str, str]:
    """File name -> full text, for award-types.ttl and award-facets.ttl."""
    from thidua.vocab import PREFIXES as ALL_PREFIXES
    rows = award_type_rows()
    known = {r.id for r in rows}
    if len(known) != len(rows):
        raise ValueError("award-types.tsv: duplicate ids")
    used = {facet: {getattr(r, column) for r in rows} for column, (facet, _) in FACET_COLUMNS.items()}
    head = "".join(f"@prefix {p}: <{ALL_PREFIXES[p]}> .\n" for p in PREFIXES)
    note = ("# GENERATED by ontology/build_award_types.py from award-types.tsv and award-facets.tsv:\n"
            "# edit the TSV files and rerun the script; do not edit this file.\n")
    types = [scheme_block(), *(concept_block(r, known) for r in rows)]
    return {AWARD_TYPES_FILE: head + "\n" + note + "\n" + "\n".join(types),
            AWARD_FACETS_FILE: head + "\n" + note + "\n" + "\n".join(facet_blocks(used))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a .ttl is out of date")
    parser.add_argument("--output-dir", type=Path, default=path(AWARD_TYPES_FILE).parent)
    args = parser.parse_args(argv)
    stale = 0
    for name, text in render().items():
        target = args.output_dir / name
        if args.check:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != text:
                print(f"{target} is out of date: run python ontology/build_award_types.py",
                      file=sys.stderr)
                stale += 1
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
