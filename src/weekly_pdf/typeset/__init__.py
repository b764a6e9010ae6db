"""Chinese line composition done by weekly-pdf itself, not by the HTML engine.

WeasyPrint (through Pango) breaks lines by the Unicode line-breaking rules
only, and when it justifies it widens spaces, which Chinese text has none of.
This package breaks every body paragraph into lines from the real advance
widths of the fonts that will draw it, applying the house-style 禁则, and
gives every full line the spacing that makes it flush with both edges of the
type area. Titles of several lines are broken into balanced lines.

* :mod:`.metrics` — advance widths from the fonts' ``hmtx`` tables;
* :mod:`.rules` — which characters may not start or end a line, and the
  units that never split (``——``, ``……``, Latin words, numbers);
* :mod:`.breaking` — the line breaker (push in before pushing out) and the
  balanced breaker for titles;
* :mod:`.measure` — widths on the grid and the punctuation rules (adjacent
  marks compressed, an opening mark at a line start set half width, what a
  push-in may squeeze);
* :mod:`.justify` — the per-character spacing that fills a line, as runs
  ready for ``letter-spacing`` in the layout, and :mod:`.pdfspacing` — those
  spacings rounded to what the PDF writer draws;
* :mod:`.setting` — the Typesetter (one per build, font metrics read once per
  FontSet) and :mod:`.articles` — an issue's articles set, for the templates;
* :mod:`.blocks` — the blocks of an article's body (headings, pictures,
  tables, the 编者按), each a whole number of body lines.

Nothing here does I/O except reading font files through the FontSet.
"""

from .breaking import Line, balanced_lines, break_paragraph
from .justify import Run, justify_line
from .metrics import Advances
from .setting import Typesetter, TypesetParagraph, typesetter_for
from .articles import SetArticle, run_styles, set_articles, typeset_issue

__all__ = ["Advances", "Line", "Run", "SetArticle", "Typesetter", "TypesetParagraph",
           "balanced_lines", "break_paragraph", "justify_line", "run_styles", "set_articles",
           "typeset_issue", "typesetter_for"]
