"""A warm process (watch, a batch worker) remembers typeset paragraphs,
compiled templates, font subsets and dense font programs between builds. What
it writes must be what a fresh process writes."""

from __future__ import annotations

from tests.helpers import SEED_ISSUE, run_cli, write_issue_text


def test_a_warm_builder_writes_what_a_fresh_process_writes_after_each_edit(
        builder, issues_dir, tmp_path):
    text = SEED_ISSUE.read_text(encoding="utf-8")
    edits = [
        text,
        # One character of one paragraph: only that paragraph is set again.
        text.replace("学习研讨（扩大）", "学习研究（扩大）", 1),
        # Characters no build has drawn yet: new glyphs in the body and title fonts.
        text.replace("学习研讨（扩大）", "学习研讨（鑫淼犇）", 1)
            .replace("学会聚力赋能交流研讨活动在京举办", "学会聚力赋能交流研讨活动在京举办龘", 1),
        text,
    ]
    for n, edit in enumerate(edits):
        issue = write_issue_text(issues_dir, edit)
        warm = builder.build(issue, tmp_path / f"warm-{n}.pdf").output
        cold = tmp_path / f"cold-{n}.pdf"
        result = run_cli("build", issue, "-o", cold)
        assert result.returncode == 0, result.stderr
        assert warm.read_bytes() == cold.read_bytes(), f"edit {n}"


def test_the_command_exits_with_its_output_written_and_no_temporary_folder_left(
        issues_dir, tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    issue = write_issue_text(issues_dir, SEED_ISSUE.read_text(encoding="utf-8"))
    result = run_cli("build", issue, "-o", tmp_path / "out.pdf", env={"TMPDIR": str(temp)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已生成") and result.stdout.endswith("KB）\n")
    assert (tmp_path / "out.pdf").stat().st_size > 100_000
    assert list(temp.iterdir()) == []
