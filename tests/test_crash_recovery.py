"""A load killed with SIGKILL at any point, run again, ends with the same graph as a clean load."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from thidua.graph_store import EmbeddedStore


def _facts_file(path, docs: int):
    with open(path, "w", encoding="utf-8") as fh:
        for d in range(docs):
            doc = f"doc-{d:05d}"
            bloc = f"Khối thi đua số {d % 37}"
            for u in range(6):
                fh.write(json.dumps({"doc": doc, "type": "membership", "bloc": bloc,
                                     "unit": f"Sở Ngành {d % 91} đơn vị {u}"}, ensure_ascii=False) + "\n")
            fh.write(json.dumps({"doc": doc, "type": "head", "bloc": bloc, "unit": f"Sở Ngành {d % 91} đơn vị 0",
                                 "year": 2000 + d % 25, "role": "head",
                                 "evidence": f"Câu số {d} về Trưởng khối."}, ensure_ascii=False) + "\n")


# The console script, not `python -m`: the checkout's thidua/ folder must not shadow the install.
THIDUA = str(Path(sys.executable).parent / "thidua")


def _load(store_dir, facts, check=True):
    cmd = [THIDUA, "-q", "load", str(facts), "--store", str(store_dir)]
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def _count(store_dir) -> int:
    store = EmbeddedStore(store_dir)
    try:
        return store.count()
    finally:
        store.close()


@pytest.fixture(scope="module")
def clean_load(tmp_path_factory):
    """A facts file, the quad count of its uninterrupted load, and how long that load took."""
    folder = tmp_path_factory.mktemp("crash")
    facts = folder / "facts.jsonl"
    _facts_file(facts, 1500)
    started = time.monotonic()
    _load(folder / "clean", facts)
    return facts, _count(folder / "clean"), time.monotonic() - started


@pytest.mark.parametrize("fraction", [0.35, 0.6, 0.85])
def test_sigkill_mid_load_then_rerun_equals_clean_load(tmp_path, clean_load, fraction):
    facts, expected, duration = clean_load
    kill_after = duration * fraction

    killed = tmp_path / "killed"
    cmd = [THIDUA, "-q", "load", str(facts), "--store", str(killed)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(kill_after)
    was_running = proc.poll() is None
    if was_running:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    result = _load(killed, facts)
    assert _count(killed) == expected, result.stderr
    if not was_running:
        pytest.skip(f"the load finished before {kill_after}s: nothing was interrupted")
