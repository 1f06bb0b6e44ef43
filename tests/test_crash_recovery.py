"""A load killed with SIGKILL at any point, run again, ends with the same graph as a clean load."""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
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
    """A facts file and the quad count of its uninterrupted load."""
    folder = tmp_path_factory.mktemp("crash")
    facts = folder / "facts.jsonl"
    _facts_file(facts, 1500)
    _load(folder / "clean", facts)
    return facts, _count(folder / "clean")


def _kill_at_progress(cmd: list[str], percent: int) -> bool:
    """Run `cmd` and SIGKILL it once its progress bar (stderr) reaches `percent`: a point in
    the work, not in time, so a busy machine moves the kill no later into the load. True if
    it was killed while running."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = b""
    while proc.poll() is None:
        chunk = proc.stderr.read1(4096)
        if not chunk:
            break
        seen = (seen + chunk)[-200:]
        reached = [int(p) for p in re.findall(rb"(\d+)%\|", seen)]
        if reached and max(reached) >= percent:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
    proc.wait()
    return False


@pytest.mark.parametrize("percent", [35, 60, 85])
def test_sigkill_mid_load_then_rerun_equals_clean_load(tmp_path, clean_load, percent):
    facts, expected = clean_load
    killed = tmp_path / "killed"
    assert _kill_at_progress([THIDUA, "load", str(facts), "--store", str(killed)], percent)
    assert _count(killed) < expected             # the kill left the load unfinished
    result = _load(killed, facts)
    assert _count(killed) == expected, result.stderr
