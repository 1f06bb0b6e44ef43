"""Loading: the pipeline's quads/s into the embedded store, against a bare pyoxigraph bulk load
of the same N-Quads (exported from the store the pipeline wrote)."""
from __future__ import annotations

import shutil
from pathlib import Path

from suite_common import Row, Timer, log


def run(corpus: Path, predictions: Path, work: Path) -> tuple[list[Row], Path]:
    """Load the extracted facts (with the corpus manifest) through `load_paths`; returns the rows
    and the N-Quads export of what was loaded."""
    from pyoxigraph import RdfFormat, Store

    from thidua.graph_store import EmbeddedStore
    from thidua.loaders.pipeline import load_paths

    facts_dir = work / "facts"
    shutil.rmtree(facts_dir, ignore_errors=True)
    facts_dir.mkdir(parents=True)
    (facts_dir / "facts.jsonl").symlink_to(predictions.resolve())
    (facts_dir / "manifest.tsv").symlink_to((corpus / "manifest.tsv").resolve())

    store_dir = work / "store-load"
    shutil.rmtree(store_dir, ignore_errors=True)
    log(f"loading {predictions} into {store_dir}")
    store = EmbeddedStore(store_dir)
    timer = Timer()
    report = load_paths(store, [facts_dir], progress=False)
    store.flush()
    seconds = timer.seconds
    quads = store.count()
    dump = work / "load.nq"
    with open(dump, "wb") as out:
        store.dump(out, "nquads")
    store.close()

    bare_dir = work / "store-bare"
    shutil.rmtree(bare_dir, ignore_errors=True)
    log(f"bare pyoxigraph bulk_load of {dump}")
    timer = Timer()
    bare = Store(str(bare_dir))
    bare.bulk_load(path=str(dump), format=RdfFormat.N_QUADS)
    bare.flush()
    bare_seconds = timer.seconds
    del bare
    shutil.rmtree(bare_dir, ignore_errors=True)

    rate, bare_rate = quads / seconds, quads / bare_seconds
    note = f"{quads:,} quads in {seconds:.1f} s ({len(report.loaded)} docs"
    note += f", {len(report.failed)} failed)" if report.failed else ")"
    rows = [Row("loading", "quads/s, facts -> store", rate, "quads/s", baseline=bare_rate,
                baseline_name="bare bulk_load", ratio=rate / bare_rate, aim=">= 0.70x bare",
                met=rate / bare_rate >= 0.7, note=note + "; facts carry ids from extraction; RDF building included")]
    return rows, dump
