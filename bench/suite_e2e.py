"""End to end: `thidua build CORPUS` (extract, load, validate, site) in a fresh store, as a user
runs it: wall time and peak memory (the whole process tree, sampled, and the largest process);
then the same build again after ten new articles (`synth.py --extra 10`), against the first."""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import synth
from suite_common import SEED, SIZES, Row, TreeMemory, Timer, log

AIM_SECONDS = {"100k": 15 * 60}
AIM_PEAK_GB = 2.0
INCREMENTAL_AIM = 0.05


def run(corpus: Path, size: str, work: Path, timeout_s: float) -> tuple[list[Row], Path]:
    store, site = work / "store-e2e", work / "site-e2e"
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(Path(str(site) + ".thidua-state"), ignore_errors=True)
    thidua = Path(sys.executable).with_name("thidua")
    # What a user with a large corpus runs: every core, and the fast SHACL engine when installed.
    engine = "shacl-rust" if importlib.util.find_spec("shacl_rust") else "pyshacl"
    options = ["--store", str(store), "--out", str(site), "--jobs", "0", "--shacl-engine", engine]
    full = _timed_build([str(thidua), "-q", "build", str(corpus), *options], work / "e2e.log", timeout_s)
    aim = AIM_SECONDS.get(size)
    rows = [
        Row("end to end", f"thidua build, {size} wall", full.seconds, "s",
            aim=f"< {aim // 60} min" if aim else "", met=(full.seconds < aim and not full.stopped) if aim else None,
            note=f"{full.exit_note}; --shacl-engine {engine}; {full.summary}"),
        Row("end to end", f"thidua build, {size} peak memory", full.peak_gb, "GB",
            aim=f"< {AIM_PEAK_GB:.0f} GB" if size == "100k" else "", met=full.peak_gb < AIM_PEAK_GB if size == "100k" else None,
            note=full.memory_note),
    ]
    if not full.stopped and full.status == 0:
        rows.append(_incremental(thidua, corpus, size, work, options, full, timeout_s))
    return rows, store


def _incremental(thidua: Path, corpus: Path, size: str, work: Path, options: list[str], full: "Build",
                 timeout_s: float) -> Row:
    """The same build again after ten new articles (of the same synthetic world) were added."""
    more = work / "ten-more"
    shutil.rmtree(more, ignore_errors=True)
    synth.generate(SIZES[size], SEED, more, extra=10)
    again = _timed_build([str(thidua), "-q", "build", str(corpus), str(more), *options], work / "e2e-more.log",
                         timeout_s)
    ratio = again.seconds / full.seconds
    return Row("end to end", f"thidua build again after 10 new articles, {size}", again.seconds, "s",
               baseline=full.seconds, baseline_name="the full build", ratio=ratio,
               aim="< 5% of the full build", met=ratio < INCREMENTAL_AIM and again.status == 0,
               note=f"{ratio:.1%} of the full build; {again.exit_note}; peak {again.peak_gb:.2f} GB; {again.summary}")


class Build:
    """One timed `thidua build` process: wall seconds, peak memory, exit, its summary lines."""

    def __init__(self, seconds, status, stopped, peak_gb, memory_note, summary):
        self.seconds, self.status, self.stopped = seconds, status, stopped
        self.peak_gb, self.memory_note, self.summary = peak_gb, memory_note, summary

    @property
    def exit_note(self) -> str:
        return "stopped at the time limit" if self.stopped else f"exit {self.status}"


def _timed_build(command: list[str], log_path: Path, timeout_s: float) -> Build:
    log("end to end: " + " ".join(command))
    timer = Timer()
    with open(log_path, "wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        with TreeMemory(process.pid) as memory:
            status, usage, stopped = _wait(process, timeout_s)
    seconds = timer.seconds
    largest_kb = usage.ru_maxrss           # this process's own (RUSAGE_CHILDREN keeps earlier runs')
    # sampling can miss a short peak that wait4 saw: report the larger of the two
    peak_gb = max(memory.peak_kb, largest_kb) / 1024 ** 2
    lines = [line.strip() for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines()
             if line.startswith(("Load:", "Validate:", "Site:"))]
    note = (f"the larger of the process tree sampled every 0.25 s ({memory.peak_kb / 1024 ** 2:.2f} GB) "
            f"and the largest single process ({largest_kb / 1024 ** 2:.2f} GB)")
    return Build(seconds, os.waitstatus_to_exitcode(status), stopped, peak_gb, note,
                 " | ".join(line[:110] for line in lines))


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
