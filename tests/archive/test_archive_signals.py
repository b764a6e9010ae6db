"""Signals and stuck issues: build-all always ends within seconds and the next run goes on.

Real batches in real processes get real signals (SIGINT as Ctrl-C sends it,
SIGTERM as a service manager does, SIGSTOP to freeze a worker).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.archive.archive_tools import build_all, catalog, new_archive, pdfs, rendered
from tests.helpers import SEED_ISSUE, exe
from tests.issuegen import write_archive

pytestmark = pytest.mark.slow

#: Seconds a batch may take to stop after a signal (generous: the machine is shared).
STOP_WITHIN = 15


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def start_batch(issues: Path, out: Path, *args: str) -> subprocess.Popen:
    """A batch under way: returns once it has rendered its first issue."""
    batch = subprocess.Popen([exe(), "build-all", str(issues), "-o", str(out), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in batch.stderr:
        if "已生成" in line:
            break
    return batch


#: Issues in the archive the batches build: enough that a batch is still under
#: way when its first issue is done, and a second run has work left.
ISSUES = 6


@pytest.fixture
def archive(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, ISSUES, articles=3)
    return issues, tmp_path / "out"


@pytest.mark.parametrize("signals", [
    [signal.SIGINT],
    [signal.SIGTERM],
    [signal.SIGINT, signal.SIGINT],
    [signal.SIGINT, signal.SIGTERM] * 25,
], ids=["one-sigint", "one-sigterm", "two-sigints", "fifty-mixed"])
def test_any_number_of_signals_end_the_batch_quickly_and_the_next_run_finishes(archive, signals):
    issues, out = archive
    batch = start_batch(issues, out, "-j", "2")
    workers = children(batch.pid)
    assert workers
    sent = time.monotonic()
    for sig in signals:
        os.kill(batch.pid, sig)
        time.sleep(0.01)
    _, stderr = batch.communicate(timeout=60)
    assert time.monotonic() - sent < STOP_WITHIN
    assert batch.returncode == 130
    assert "已中断" in stderr and "Traceback" not in stderr
    assert not any(alive(w) for w in workers)            # the workers are gone
    assert not (out / ".weekly-pdf-work").exists()       # and their half-written files
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []
    for pdf in pdfs(out).values():
        assert len(PdfReader(pdf).pages) >= 1
    again = build_all(issues, out, "-j", "2", timeout=300)  # the lock is free
    assert again.returncode == 0, again.stderr
    assert "另一个批量生成" not in again.stderr
    assert catalog(out)["count"] == ISSUES


def test_workers_do_not_hold_the_lock_so_it_dies_with_the_batch(archive):
    issues, out = archive
    batch = start_batch(issues, out, "-j", "2")
    lock = (out / ".weekly-pdf.lock").resolve()

    def holds_lock(pid):
        fds = Path(f"/proc/{pid}/fd")
        return any(os.path.realpath(fd) == str(lock) for fd in fds.iterdir())

    try:
        workers = children(batch.pid)
        assert workers and holds_lock(batch.pid)
        assert not any(holds_lock(w) for w in workers)
        for worker in workers:  # frozen orphans-to-be
            os.kill(worker, signal.SIGSTOP)
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait(timeout=30)
        again = build_all(issues, out, "-j", "2", timeout=300)
        assert again.returncode == 0, again.stderr
        assert "另一个批量生成" not in again.stderr
        assert catalog(out)["count"] == ISSUES
    finally:
        for worker in workers:
            if alive(worker):
                os.kill(worker, signal.SIGKILL)


def test_a_second_batch_waiting_for_the_lock_stops_on_ctrl_c(archive):
    issues, out = archive
    first = start_batch(issues, out, "-j", "1")
    second = subprocess.Popen([exe(), "build-all", str(issues), "-o", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = second.stderr.readline()
        assert "另一个批量生成" in line and "正在使用" in line
        os.kill(second.pid, signal.SIGINT)
        second.wait(timeout=STOP_WITHIN)
        assert second.returncode == 130
    finally:
        for process in (first, second):
            process.kill()
            process.wait()


def test_a_stuck_issue_is_stopped_at_the_time_limit_and_the_others_complete(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 4, articles=2)
    out = tmp_path / "out"
    # A limit that a two-article issue never comes near, but short: the test waits it out.
    batch = start_batch(issues, out, "-j", "1", "--time-limit", "4")
    (stuck,) = children(batch.pid)
    os.kill(stuck, signal.SIGSTOP)  # the worker hangs in the middle of its next issue
    stdout, stderr = batch.communicate(timeout=300)
    assert batch.returncode == 1, stderr
    assert not alive(stuck)
    assert stderr.count("超过了时间限制（4 秒），已停止；下次运行会重试") == 1
    assert "Traceback" not in stderr
    assert len(pdfs(out)) == 3 and catalog(out)["count"] == 3   # a new worker did the rest
    assert "失败 1 期" in stdout
    again = build_all(issues, out, "-j", "1", timeout=300)  # not remembered as the issue's fault
    assert again.returncode == 0, again.stderr
    assert len(rendered(again)) == 1 and catalog(out)["count"] == 4


def test_time_limit_must_be_seconds(tmp_path):
    issues = new_archive(tmp_path)
    result = build_all(issues, tmp_path / "out", "--time-limit", "abc")
    assert result.returncode == 2
    assert "“abc”不是有效的秒数" in result.stderr


def catches(pid: int, sig: int) -> bool:
    """Whether process ``pid`` has installed a handler for ``sig`` (SigCgt in /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next(int(line.split()[1], 16) for line in status.splitlines()
                if line.startswith("SigCgt:"))
    return bool(mask >> (sig - 1) & 1)


def test_sigterm_stops_a_single_build_like_ctrl_c_and_leaves_no_temp_file(tmp_path):
    build = subprocess.Popen([exe(), "build", str(SEED_ISSUE), "-o", str(tmp_path / "a.pdf")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not catches(build.pid, signal.SIGTERM) and time.monotonic() < deadline:
        time.sleep(0.005)
    build.send_signal(signal.SIGTERM)  # the command has just started: the build is under way
    _, stderr = build.communicate(timeout=STOP_WITHIN)
    assert build.returncode == 130, stderr
    assert stderr == "已中断，已经生成的 PDF 保持完好。\n"
    assert list(tmp_path.iterdir()) == []


DROPPED = """
import signal, sys, weakref
from pathlib import Path
from weekly_pdf import cli
from weekly_pdf.build import Builder

real = Builder.pdf_bytes

def pdf_bytes(self, *args, **kwargs):
    # SIGTERM lands in a weakref callback (as it can in the import machinery):
    # Python reports the KeyboardInterrupt and drops it.
    class Thing:
        pass
    thing = Thing()
    handler = signal.getsignal(signal.SIGTERM)
    ref = weakref.ref(thing, lambda ref: handler(15, None))
    del thing
    return real(self, *args, **kwargs)

Builder.pdf_bytes = pdf_bytes
sys.exit(cli.main(["build", sys.argv[1], "-o", sys.argv[2]]))
"""


def test_an_interrupt_python_drops_still_stops_the_build_before_its_pdf(tmp_path):
    result = subprocess.run([sys.executable, "-c", DROPPED, str(SEED_ISSUE), str(tmp_path / "a.pdf")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "已中断，已经生成的 PDF 保持完好。\n"  # no report of the dropped one
    assert list(tmp_path.iterdir()) == []


DROPPED_IN_BATCH = """
import signal, sys, weakref
from weekly_pdf import cli
from weekly_pdf.archive import progress

real = progress.Progress.show
done = []

def show(self, *args, **kwargs):
    if not done:  # the first turn of the batch's loop: SIGTERM, dropped in a weakref callback
        done.append(True)
        handler = signal.getsignal(signal.SIGTERM)

        class Thing:
            pass
        thing = Thing()
        ref = weakref.ref(thing, lambda ref: handler(15, None))
        del thing
    return real(self, *args, **kwargs)

progress.Progress.show = show
sys.exit(cli.main(["build-all", sys.argv[1], "-o", sys.argv[2], "-j", "1"]))
"""


def test_a_batch_whose_interrupt_python_dropped_stops_at_its_next_turn(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 6, articles=2)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-c", DROPPED_IN_BATCH, str(issues), str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert len(pdfs(out)) < 6
    assert not (out / ".weekly-pdf-work").exists()


SECOND_SIGNAL_WHILE_STOPPING = """
import os, signal, sys
from weekly_pdf import cli
from weekly_pdf.build import Builder

real_write = sys.stderr.write
sent = []

def write(text):
    # The second SIGTERM arrives while the first one's message is being written.
    if not sent:
        sent.append(True)
        os.kill(os.getpid(), signal.SIGTERM)
    return real_write(text)

def pdf_bytes(self, *args, **kwargs):
    sys.stderr.write = write
    os.kill(os.getpid(), signal.SIGTERM)  # the first one, in the middle of the build

Builder.pdf_bytes = pdf_bytes
sys.exit(cli.main(["build", sys.argv[1], "-o", sys.argv[2]]))
"""


def test_a_second_sigterm_while_stopping_is_ignored_without_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-c", SECOND_SIGNAL_WHILE_STOPPING, str(SEED_ISSUE),
                             str(tmp_path / "a.pdf")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "已中断，已经生成的 PDF 保持完好。\n"
    assert list(tmp_path.iterdir()) == []
