"""A layout's templates, compiled once, are kept in the cache folder
(weekly_pdf.render.html.CompiledTemplates): a new process loads them instead
of compiling them again. What it prints does not depend on the cache: the
HTML is the same with the cache empty, full, damaged or impossible to write,
and a fresh command that loads the compiled templates writes the seed's PDF
byte for byte."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import SEED_ISSUE, run_cli
from weekly_pdf.fonts.metrics import cache_root
from weekly_pdf.render import html
from weekly_pdf.typeset import typeset_issue


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder of the user's, and a fresh Jinja2 environment per render."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("WEEKLY_PDF_CACHE", str(folder))
    # No environment kept in this process: each render loads (or compiles) its templates.
    monkeypatch.setattr(html, "environment", html.environment.__wrapped__)
    return folder


def _seed_html(builder) -> str:
    issue, layout = builder.load(SEED_ISSUE)
    return html.render_html(issue, layout, builder.fontset, closing=html.ClosingPlacement(),
                            articles=typeset_issue(issue, layout, builder.fontset))


def _loaded(builder) -> bool:
    """Whether a new environment finds the seed's issue.html compiled in the cache."""
    _, layout = builder.load(SEED_ISSUE)
    env = html.environment(layout.folders)
    source, filename, _ = env.loader.get_source(env, "issue.html")
    return env.bytecode_cache.get_bucket(env, "issue.html", filename, source).code is not None


def test_the_first_render_keeps_the_compiled_template_and_the_next_loads_it(builder, cache):
    assert not _loaded(builder)
    first = _seed_html(builder)
    assert [path.suffix for path in (cache / "templates").iterdir()] == [".cache"]
    assert _loaded(builder)
    assert _seed_html(builder) == first


def test_a_damaged_compiled_template_is_compiled_again(builder, cache):
    expected = _seed_html(builder)
    (kept,) = (cache / "templates").iterdir()
    for damage in (b"", b"garbage", kept.read_bytes()[:40]):
        kept.write_bytes(damage)
        assert not _loaded(builder)
        assert _seed_html(builder) == expected
        assert _loaded(builder)  # written again, whole


def test_a_cache_folder_that_cannot_be_written_only_costs_time(builder, cache):
    expected = _seed_html(builder)
    shutil.rmtree(cache)
    cache.write_text("a file where the cache folder should be")
    assert _seed_html(builder) == expected


def test_a_fresh_command_loading_compiled_templates_writes_the_seeds_pdf(seed_pdf, tmp_path):
    folder = tmp_path / "cache"
    if (cache_root() / "metrics").is_dir():  # fonts' metrics as warm as this process's
        shutil.copytree(cache_root() / "metrics", folder / "metrics")
    env = {"WEEKLY_PDF_CACHE": str(folder)}
    for name in ("first.pdf", "second.pdf"):  # the second loads what the first compiled
        result = run_cli("build", SEED_ISSUE, "-o", tmp_path / name, env=env)
        assert result.returncode == 0, result.stderr
    assert len(list((folder / "templates").iterdir())) == 1
    assert (tmp_path / "second.pdf").read_bytes() == seed_pdf.read_bytes()
