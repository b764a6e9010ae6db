"""Build every issue of an archive that needs it, in parallel, safely.

The batch takes the output folder's lock, clears the temporary files an
interrupted batch left, works out from the state which issues changed, renders
those in worker processes (:mod:`.worker`) and records each result as it
arrives. Whatever happens to one issue, the others go on. The catalog is
rewritten at the end, also when there was nothing to render.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..project import Project
from .catalog import entry as catalog_entry, write_catalog
from .discover import IssueFile, find_issue_files, shared_output_message, shared_outputs
from .inputs import SharedInputs, fonts_digest, layouts_digest, program_digest
from .progress import Progress
from .state import BatchLock, State, pdf_unchanged
from ..atomic import clear_temp_files

#: Seconds between two saves of the state while rendering.
SAVE_EVERY = 2.0


@dataclass
class Failure:
    issue: IssueFile
    errors: list[str]
    cached: bool = False  # the same error as last time: the inputs did not change


@dataclass
class BatchResult:
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
              force: bool = False, options: dict | None = None, stream=None) -> BatchResult:
    """Bring ``out_dir`` up to date with ``issues_dir``; see the module docstring."""
    started = time.monotonic()
    options = dict(options or {})
    out_dir = Path(out_dir)
    result = BatchResult()
    files = find_issue_files(issues_dir, out_dir)
    result.total = len(files)
    with BatchLock(out_dir):
        result.removed_temp = len(clear_temp_files(out_dir))
        state = State(out_dir)
        fonts, state.fonts = fonts_digest(project.fonts_dir, state.fonts)
        shared = SharedInputs(program_digest(), layouts_digest(project.layouts_dir), fonts,
                              tuple(sorted(options.items())))
        todo: list[tuple[IssueFile, str]] = []
        clashing = set()
        for group in shared_outputs(files):
            for issue in group:
                clashing.add(issue.name)
                result.failures.append(Failure(issue, [shared_output_message(issue, group)]))
        for issue in files:
            if issue.name in clashing:
                continue
            key = shared.issue_key(issue.source, issue.pdf_name)
            known = state.issues.get(issue.name)
            if not force and known and known.get("key") == key:
                if known.get("status") == "ok" and pdf_unchanged(known, issue.output):
                    result.skipped += 1
                    continue
                if known.get("status") == "failed":
                    result.failures.append(Failure(issue, list(known.get("error", [])), True))
                    continue
            todo.append((issue, key))
        names = {issue.name for issue in files}
        state.issues = {k: v for k, v in state.issues.items() if k in names}
        try:
            if todo:
                _render(project, todo, state, result, jobs or default_jobs(), options, stream)
        finally:
            state.save()
            entries = []
            for issue in files:
                known = state.issues.get(issue.name)
                if known and known.get("status") == "ok" and pdf_unchanged(known, issue.output):
                    entries.append(catalog_entry(known["record"], pages=known["pages"],
                                                 pdf=issue.pdf_name, sha256=known["sha256"],
                                                 source=issue.name))
            result.catalog = write_catalog(out_dir, entries)
            result.catalog_count = len(entries)
            result.seconds = time.monotonic() - started
    order = {issue.name: i for i, issue in enumerate(files)}
    result.failures.sort(key=lambda f: order[f.issue.name])
    return result


CRASHED = "生成这一期时工作进程意外退出（可能是内存不足）；下次运行会重试"


def _render(project: Project, todo, state: State, result: BatchResult, jobs: int,
            options: dict, stream) -> None:
    """Render ``todo`` (issue, key) and record every outcome in ``state`` and ``result``."""
    run = _Batch(todo, state, result, Progress(len(todo), stream))
    jobs = max(1, min(jobs, len(todo)))
    result.jobs = jobs
    # Load WeasyPrint once here, so that forked workers start with it.
    from ..pdf import start
    start()
    try:
        if jobs == 1:
            run.here(str(project.root), options)
        else:
            run.in_pool(str(project.root), options, jobs)
    except KeyboardInterrupt:
        result.interrupted = True
    finally:
        run.progress.close()


class _Batch:
    """The issues of one batch still to render, those being rendered, and what came of them."""

    def __init__(self, todo, state: State, result: BatchResult, progress: Progress):
        self.keys = {issue.name: key for issue, key in todo}
        self.issues = {issue.name: issue for issue, _ in todo}
        self.pending: list[IssueFile] = [issue for issue, _ in todo]
        self.in_flight: dict = {}  # future (or None in-process) → IssueFile
        self.state, self.result, self.progress = state, result, progress
        self.last_save = time.monotonic()

    def running(self) -> list[str]:
        return [issue.name for issue in self.in_flight.values()]

    def record(self, outcome: dict) -> None:
        """Note one issue's outcome in the state, the result and the progress."""
        issue = self.issues[outcome["name"]]
        key = self.keys[issue.name]
        if outcome["ok"]:
            self.state.issues[issue.name] = {
                "key": key, "status": "ok", "pdf": issue.pdf_name,
                "size": outcome["size"], "mtime_ns": outcome["mtime_ns"],
                "sha256": outcome["sha256"], "pages": outcome["pages"],
                "record": outcome["record"]}
            self.result.built.append(issue)
            if outcome.get("fallbacks"):
                self.result.fallbacks.append(issue)
            message = f"已生成 {issue.name}（{outcome['pages']} 页）"
        else:
            if outcome.get("crashed"):
                self.state.issues.pop(issue.name, None)  # maybe not the input's fault: retry
            else:
                self.state.issues[issue.name] = {"key": key, "status": "failed",
                                                 "error": outcome["error"]}
            self.result.failures.append(Failure(issue, outcome["error"]))
            message = f"失败 {issue.name}"
        self.progress.finished(issue.name, message, self.running())
        if time.monotonic() - self.last_save > SAVE_EVERY:
            self.state.save()
            self.last_save = time.monotonic()

    def crashed(self, issue: IssueFile) -> None:
        self.record({"name": issue.name, "ok": False, "crashed": True, "error": [CRASHED]})

    def here(self, root: str, options: dict) -> None:
        """Render in this process, one issue after the other (-j 1)."""
        from . import worker
        try:
            worker.start(root, options)
            while self.pending:
                issue = self.pending.pop(0)
                self.in_flight[None] = issue
                self.progress.show(self.running())
                outcome = worker.render(issue.name, str(issue.source), str(issue.output))
                del self.in_flight[None]
                self.record(outcome)
        finally:
            worker.stop()

    def in_pool(self, root: str, options: dict, jobs: int) -> None:
        """Render in ``jobs`` forked worker processes, at most one issue each at a time."""
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        from . import worker

        context = multiprocessing.get_context("fork")
        while self.pending:  # a new pool if a worker crashed and broke the last one
            with ProcessPoolExecutor(jobs, mp_context=context, initializer=worker.start,
                                     initargs=(root, options, os.getpid())
                                     ) as executor:
                def fill() -> None:
                    while self.pending and len(self.in_flight) < jobs:
                        nxt = self.pending[0]
                        future = executor.submit(worker.render, nxt.name,
                                                 str(nxt.source), str(nxt.output))
                        self.in_flight[future] = self.pending.pop(0)

                try:
                    while self.pending or self.in_flight:
                        fill()
                        self.progress.show(self.running())
                        done, _ = wait(list(self.in_flight), timeout=0.5,
                                       return_when=FIRST_COMPLETED)
                        for future in done:
                            issue = self.in_flight.pop(future)
                            try:  # keep the workers busy, and the progress line true
                                fill()
                            except BrokenProcessPool:
                                pass  # raised again by the next fill(), handled below
                            try:
                                outcome = future.result()
                            except BrokenProcessPool:
                                self.crashed(issue)
                            else:
                                self.record(outcome)
                except BrokenProcessPool:
                    for issue in list(self.in_flight.values()):
                        self.crashed(issue)
                    self.in_flight.clear()
