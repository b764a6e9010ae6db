"""weekly-pdf watch: a real process, real file edits, bounded waits."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import ROOT, SEED_ISSUE

WAIT = 180  # seconds: generous, the machine may be busy


class Watcher:
    """``weekly-pdf watch`` in a subprocess, its output lines read as they come."""

    def __init__(self, *args, cwd: Path):
        exe = Path(sys.executable).parent / "weekly-pdf"
        self.process = subprocess.Popen([str(exe), "watch", *map(str, args)], cwd=cwd,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, encoding="utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "".join(self.seen)
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} within {WAIT} s:\n{''.join(self.seen)}")

    def stop(self) -> int:
        """Ctrl-C; the exit code. Every line it printed is in ``seen`` afterwards."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.reader.join(timeout=10)
            while not self.lines.empty():
                self.seen.append(self.lines.get())


def _titles(pdf: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(pdf).pages[:2])


@pytest.mark.slow
def test_watch_rebuilds_after_a_change_and_survives_a_bad_save(issues_dir, tmp_path):
    issue = issues_dir / "2023" / "2023-20.yaml"
    issue.parent.mkdir()
    text = SEED_ISSUE.read_text(encoding="utf-8")
    issue.write_text(text, encoding="utf-8")
    pdf = tmp_path / "watched.pdf"
    watcher = Watcher(issue, "-o", pdf, cwd=ROOT)
    try:
        watcher.wait_for("已生成")
        assert "组织开展检查监视" not in _titles(pdf)
        # An edit: a new title appears in the rebuilt PDF.
        time.sleep(0.05)
        issue.write_text(text.replace("市科协党组理论学习中心组开展主题教育学习研讨",
                                      "组织开展检查监视", 1), encoding="utf-8")
        watcher.wait_for("已生成")
        assert "组织开展检查监视" in _titles(pdf)
        good = pdf.read_bytes()
        # A bad save: the Chinese error, and the last good PDF is kept.
        issue.write_text(text.replace("number: 20", "number: 二十"), encoding="utf-8")
        watcher.wait_for("没有生成，上一次的 PDF 保持不变")
        error = watcher.wait_for("错误：")
        assert "2023-20.yaml" in error and "第 5 行" in error and "number" in error
        assert pdf.read_bytes() == good
        # Fixed again: built again, the watcher is still alive.
        issue.write_text(text, encoding="utf-8")
        watcher.wait_for("已生成")
        assert "组织开展检查监视" not in _titles(pdf)
        # publication.yaml is watched too.
        publication = issues_dir / "publication.yaml"
        publication.write_text(publication.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        watcher.wait_for("已生成")
        # So is the office's term list, from the moment it is made.
        (issues_dir / "terms.txt").write_text("北京制冷学会\n", encoding="utf-8")
        watcher.wait_for("已生成")
    finally:
        code = watcher.stop()
    assert code == 0
    assert "已停止监视" in watcher.seen[-1]
    assert "Traceback" not in "".join(watcher.seen)
    assert not list(tmp_path.glob(".*.tmp"))
