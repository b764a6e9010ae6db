"""One issue file → one PDF: load, check glyphs, render, write atomically."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import aside, signals
from .atomic import name_too_long, write_atomic
from .errors import IssueError, IssueErrors
from .fonts.fontset import Fallback, FontSet, load_fontset
from .options import BuildOptions, Level
from .pdf.compose import compose_document
from .pdf.engine import Renderer
from .pdf.variants import spec_for
from .pdf.ofd import ofd_path, pdf_to_ofd
from .project import Project
from .render.html import printed_texts
from .source.layout import Layout, read_layout
from .source.load import find_defaults, load_issue
from .source.model import Issue
from .source.terms import find_terms
from .typeset import typeset_issue

if TYPE_CHECKING:
    from .typeset import SetArticle


@dataclass
class Checked:
    """An issue that passed every check, with what the fallback fonts draw."""

    issue: Issue
    fallbacks: list[Fallback]
    #: The issue's layout, its style: settings applied.
    layout: Layout


@dataclass
class Built:
    issue: Issue
    output: Path
    fallbacks: list[Fallback]
    size: int
    pages: int
    #: The PDF/A level it was written in (None: a plain PDF).
    level: Level | None = None
    #: The OFD written beside the PDF (``BuildOptions.ofd``), and its size.
    ofd: Path | None = None
    ofd_size: int = 0


class Builder:
    """Checks and builds issues of one project, reusing fonts across issues."""

    def __init__(self, project: Project, *, temp_dir: Path | None = None,
                 aside: bool = False):
        """``temp_dir``: where temporary files go (the batch's work folder);
        beside each PDF when None. ``aside``: a build that must still load
        WeasyPrint checks and typesets the issue in a forked process
        meanwhile (:mod:`.aside`; for a command that builds one issue)."""
        self.project = project
        self.temp_dir = temp_dir
        self.aside = aside
        self._fontset: FontSet | None = None
        self._renderer: Renderer | None = None

    @property
    def fontset(self) -> FontSet:
        if self._fontset is None:
            self._fontset = load_fontset(self.project.fonts_dir)
        return self._fontset

    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = Renderer(self.fontset, temp_dir=self.temp_dir)
        return self._renderer

    def warm(self) -> None:
        """Load now what the first build would: WeasyPrint, every font's
        metrics and registration (a watching process pays this once)."""
        from .typeset import Advances  # noqa: F401  (imports fontTools' tables)
        for font in self.fontset.fonts():
            font.cmap
        self.renderer.use(self.fontset.fonts())

    def check(self, issue_file: Path, home: Path | None = None) -> Checked:
        """Load ``issue_file`` and check that every character can be drawn."""
        issue, layout = self.load(issue_file, home)
        return Checked(issue, self.glyph_check(issue, layout, issue_file), layout)

    def load(self, issue_file: Path, home: Path | None = None) -> tuple[Issue, Layout]:
        """Load ``issue_file`` and its layout: every check but the glyph check."""
        self.project.check_input(issue_file, home)
        defaults = find_defaults(Path(issue_file))
        if defaults:
            self.project.check_input(defaults, home)
        terms = find_terms(Path(issue_file))
        if terms:
            self.project.check_input(terms, home)
        issue = load_issue(issue_file, defaults=defaults, layouts_dir=self.project.layouts_dir,
                           terms=terms)
        return issue, self.layout_of(issue)

    def glyph_check(self, issue: Issue, layout: Layout,
                    issue_file: Path | None = None) -> list[Fallback]:
        """Every character the layout's templates print for ``issue`` can be
        drawn (:func:`.render.html.printed_texts`); returns what fallback
        fonts draw, raises naming every character no font has."""
        return self.fontset.check(printed_texts(issue, layout, self.fontset), issue_file,
                                  issue.positions)

    def layout_of(self, issue: Issue) -> Layout:
        """The layout ``issue`` names (and those it extends), with its style:
        settings applied and checked."""
        # A layout folder (or a file in it) linked from outside layouts/ is refused unread.
        checked = self.project.checked_layout_dir
        return read_layout(checked(issue.layout), find=checked).styled(issue.style,
                                                                        issue.positions)

    def pdf_bytes(self, issue: Issue, *, level: Level | None = None,
                  fallbacks: list[Fallback] | None = None,
                  articles: "dict[tuple[int, int], SetArticle] | None" = None,
                  layout: Layout | None = None) -> tuple[bytes, int]:
        """The PDF of a checked issue and its page count.

        ``level``: the PDF/A level to write (None: a plain PDF; see
        :meth:`BuildOptions.level`). ``fallbacks``: what :meth:`check` found
        (found again when None). ``articles``: the issue typeset (by
        :func:`weekly_pdf.typeset.typeset_issue`; done here when None).
        ``layout``: the one :meth:`check` found, which the articles were
        typeset on (looked up when None).
        """
        layout = layout or self.layout_of(issue)
        if fallbacks is None:
            fallbacks = self.glyph_check(issue, layout)
        pages = compose_document(issue, layout, self.fontset, self.renderer,
                                 read_dirs=[Path(issue.source_path).parent],
                                 fonts=self.fontset.needed(fallbacks), articles=articles)
        if level is not None and not level.allows_opentype and not gc.isenabled():
            # Converting the fonts to TrueType (PDF/A-1) is where such a build peaks:
            # clear the layout's garbage first (cyclic collection is paused in a build).
            gc.collect()
        return self.renderer.write(pages, spec_for(level, _identifier(issue)))

    def _prepared(self, issue_file: Path
                  ) -> "tuple[Issue, Layout, dict[tuple[int, int], SetArticle]]":
        """``issue_file`` loaded and typeset: in a forked process while this
        one loads WeasyPrint when that is worth it (:mod:`.aside`), else here.

        The glyph check is not part of it: it renders the layout's templates,
        compiling them for the render that follows in this process."""
        if self.aside and self._renderer is None and aside.worthwhile():
            child = aside.start(lambda: self._prepare(issue_file))
            if child is not None:
                self.renderer  # loads WeasyPrint meanwhile
                done = child.result()
                if done is not None:
                    return done
        return self._prepare(issue_file)

    def _prepare(self, issue_file: Path):
        issue, layout = self.load(issue_file)
        return issue, layout, typeset_issue(issue, layout, self.fontset)

    def build(self, issue_file: Path, output: Path | None = None,
              options: BuildOptions = BuildOptions()) -> Built:
        """Check and build ``issue_file`` into ``output`` (the project's default
        place when None), as ``options`` say; with ``options.ofd`` also the OFD
        of the same pages beside it, made before either file is written."""
        if too_long := name_too_long(Path(issue_file)):  # its PDF's name would be too
            raise IssueErrors([IssueError(issue_file, f"期刊文件的{too_long}")])
        output = Path(output) if output else self.project.default_output(issue_file)
        defaults = find_defaults(Path(issue_file))
        self.project.check_output(output, [issue_file, *([defaults] if defaults else [])])
        with cyclic_gc_paused():
            issue, layout, articles = self._prepared(issue_file)
            fallbacks = self.glyph_check(issue, layout, issue_file)
            level = options.level(issue.pdfa)
            data, pages = self.pdf_bytes(issue, level=level, fallbacks=fallbacks,
                                         articles=articles, layout=layout)
        package = None
        if options.ofd:
            if not gc.isenabled():
                gc.collect()  # the layout's garbage, before the fonts are converted
            package = pdf_to_ofd(data)
        signals.check()  # Ctrl-C or SIGTERM during the build: no PDF
        write_atomic(data, output, temp_dir=self.temp_dir)
        built = Built(issue, output, fallbacks, len(data), pages, level)
        if package is not None:
            built.ofd, built.ofd_size = ofd_path(output), len(package)
            write_atomic(package, built.ofd, temp_dir=self.temp_dir)
        return built


@contextmanager
def cyclic_gc_paused():
    """No cyclic garbage collection inside the block.

    A build makes about a million objects that live until it ends (the
    layout's boxes), and Python's collector would walk them over and over as
    they are made: 5 to 8 % of a build. What is garbage is collected after the
    block, when the collector runs next.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _identifier(issue: Issue) -> bytes:
    """A stable PDF identifier: the same issue always gets the same one."""
    return f"weekly-pdf:{issue.publication}:{issue.year}:{issue.number}".encode()

