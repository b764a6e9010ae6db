"""Fixtures' builds, made once per test run and shared by the xdist workers.

Many modules build the same inputs for their fixtures (the seed, the
generated picture and table issues, the archival builds). A fixture asks
:func:`build_once`: the first worker to need a build makes it with the real
builder; the others copy its bytes. The key is everything a build reads that
a test can change: the issue file (its name and bytes), every file under its
folder (pictures), the files beside that folder (publication.yaml, terms),
the project and the options. layouts/ and fonts/ are the project's, which no
test changes under a shared builder.

While one worker makes a build, another that needs the same one waits for
it (a lock per build) instead of making it too. A fixture that needs several
builds asks :func:`build_many`: two workers running the same fixture at
once take its builds from opposite ends and meet in the middle, so each
makes about half and copies the rest.

Only fixtures use it. A test about the build itself (byte-identical rebuilds,
warm builders, memory, caches, the command) builds with the builder, every
time.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pickle
import shutil
from contextlib import contextmanager
from pathlib import Path

from weekly_pdf.build import Built
from weekly_pdf.options import BuildOptions

#: What a build writes, which is no input of another build beside it.
_OUTPUTS = {".pdf", ".ofd", ".png", ".tmp"}


def build_once(builder, tmp_path_factory, issue_file: Path, output: Path,
               options: BuildOptions = BuildOptions()) -> Built:
    """``builder.build(issue_file, output, options)``, or a copy of the same
    build made earlier in this run (by any worker)."""
    issue_file, output = Path(issue_file), Path(output)
    store = _store(tmp_path_factory) / _key(builder, issue_file, options)
    with _locked(store, wait=True):
        return _build_or_copy(builder, store, issue_file, output, options)


#: One build a fixture needs: (issue file, output) or (issue file, output, options).
Job = tuple


def build_many(builder, tmp_path_factory, jobs: "list[Job]") -> list[Built]:
    """:func:`build_once` for each job, in the order given.

    A worker with an odd number (gw1, gw3) goes through the jobs from the
    last; a build another worker is making is skipped and, once the others
    are done, waited for and copied."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    order = list(range(len(jobs)))
    if int(worker.removeprefix("gw") or 0) % 2:
        order.reverse()
    folder = _store(tmp_path_factory)
    built: dict[int, Built] = {}
    busy = []
    for index in order:
        issue_file, output, *rest = jobs[index]
        job = (Path(issue_file), Path(output), rest[0] if rest else BuildOptions())
        store = folder / _key(builder, job[0], job[2])
        with _locked(store, wait=False) as got:
            if got:
                built[index] = _build_or_copy(builder, store, *job)
            else:
                busy.append((index, store, job))
    for index, store, job in busy:
        with _locked(store, wait=True):
            built[index] = _build_or_copy(builder, store, *job)
    return [built[index] for index in range(len(jobs))]


@contextmanager
def _locked(store: Path, wait: bool):
    """Holds the lock of one build (True), or yields False at once when
    ``wait`` is False and another worker holds it."""
    with open(store.with_name(f"{store.name}.lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build_or_copy(builder, store: Path, issue_file: Path, output: Path,
                   options: BuildOptions) -> Built:
    if (store / "done").exists():
        return _copy(builder, store, issue_file, output, options)
    built = builder.build(issue_file, output, options)
    _keep(built, store)
    return built


def _store(tmp_path_factory) -> Path:
    """The run's folder of builds: above the workers' own temporary folders."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / "built-once"
    folder.mkdir(exist_ok=True)
    return folder


def _key(builder, issue_file: Path, options: BuildOptions) -> str:
    digest = hashlib.sha256()

    def add(*parts) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode()
            digest.update(len(data).to_bytes(8, "big") + data)

    add(builder.project.root.resolve(), repr(options), issue_file.name, issue_file.read_bytes())
    folder = issue_file.parent
    inputs = [path for path in sorted(folder.rglob("*")) if path.is_file()]
    inputs += [path for path in sorted(folder.parent.iterdir()) if path.is_file()]
    for path in inputs:
        if path.suffix.lower() not in _OUTPUTS and path != issue_file:
            add(path.relative_to(folder.parent), path.read_bytes())
    return digest.hexdigest()[:32]


def _keep(built: Built, store: Path) -> None:
    """Store a build's files; a folder appears whole (renamed into place) or not at all."""
    temp = store.with_name(f"{store.name}.{os.getpid()}")
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir()
    shutil.copyfile(built.output, temp / "pdf")
    if built.ofd is not None:
        shutil.copyfile(built.ofd, temp / "ofd")
    (temp / "fallbacks").write_bytes(pickle.dumps(built.fallbacks))
    (temp / "built.json").write_text(json.dumps({"pages": built.pages}))
    (temp / "done").touch()
    temp.rename(store)  # under the build's lock: no other worker stores it meanwhile


def _copy(builder, store: Path, issue_file: Path, output: Path,
          options: BuildOptions) -> Built:
    issue, _ = builder.load(issue_file)
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(store / "pdf", output)
    built = Built(issue, output, pickle.loads((store / "fallbacks").read_bytes()),
                  output.stat().st_size, json.loads((store / "built.json").read_text())["pages"],
                  options.level(issue.pdfa))
    if (store / "ofd").exists():
        from weekly_pdf.pdf.ofd import ofd_path
        built.ofd = ofd_path(output)
        shutil.copyfile(store / "ofd", built.ofd)
        built.ofd_size = built.ofd.stat().st_size
    return built
