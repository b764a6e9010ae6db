"""What the tests share besides fixtures: the project's paths, the command as a
user runs it, and a copy of the project to change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The reference issue's text as the office published it (the seed), and its issue file.
SEED_TEXT = ROOT / "tests" / "data" / "seed-2023-20.txt"
SEED_ISSUE = ROOT / "issues" / "2023" / "2023-20.yaml"
#: An issue with every kind of body block (headings, pictures, tables, 编者按), and its pictures.
BLOCKS_ISSUE = ROOT / "tests" / "data" / "blocks" / "2023" / "2023-21.yaml"


def exe() -> str:
    """The installed ``weekly-pdf`` command of the running interpreter."""
    return str(Path(sys.executable).parent / "weekly-pdf")


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            process: bool = False) -> subprocess.CompletedProcess:
    """Run the ``weekly-pdf`` command as a user would and collect what it printed.

    By default the command runs in a child forked from this test process: a
    process of its own (its own exit code, streams, working folder, signal
    handlers and memory; nothing it does reaches the tests), that starts with
    the libraries already loaded instead of paying the interpreter's and
    WeasyPrint's start-up (about half a second) for every call.
    ``process=True``, or ``env`` (changes to the environment: locale and
    encodings are read at start-up), runs the installed command in a new
    process, start-up and all."""
    args = [str(arg) for arg in args]
    if process or env or not hasattr(os, "fork"):
        return subprocess.run([exe(), *args], capture_output=True, text=True,
                              cwd=cwd or ROOT, env={**os.environ, **env} if env else None,
                              timeout=600)
    return _forked(args, Path(cwd or ROOT))


def _forked(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``weekly-pdf ARGS`` in a forked child, as :func:`weekly_pdf.cli.entry` runs it."""
    import io
    import selectors
    import signal

    from weekly_pdf import cli

    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a command line's process, then gone
        code = 70
        try:
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(out_write, 1)
            os.dup2(err_write, 2)
            for fd in (null, out_read, out_write, err_read, err_write):
                os.close(fd)
            os.chdir(cwd)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            sys.stdin = io.TextIOWrapper(open(0, "rb", closefd=False), encoding="utf-8")
            sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding="utf-8")
            sys.stderr = io.TextIOWrapper(open(2, "wb", closefd=False), encoding="utf-8",
                                          errors="backslashreplace", line_buffering=True)
            try:
                code = cli.main(args)
            except SystemExit as exc:  # argparse's --help and usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (BrokenPipeError, ValueError):
                    pass
        except BaseException:
            import traceback
            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(out_write)
    os.close(err_write)
    chunks: dict[int, list[bytes]] = {out_read: [], err_read: []}
    with selectors.DefaultSelector() as selector:
        for fd in chunks:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                data = os.read(key.fd, 1 << 16)
                if data:
                    chunks[key.fd].append(data)
                else:
                    selector.unregister(key.fd)
                    os.close(key.fd)
    _, status = os.waitpid(pid, 0)
    text = {fd: b"".join(parts).decode("utf-8", "replace") for fd, parts in chunks.items()}
    return subprocess.CompletedProcess([exe(), *args], os.waitstatus_to_exitcode(status),
                                       text[out_read], text[err_read])


def copy_project(dest: Path) -> Path:
    """A copy of the project (layouts/, issues/, fonts/) at ``dest``; font files
    are hard-linked where the file system allows, to keep it cheap."""
    shutil.copytree(ROOT / "layouts", dest / "layouts")
    shutil.copytree(ROOT / "issues", dest / "issues")
    shutil.copytree(ROOT / "fonts", dest / "fonts", copy_function=_link_or_copy,
                    ignore=shutil.ignore_patterns("local"))
    (dest / "fonts" / "local").mkdir()
    return dest


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def write_issue_text(issues_dir: Path, text: str, name: str = "2023-20.yaml") -> Path:
    """Write ``text`` as issues_dir/2023/``name`` and return the path."""
    path = issues_dir / "2023" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pdfa_options(level: str | None):
    """The BuildOptions of ``--pdfa=LEVEL`` ("1b", "2b"), of ``--no-pdfa``
    ("none") or of no flag (None)."""
    from weekly_pdf.options import PLAIN, BuildOptions, parse_level
    if level is None:
        return BuildOptions()
    return BuildOptions(pdfa=parse_level(level) or PLAIN)
