"""The synthetic corpus generator (bench/synth.py): deterministic, and its gold agrees with its text."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from thidua.text import expand_abbreviations, fold

SYNTH = Path(__file__).resolve().parent.parent / "bench" / "synth.py"
ARTICLES = 240
ENTITY_FIELDS = ("bloc", "unit", "recipient", "person", "organization")


def generate(out: Path, seed: int = 3, articles: int = ARTICLES) -> Path:
    subprocess.run([sys.executable, str(SYNTH), "--articles", str(articles), "--seed", str(seed), "--out", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("synth") / "corpus")


def read_gold(corpus: Path) -> tuple[list[dict], list[dict]]:
    lines = [json.loads(line) for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return [g for g in lines if g["type"] != "same"], [g for g in lines if g["type"] == "same"]


def read_manifest(corpus: Path) -> dict[str, dict]:
    with open(corpus / "manifest.tsv", encoding="utf-8") as fh:
        return {row["doc"]: row for row in csv.DictReader(fh, delimiter="\t")}


def test_same_seed_gives_byte_identical_corpus(corpus, tmp_path):
    again = generate(tmp_path / "again")
    names = sorted(p.name for p in corpus.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    assert len([n for n in names if n.endswith(".txt")]) == ARTICLES
    for name in names:
        assert (corpus / name).read_bytes() == (again / name).read_bytes(), name


def test_another_seed_gives_another_corpus(corpus, tmp_path):
    other = generate(tmp_path / "other", seed=4, articles=20)
    assert (other / "syn-000000.txt").read_bytes() != (corpus / "syn-000000.txt").read_bytes()


def test_articles_are_nfc_and_about_4kb(corpus):
    sizes = []
    for path in corpus.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name
        sizes.append(len(text.encode("utf-8")))
    assert 3000 < sum(sizes) / len(sizes) < 6000


def _place_free(name: str, jurisdiction: str) -> str:
    """The folded name without its trailing jurisdiction ("Sở Tài chính tỉnh Hà Tĩnh" -> "so tai chinh"),
    since articles write "Sở Tài chính" or "Sở Tài chính tỉnh" as often as the register name."""
    key = fold(expand_abbreviations(name))
    place = fold(jurisdiction.removeprefix("thành phố ").removeprefix("tỉnh ")) if jurisdiction else ""
    for suffix in ([f"tinh {place}", f"thanh pho {place}", place] if place else []) + ["tinh", "thanh pho"]:
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1]
    return key


def test_every_gold_entity_name_occurs_in_its_article(corpus):
    facts, _ = read_gold(corpus)
    manifest = read_manifest(corpus)
    texts: dict[str, str] = {}
    checked = 0
    for fact in facts:
        doc = fact["doc"]
        if doc not in texts:
            texts[doc] = " " + fold(expand_abbreviations((corpus / f"{doc}.txt").read_text(encoding="utf-8"))) + " "
        # the manifest may omit the jurisdiction; the bloc's register name always carries it
        jurisdiction = manifest[doc]["jurisdiction"] or _jurisdiction_of(fact, facts)
        for field in ENTITY_FIELDS:
            value = fact.get(field)
            values = value if isinstance(value, list) else [value]
            if value is None or None in values:
                continue   # the gold accepts any value here
            checked += 1
            assert any(f" {_place_free(v, jurisdiction)} " in texts[doc] for v in values), (doc, field, value)
    assert checked > 20 * ARTICLES


def _jurisdiction_of(fact: dict, facts: list[dict]) -> str:
    bloc = next(f["bloc"] for f in facts if f["doc"] == fact["doc"] and f["type"] == "event")
    for kind in (" tỉnh ", " thành phố "):
        if kind in bloc:
            return kind.strip() + " " + bloc.rsplit(kind, 1)[1]
    return ""


def test_gold_has_every_fact_type_and_both_award_statuses(corpus):
    facts, same = read_gold(corpus)
    assert {f["type"] for f in facts} == {"event", "membership", "head", "award", "position"}
    assert {f["status"] for f in facts if f["type"] == "award"} == {"conferred", "proposed"}
    assert {f["role"] for f in facts if f["type"] == "head"} == {"head", "deputy"}
    assert {s["kind"] for s in same} == {"bloc", "unit", "person"}
    assert sum(1 for f in facts if f["type"] == "event") == ARTICLES


def test_namesakes_in_two_provinces_exist(corpus):
    _, same = read_gold(corpus)
    manifest = read_manifest(corpus)
    provinces_by_name: dict[str, set[str]] = defaultdict(set)
    for cluster in same:
        if cluster["kind"] != "person":
            continue
        places = {manifest[doc]["jurisdiction"] for doc, _ in cluster["mentions"]} - {""}
        assert len(places) <= 1, cluster     # one person belongs to one province
        for doc, name in cluster["mentions"]:
            provinces_by_name[name] |= places
    assert any(len(places) > 1 for places in provinces_by_name.values())


def test_names_with_one_missing_diacritic_exist(corpus):
    _, same = read_gold(corpus)
    typo_pairs = 0
    for cluster in same:
        names = sorted({name for _, name in cluster["mentions"]})
        for a in names:
            for b in names:
                if a != b and _one_mark_apart(a, b):
                    typo_pairs += 1
    assert typo_pairs > 0


def _one_mark_apart(a: str, b: str) -> bool:
    da, db = unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", b)
    if len(da) != len(db) + 1:
        return False
    return any(da[:i] + da[i + 1:] == db and unicodedata.combining(da[i]) for i in range(len(da)))


def test_extra_articles_are_new_documents_about_the_same_world(corpus, tmp_path):
    more = tmp_path / "more"
    subprocess.run([sys.executable, str(SYNTH), "--articles", str(ARTICLES), "--seed", "3", "--extra", "6",
                    "--out", str(more)], check=True, capture_output=True)
    docs = read_manifest(more)
    assert sorted(docs) == [f"syn-more-{k:06d}" for k in range(6)]
    assert not set(docs) & set(read_manifest(corpus))
    facts, _ = read_gold(more)
    blocs = {f["bloc"] for f in read_gold(corpus)[0] if f.get("bloc")}
    assert {f["bloc"] for f in facts if f.get("bloc")} & blocs          # the corpus's blocs
    again = tmp_path / "again"
    subprocess.run([sys.executable, str(SYNTH), "--articles", str(ARTICLES), "--seed", "3", "--extra", "6",
                    "--out", str(again)], check=True, capture_output=True)
    assert (again / "gold.jsonl").read_bytes() == (more / "gold.jsonl").read_bytes()
