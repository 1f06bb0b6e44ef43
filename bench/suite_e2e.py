"""End to end: `thidua build CORPUS` (extract, load, validate, site) in a fresh store, as a user
runs it: wall time and peak memory (the whole process tree, sampled, and the largest process)."""
from __future__ import annotations

import importlib.util
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from suite_common import Row, TreeMemory, Timer, log

AIM_SECONDS = {"100k": 15 * 60}
AIM_PEAK_GB = 2.0


def run(corpus: Path, size: str, work: Path, timeout_s: float) -> tuple[list[Row], Path]:
    store, site = work / "store-e2e", work / "site-e2e"
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    thidua = Path(sys.executable).with_name("thidua")
    # What a user with a large corpus runs: every core, and the fast SHACL engine when installed.
    engine = "shacl-rust" if importlib.util.find_spec("shacl_rust") else "pyshacl"
    command = [str(thidua), "-q", "build", str(corpus), "--store", str(store), "--out", str(site), "--jobs", "0",
               "--shacl-engine", engine]
    log("end to end: " + " ".join(command))
    timer = Timer()
    with open(work / "e2e.log", "wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        with TreeMemory(process.pid) as memory:
            status, usage, stopped = _wait(process, timeout_s)
    seconds = timer.seconds
    largest_kb = max(usage.ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    # sampling can miss a short peak that wait4 saw: report the larger of the two
    peak_gb = max(memory.peak_kb, largest_kb) / 1024 ** 2
    summary = [line.strip() for line in (work / "e2e.log").read_text(encoding="utf-8", errors="replace").splitlines()
               if line.startswith(("Load:", "Validate:", "Site:"))]
    exit_note = "stopped at the time limit" if stopped else f"exit {os.waitstatus_to_exitcode(status)}"
    aim = AIM_SECONDS.get(size)
    rows = [
        Row("end to end", f"thidua build, {size} wall", seconds, "s",
            aim=f"< {aim // 60} min" if aim else "", met=(seconds < aim and not stopped) if aim else None,
            note=f"{exit_note}; --shacl-engine {engine}; " + " | ".join(line[:110] for line in summary)),
        Row("end to end", f"thidua build, {size} peak memory", peak_gb, "GB",
            aim=f"< {AIM_PEAK_GB:.0f} GB" if size == "100k" else "", met=peak_gb < AIM_PEAK_GB if size == "100k" else None,
            note=f"the larger of the process tree sampled every 0.25 s ({memory.peak_kb / 1024 ** 2:.2f} GB) "
                 f"and the largest single process ({largest_kb / 1024 ** 2:.2f} GB)"),
    ]
    return rows, store


def _wait(process: subprocess.Popen, timeout_s: float):
    """(status, rusage, stopped): wait4 gives the child's own peak RSS; a build past the limit is
    stopped (its whole process group) so the suite can go on."""
    deadline = time.monotonic() + timeout_s
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return status, usage, False
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGTERM)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            return status, usage, True
        time.sleep(0.2)
