"""Build every issue of an archive that needs it, in parallel, safely.

The batch takes the output folder's lock, makes its work folder (clearing the
one an interrupted batch left), works out from the state which issues changed,
renders those in worker processes (:mod:`.worker`) and records each result as
it arrives. Whatever happens to one issue, the others go on: an issue that
takes longer than the time limit has its worker killed and replaced. The
catalog is rewritten at the end, also when there was nothing to render.

Ctrl-C or SIGTERM, once or any number of times: the first signal stops the
batch, later ones are ignored while it cleans up (workers killed, work folder
removed, state and catalog saved, lock released), which takes moments.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import signals
from ..atomic import os_reason
from ..errors import WeeklyPdfError, display_path
from ..options import BuildOptions
from ..project import Project
from . import scratch
from .catalog import CatalogEntry, write_catalog
from .discover import (IssueFile, find_issue_files, named_issue, same_issue, same_issue_message,
                       shared_output_message, shared_outputs)
from .inputs import SharedInputs, fonts_digest, layouts_digest, program_digest
from .progress import Progress
from .state import BatchLock, BuiltOfd, BuiltPdf, IssueState, State
from .worker import Refused, Rendered

#: Seconds between two saves of the state while rendering.
SAVE_EVERY = 2.0
#: Seconds one issue may take before its worker is killed (``--time-limit``).
DEFAULT_TIME_LIMIT = 180.0

CRASHED = "生成这一期时工作进程意外退出（可能是内存不足）；下次运行会重试"


def timed_out(limit: float) -> str:
    return (f"生成这一期超过了时间限制（{limit:g} 秒），已停止；下次运行会重试。若每次都超时，"
            f"请检查这一期是否过长，或用 --time-limit 秒数 放宽限制")


@dataclass(frozen=True)
class Failure:
    issue: IssueFile
    errors: tuple[str, ...]
    cached: bool = False  # the same input error as last time: the inputs did not change
    written: bool = False  # its PDF is whole and written, yet wrong (the same issue as another)


@dataclass
class BatchResult:
    """What one batch did, filled in as it goes."""

    total: int = 0
    built: list[IssueFile] = field(default_factory=list)
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    removed_temp: int = 0
    jobs: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    catalog: tuple[Path, Path] | None = None
    catalog_count: int = 0
    #: Issues rendered in this batch that use fallback fonts for some characters.
    fallbacks: list[IssueFile] = field(default_factory=list)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_batch(project: Project, issues_dir: Path, out_dir: Path, *, jobs: int | None = None,
              force: bool = False, options: BuildOptions = BuildOptions(), stream=None,
              time_limit: float | None = DEFAULT_TIME_LIMIT) -> BatchResult:
    """Bring ``out_dir`` up to date with ``issues_dir``; see the module docstring."""
    started = time.monotonic()
    out_dir = Path(out_dir)
    result = BatchResult()
    files = find_issue_files(issues_dir, out_dir)
    result.total = len(files)
    with signals.stop_once(), BatchLock(out_dir) as lock:
        work, result.removed_temp = scratch.create(out_dir)
        try:
            state = State(out_dir)
            fonts, state.fonts = fonts_digest(project.fonts_dir, state.fonts)
            shared = SharedInputs(program_digest(), layouts_digest(project.layouts_dir), fonts,
                                  options)
            todo = _todo(project, Path(issues_dir), files, state, shared, force, result)
            names = {issue.name for issue in files}
            state.issues = {k: v for k, v in state.issues.items() if k in names}
            try:
                if todo:
                    run = _Batch(todo, state, result, Progress(len(todo), stream), work)
                    run.render(project, options, jobs or default_jobs(), time_limit, lock.fd)
            except KeyboardInterrupt:
                result.interrupted = True
            finally:
                try:
                    state.save(work)
                finally:
                    entries = [_catalog_entry(issue, state.issues.get(issue.name))
                               for issue in files]
                    entries = [e for e in entries if e is not None]
                    _report_same_issue(files, entries, result)
                    result.catalog = write_catalog(out_dir, entries, temp_dir=work)
                    result.catalog_count = len(entries)
                    result.seconds = time.monotonic() - started
        finally:
            scratch.remove(work)
    order = {issue.name: i for i, issue in enumerate(files)}
    result.failures.sort(key=lambda f: order[f.issue.name])
    return result


def _todo(project: Project, issues_dir: Path, files, state: State, shared: SharedInputs,
          force: bool, result: BatchResult) -> list[tuple[IssueFile, str]]:
    """The issues to render and their keys; the others counted as skipped or failed."""
    todo = []
    clashing = set()
    for group in shared_outputs(files):
        for issue in group:
            clashing.add(issue.name)
            result.failures.append(Failure(issue, (shared_output_message(issue, group),)))
    named = {issue.name: ident for issue in files
             if issue.name not in clashing and (ident := named_issue(issue))}
    for group in same_issue(files, named):  # 2023-5.yaml beside 2023-05.yaml
        for issue in group:
            clashing.add(issue.name)
            message = same_issue_message(issue, group, named[issue.name], by_name=True)
            result.failures.append(Failure(issue, (message,)))
    for issue in files:
        if issue.name in clashing:
            continue
        try:  # a link out of the issues folder is never read, not even hashed
            project.check_input(issue.source, issues_dir)
        except WeeklyPdfError as exc:
            result.failures.append(Failure(issue, (str(exc),)))
            continue
        try:
            key = shared.issue_key(issue.source, issue.pdf_name)
        except OSError as exc:  # unreadable now: say so, try again next run
            result.failures.append(Failure(issue, (f"无法读取 {issue.name}（{os_reason(exc)}）",)))
            continue
        known = state.issues.get(issue.name)
        if not force and known:
            if known.failed_key == key:
                result.failures.append(Failure(issue, known.errors, True))
                continue
            if known.built and known.built.key == key and known.built.unchanged(issue.output):
                result.skipped += 1
                continue
        todo.append((issue, key))
    return todo


def _report_same_issue(files: list[IssueFile], entries: list[CatalogEntry],
                       result: BatchResult) -> None:
    """Fail the issue files whose PDFs are the same issue by their contents
    (2023-05.yaml and a copy "2023-05 (2).yaml"): each is whole, but the
    catalog and the volume must hold an issue once."""
    ids = {e.source: (e.record.year, e.record.series, e.record.number) for e in entries}
    failed = {f.issue.name for f in result.failures}
    for group in same_issue(files, ids):
        for issue in group:
            if issue.name not in failed:
                message = same_issue_message(issue, group, ids[issue.name], by_name=False)
                result.failures.append(Failure(issue, (message,), written=True))


def _catalog_entry(issue: IssueFile, known: IssueState | None) -> CatalogEntry | None:
    """The issue's catalog entry when its PDF is the one the state recorded
    (also after a later attempt failed: that PDF is still whole and valid)."""
    if not known or not known.built:
        return None
    built = known.built
    if built.pdf != issue.pdf_name or not built.unchanged(issue.output):
        return None
    ofd = built.ofd
    if ofd and (ofd.ofd != issue.ofd_name or not ofd.unchanged(issue.output.with_suffix(".ofd"))):
        ofd = None
    return CatalogEntry(built.record, built.pages, issue.pdf_name, built.sha256, issue.name,
                        ofd.ofd if ofd else None, ofd.sha256 if ofd else None)


class _Slot:
    """One worker process, the pipe to it, and the issue it is rendering."""

    def __init__(self, process, conn):
        self.process, self.conn = process, conn
        self.issue: IssueFile | None = None
        self.since = 0.0

    def kill(self) -> None:
        if self.process.is_alive():
            try:
                os.kill(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.join(5)
        self.conn.close()


class _Batch:
    """The issues of one batch still to render, those being rendered, and what came of them."""

    def __init__(self, todo, state: State, result: BatchResult, progress: Progress, work: Path):
        self.keys = {issue.name: key for issue, key in todo}
        self.pending: list[IssueFile] = [issue for issue, _ in todo]
        self.slots: list[_Slot] = []
        self.state, self.result, self.progress, self.work = state, result, progress, work
        self.last_save = time.monotonic()

    def running(self) -> list[str]:
        return [slot.issue.name for slot in self.slots if slot.issue is not None]

    def record(self, issue: IssueFile, outcome: Rendered | Refused) -> None:
        """Note one issue's outcome in the state, the result and the progress."""
        previous = self.state.issues.get(issue.name, IssueState())
        if isinstance(outcome, Rendered):
            ofd = BuiltOfd(issue.ofd_name, *outcome.ofd) if outcome.ofd else None
            self.state.issues[issue.name] = IssueState(BuiltPdf(
                self.keys[issue.name], issue.pdf_name, outcome.size, outcome.mtime_ns,
                outcome.sha256, outcome.pages, outcome.record, ofd))
            self.result.built.append(issue)
            if outcome.fallbacks:
                self.result.fallbacks.append(issue)
            message = f"已生成 {display_path(issue.output)}（{outcome.pages} 页）"  # the PDF
        else:
            if outcome.retry:  # not the input's fault: keep no failure, try again next run
                self.state.issues[issue.name] = IssueState(previous.built)
            else:
                self.state.issues[issue.name] = IssueState(
                    previous.built, self.keys[issue.name], outcome.errors)
            self.result.failures.append(Failure(issue, outcome.errors))
            message = f"失败 {issue.name}"
        self.progress.finished(issue.name, message, self.running())
        if time.monotonic() - self.last_save > SAVE_EVERY:
            self.state.save(self.work)
            self.last_save = time.monotonic()

    def render(self, project: Project, options: BuildOptions, jobs: int, time_limit: float | None,
               lock_fd: int | None) -> None:
        """Render in ``jobs`` forked worker processes, one issue each at a time."""
        import multiprocessing
        from multiprocessing.connection import wait

        from ..pdf.engine import start
        from . import worker

        start()  # WeasyPrint loaded once here: the forked workers start with it
        context = multiprocessing.get_context("fork")
        jobs = max(1, min(jobs, len(self.pending)))
        self.result.jobs = jobs

        def spawn() -> _Slot:
            ours, theirs = context.Pipe()
            inherited = [fd for fd in [lock_fd, ours.fileno()]
                         + [s.conn.fileno() for s in self.slots if not s.conn.closed]
                         if fd is not None]
            process = context.Process(
                target=worker.serve, daemon=True,
                args=(theirs, str(project.root), options, str(self.work), os.getpid(),
                      inherited))
            process.start()
            theirs.close()
            return _Slot(process, ours)

        def replace(slot: _Slot) -> None:
            slot.kill()
            self.slots[self.slots.index(slot)] = spawn()

        try:
            for _ in range(jobs):
                self.slots.append(spawn())
            while self.pending or any(s.issue for s in self.slots):
                signals.check()
                for slot in list(self.slots):
                    if slot.issue is None and self.pending:
                        issue = self.pending.pop(0)
                        try:
                            slot.conn.send((issue.name, str(issue.source), str(issue.output)))
                        except OSError:  # the worker is gone: another one takes the issue
                            self.pending.insert(0, issue)
                            replace(slot)
                            continue
                        slot.issue, slot.since = issue, time.monotonic()
                self.progress.show(self.running())
                busy = [s for s in self.slots if s.issue is not None]
                wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=0.5)
                for slot in busy:
                    issue = slot.issue
                    if slot.conn.poll():
                        try:
                            outcome = slot.conn.recv()
                        except (EOFError, OSError):
                            self.record(issue, Refused(issue.name, (CRASHED,), True))
                            replace(slot)
                            continue
                        slot.issue = None
                        self.record(issue, outcome)
                    elif not slot.process.is_alive():
                        self.record(issue, Refused(issue.name, (CRASHED,), True))
                        replace(slot)
                    elif time_limit and time.monotonic() - slot.since > time_limit:
                        replace(slot)
                        self.record(issue, Refused(issue.name, (timed_out(time_limit),), True))
        finally:
            for slot in self.slots:
                slot.kill()
            self.slots = []
            self.progress.close()
