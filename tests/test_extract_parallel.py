"""Extraction in worker processes (loaders/extract/parallel.py): real spawned workers, the
same facts and ids as one process, bad files reported in place."""
from __future__ import annotations

import shutil
from collections import Counter

from thidua.loaders.extract.batch import extract_paths
from thidua.loaders.extract.parallel import _warm_up_text, chunk_size, ordered_map, warm_up


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_input_order_across_workers():
    assert list(ordered_map(_square, range(40), jobs=2, chunksize=3)) == [x * x for x in range(40)]
    assert list(ordered_map(_square, [7], jobs=2)) == [49]        # one item: no pool
    assert list(ordered_map(_square, [], jobs=2)) == []


def test_chunks_are_about_eight_per_worker_within_bounds():
    assert chunk_size(1000, 2) == 62
    assert chunk_size(5, 2) == 1
    assert chunk_size(1_000_000, 2) == 64


def test_warm_up_article_exercises_every_recogniser():
    from thidua.loaders.extract import extract
    warm_up()
    kinds = Counter(f["type"] for f in extract(_warm_up_text(), "w", jurisdiction="tỉnh Hà Tĩnh",
                                               published="2023-01-12"))
    assert set(kinds) == {"event", "membership", "head", "award", "position"}


def test_two_workers_give_the_facts_and_ids_of_one_process(sample_dir, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_dir, corpus)
    (corpus / "zz-broken.html").write_bytes(b"\x00\x01\x02 not an article")

    def run(jobs):
        return [(o.path.name, o.error is None, o.facts) for o in extract_paths([corpus], jobs=jobs)]

    one, two = run(1), run(2)
    assert one == two
    assert [name for name, ok, _ in two if not ok] == ["zz-broken.html"]
    assert sum(len(facts) for _, ok, facts in two if ok) > 50
