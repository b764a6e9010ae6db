"""weekly_pdf.aside: a function run in a forked process, its result brought back."""

from __future__ import annotations

import os
import types

import pytest

from weekly_pdf import aside
from weekly_pdf.errors import WeeklyPdfError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")


def test_the_result_comes_back_with_its_read_only_mappings():
    child = aside.start(lambda: {"roles": types.MappingProxyType({"body": "FandolFang"}),
                                 "pid": os.getpid()})
    result = child.result()
    assert result["pid"] != os.getpid()
    assert isinstance(result["roles"], types.MappingProxyType)
    assert dict(result["roles"]) == {"body": "FandolFang"}


def test_an_input_error_is_raised_again_with_its_message():
    def bad():
        raise WeeklyPdfError("2023-20.yaml 第 5 行：number 应为整数")

    child = aside.start(bad)
    with pytest.raises(WeeklyPdfError, match="^2023-20.yaml 第 5 行：number 应为整数$"):
        child.result()


@pytest.mark.parametrize("failure", ["exit", "bug", "unpicklable"])
def test_a_child_that_fails_gives_none_so_the_caller_does_the_work_itself(failure):
    def work():
        if failure == "exit":
            os._exit(9)
        if failure == "bug":
            raise KeyError("a bug")
        return lambda: None  # cannot be pickled

    assert aside.start(work).result() is None


def test_a_single_build_typesets_aside_and_writes_what_an_in_process_build_writes(
        project, tmp_path, monkeypatch):
    from tests.helpers import SEED_ISSUE
    from weekly_pdf.build import Builder
    if not aside.worthwhile():
        pytest.skip("one core: nothing is done aside")
    forked = []
    real_start = aside.start

    def start(function):
        child = real_start(function)
        forked.append(child)
        return child

    monkeypatch.setattr(aside, "start", start)
    Builder(project, aside=True).build(SEED_ISSUE, tmp_path / "aside.pdf")
    assert len(forked) == 1 and forked[0] is not None
    Builder(project).build(SEED_ISSUE, tmp_path / "here.pdf")
    assert (tmp_path / "aside.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()


def test_a_build_started_with_sigchld_ignored_still_works(tmp_path):
    """Whoever starts us may ignore SIGCHLD (the setting is inherited): the
    child is then reaped by the system and cannot be waited for."""
    import signal
    import subprocess

    from tests.helpers import SEED_ISSUE, exe
    result = subprocess.run([exe(), "build", str(SEED_ISSUE), "-o", str(tmp_path / "seed.pdf")],
                            capture_output=True, text=True, timeout=300,
                            preexec_fn=lambda: signal.signal(signal.SIGCHLD, signal.SIG_IGN))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已生成") and result.stderr == ""
