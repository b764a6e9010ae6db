"""What a user's shell does to the command never ends in a traceback: a closed
standard output, a terminal encoding without Chinese, an output stream on a
full disk, file names longer than the system allows."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.helpers import ROOT, SEED_ISSUE, exe, run_cli

STDOUT_CLOSED = ("提示：标准输出已关闭（命令后面写了“>&-”之类），结果信息改在这里显示；"
                 "生成照常进行。")
LONG_NAME = "市" * 90     # 270 bytes in UTF-8: over the 255-byte limit of a file name
TOO_LONG = "太长：有 {size} 字节，系统最多允许 255 字节（一个汉字占 3 字节，约 85 个汉字）；请用短一些的名字"


@pytest.fixture
def issue(tmp_path):
    """A copy of the seed issue and its publication.yaml in a folder of its own."""
    folder = tmp_path / "t"
    folder.mkdir()
    shutil.copy(SEED_ISSUE, folder / "a.yaml")
    shutil.copy(ROOT / "issues" / "publication.yaml", folder / "publication.yaml")
    return folder / "a.yaml"


def _run(args, cwd, *, close=(), env=None, stdout=subprocess.PIPE):
    """The command with the descriptors ``close`` closed, as ``>&-`` leaves them."""
    return subprocess.run([exe(), *map(str, args)], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, env={**os.environ, **(env or {})},
                          preexec_fn=(lambda: [os.close(fd) for fd in close]) if close else None,
                          timeout=600)


@pytest.mark.slow
def test_a_build_with_stdout_closed_writes_the_pdf_and_says_so_on_stderr(tmp_path, issue):
    result = _run(["build", "t/a.yaml"], tmp_path, close=[1], stdout=None)
    assert result.returncode == 0, result.stderr.decode()
    pdf = issue.with_suffix(".pdf")
    assert len(PdfReader(pdf).pages) == 8
    lines = result.stderr.decode("utf-8").splitlines()
    assert lines[0] == STDOUT_CLOSED
    assert lines[1] == f"已生成 t/a.pdf（8 页，{pdf.stat().st_size // 1024} KB）"
    assert "Traceback" not in result.stderr.decode()


@pytest.mark.slow
def test_a_build_with_stdout_and_stderr_closed_still_writes_the_pdf(tmp_path, issue):
    result = _run(["build", "t/a.yaml"], tmp_path, close=[1, 2], stdout=None)
    assert result.returncode == 0
    assert len(PdfReader(issue.with_suffix(".pdf")).pages) == 8


def test_check_with_stdout_closed_reports_on_stderr(tmp_path, issue):
    result = _run(["check", "t/a.yaml"], tmp_path, close=[1], stdout=None)
    assert result.returncode == 0
    assert result.stderr.decode("utf-8").splitlines() == [
        STDOUT_CLOSED, "无误：t/a.yaml（科协每周动态 2023年第20期（总第73期））"]


@pytest.mark.parametrize("encoding", ["ascii", "ANSI_X3.4-1968"])
def test_an_ascii_terminal_gets_the_chinese_messages_as_utf8(tmp_path, issue, encoding):
    good = _run(["check", "t/a.yaml"], tmp_path, env={"PYTHONIOENCODING": encoding})
    assert good.returncode == 0
    assert good.stdout.decode("utf-8") == "无误：t/a.yaml（科协每周动态 2023年第20期（总第73期））\n"
    bad = _run(["check", "t/none.yaml"], tmp_path, env={"PYTHONIOENCODING": encoding})
    assert bad.returncode == 1
    assert bad.stderr.decode("utf-8") == "错误：文件 t/none.yaml：找不到这个文件\n"


def test_a_latin1_terminal_gets_the_chinese_messages_escaped(tmp_path, issue):
    bad = _run(["check", "t/none.yaml"], tmp_path, env={"PYTHONIOENCODING": "latin-1"})
    assert bad.returncode == 1
    text = bad.stderr.decode("latin-1")
    assert "\\u9519\\u8bef" in text  # 错误, escaped: readable by a maintainer, never a crash
    assert text.encode("latin-1").decode("unicode_escape") == "错误：文件 t/none.yaml：找不到这个文件\n"


def test_the_c_locale_without_coercion_still_prints_chinese(tmp_path, issue):
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    result = _run(["check", "t/a.yaml"], tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith("无误：t/a.yaml")


def test_stdout_on_a_full_disk_is_an_environment_error(tmp_path, issue):
    with open("/dev/full", "w") as full:
        result = _run(["check", "t/a.yaml"], tmp_path, stdout=full)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == (
        "错误：无法写出结果信息（磁盘已满）：标准输出所指的地方写不进去\n")


def test_an_output_name_over_the_system_limit_is_a_usage_error(tmp_path, issue):
    result = run_cli("build", "t/a.yaml", "-o", f"{LONG_NAME}.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"错误：输出文件 {LONG_NAME}.pdf 的名字“{'市' * 12}…”"
                             + TOO_LONG.format(size=274) + "\n")
    assert list(tmp_path.iterdir()) == [tmp_path / "t"]


@pytest.mark.slow
def test_an_output_name_just_within_the_limit_is_written(tmp_path, issue):
    name = "市" * 83 + ".pdf"   # 253 bytes: its temporary file's name must be cut to fit
    result = run_cli("build", "t/a.yaml", "-o", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / name).pages) == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "t"])  # no temp file left


def test_an_issue_file_name_over_the_limit_is_an_input_error(tmp_path, issue):
    build = run_cli("build", f"t/{LONG_NAME}.yaml", cwd=tmp_path)
    assert build.returncode == 1
    assert build.stderr == (f"错误：文件 t/{LONG_NAME}.yaml：期刊文件的名字“{'市' * 12}…”"
                            + TOO_LONG.format(size=275) + "\n")
    preview = run_cli("preview", f"t/{LONG_NAME}.yaml", cwd=tmp_path)
    assert preview.returncode == 1
    assert preview.stderr.startswith(f"错误：无法使用 t/{LONG_NAME}.yaml（文件名太长")
    check = run_cli("check", f"t/{LONG_NAME}.yaml", cwd=tmp_path)
    assert check.returncode == 1
    assert check.stderr == (f"错误：无法使用 t/{LONG_NAME}.yaml（文件名太长：一个文件或文件夹的名字最多 "
                            f"255 字节（一个汉字占 3 字节，约 85 个汉字），请用短一些的名字）\n")


def test_folders_and_files_named_over_the_limit_are_input_errors(tmp_path):
    for args in (["build-all", LONG_NAME], ["volume", "2023", "--out-dir", LONG_NAME],
                 ["import", f"{LONG_NAME}.txt", "-o", "x"], ["preview", f"{LONG_NAME}.pdf"],
                 ["verify", f"{LONG_NAME}.pdf"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr.startswith("错误：") and "内部错误" not in result.stderr, args


def test_a_preview_folder_derived_from_a_long_pdf_name_is_cut_to_fit(seed_pdf, tmp_path):
    name = "市" * 83 + "xx.pdf"   # 255 bytes: "-preview" after its stem would not fit
    shutil.copy(seed_pdf, tmp_path / name)
    result = run_cli("preview", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / ("市" * 82 + "-preview")   # 254 bytes
    assert len(list(folder.glob("page-*.png"))) == 8


#: A locale whose file names are ASCII: no locale set, and Python's UTF-8 mode turned off.
ASCII_NAMES = {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}


def test_chinese_folder_names_print_as_they_are_under_an_ascii_locale(tmp_path, issue):
    folder = tmp_path / "中文"
    folder.mkdir()
    shutil.copy(issue, folder / "a.yaml")
    shutil.copy(issue.parent / "publication.yaml", folder / "publication.yaml")
    result = _run(["check", "中文/a.yaml"], tmp_path, env=ASCII_NAMES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == "无误：中文/a.yaml（科协每周动态 2023年第20期（总第73期））\n"


@pytest.mark.slow
def test_a_chinese_file_name_the_program_makes_under_an_ascii_locale_is_explained(tmp_path):
    from tests.archive.archive_tools import build_all, new_archive
    from tests.issuegen import write_archive
    issues = new_archive(tmp_path)
    write_archive(issues, 1, articles=2)
    assert build_all(issues, tmp_path / "out").returncode == 0
    result = _run(["volume", "2023", "--out-dir", "out"], tmp_path, env=ASCII_NAMES)  # 2023年合订本.pdf
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == (
        "错误：这台电脑的文件名编码是 ASCII（没有设置中文或 UTF-8 的语言环境，例如 LANG=C，又关掉了 "
        "Python 的 UTF-8 模式），写不出带汉字的文件名；请设置 LANG=C.UTF-8（或 zh_CN.UTF-8）再运行\n")
