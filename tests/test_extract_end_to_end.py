"""The whole extractor on real articles, scored with the project's own scorer.

The bundled sample (articles/: the five seeds, manifest.tsv, gold.jsonl) runs everywhere; the
development corpus beside the checkout (../shared/corpus/dev) is checked when present.
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from thidua.cli import cli
from thidua.commands.evaluate import _jurisdictions, _read_jsonl
from thidua.evaluate import FIELDS, score
from thidua.loaders.extract.batch import extract_paths

SAMPLE_F1 = 0.90
DEV_F1, DEV_TYPE_F1 = 0.85, 0.75


def _score(folder):
    pred = [f for o in extract_paths([folder]) for f in o.facts]
    return score(_read_jsonl(folder / "gold.jsonl"), pred, _jurisdictions(folder / "manifest.tsv")), pred


def test_the_bundled_sample_scores_above_its_threshold(sample_dir):
    result, _ = _score(sample_dir)
    assert result.row()["f1"] >= SAMPLE_F1, result.table()


def test_facts_carry_evidence_spans_ids_and_nfc_text(sample_dir):
    _, pred = _score(sample_dir)
    texts = {o.article.doc: o.article.text for o in extract_paths([sample_dir], resolve=False)}
    for fact in pred:
        start, end = fact["span"]
        assert texts[fact["doc"]][start:end] == fact["evidence"]
        assert any(k.endswith("_id") for k in fact)
    blocs = {f["bloc_id"] for f in pred if f["doc"].startswith(("003", "004")) and f["type"] == "event"}
    assert len(blocs) == 1          # one bloc across two articles: one Resolver for the batch


def test_the_development_corpus(shared_dir):
    result, _ = _score(shared_dir / "corpus" / "dev")
    assert result.row()["f1"] >= DEV_F1, result.table()
    for ftype in FIELDS:
        assert result.row(ftype)["f1"] >= DEV_TYPE_F1, (ftype, result.table())


def test_extract_command_reports_an_unreadable_file_and_goes_on(tmp_path, sample_dir):
    (tmp_path / "a.txt").write_text((sample_dir / "001_7373bbed73421511.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "empty.txt:" in result.stderr
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert {f["doc"] for f in facts} == {"a"} and any(f["type"] == "head" for f in facts)


def test_evaluate_command_prints_the_table(sample_dir):
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(sample_dir / "gold.jsonl"), str(sample_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("overall")
