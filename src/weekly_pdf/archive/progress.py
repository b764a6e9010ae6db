"""A progress bar on stderr: done/total, the issues being rendered, elapsed and ETA.

On a terminal the bar redraws one line; otherwise (a log file, a CI job) it
prints one plain line per finished issue, so the log stays readable.
"""

from __future__ import annotations

import sys
import time

WIDTH = 24


def duration(seconds: float) -> str:
    """12.3 秒 / 2 分 05 秒."""
    if seconds < 60:
        return f"{seconds:.1f} 秒"
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} 分 {secs:02d} 秒"


class Progress:
    def __init__(self, total: int, stream=None):
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self._drawn = False

    def eta(self) -> str:
        if not self.done:
            return "预计剩余时间计算中"
        elapsed = time.monotonic() - self.started
        return f"预计还需 {duration(elapsed / self.done * (self.total - self.done))}"

    def _bar(self) -> str:
        filled = WIDTH * self.done // max(self.total, 1)
        percent = 100 * self.done // max(self.total, 1)
        return f"[{'█' * filled}{'░' * (WIDTH - filled)}] {self.done}/{self.total} {percent:3d}%"

    @staticmethod
    def _names(rendering: list[str]) -> str:
        return "、".join(rendering[:3]) + ("……" if len(rendering) > 3 else "")

    def show(self, rendering: list[str]) -> None:
        """Redraw the bar (terminal only) naming the issues being rendered."""
        if not self.tty:
            return
        names = self._names(rendering)
        line = f"{self._bar()}  正在生成 {names}  {self.eta()}" if names else self._bar()
        self.stream.write("\r\033[K" + line)
        self.stream.flush()
        self._drawn = True

    def finished(self, name: str, message: str, rendering: list[str]) -> None:
        """One issue is done: ``message`` says how it went."""
        self.done += 1
        if self.tty:
            self.stream.write("\r\033[K" + f"{message}\n")
            self.show(rendering)
        else:
            filled = WIDTH * self.done // max(self.total, 1)
            percent = 100 * self.done // max(self.total, 1)
            now = f"  正在生成 {self._names(rendering)}" if rendering else ""
            self.stream.write(f"[{self.done}/{self.total}] {message}  "
                              f"{'█' * filled}{'░' * (WIDTH - filled)} {percent}%{now}  "
                              f"{self.eta() if self.done < self.total else ''}".rstrip() + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
