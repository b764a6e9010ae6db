"""weekly-pdf: typesets the weekly bulletin 《科协每周动态》 from YAML into PDF.

The stages run one way: :mod:`load` (YAML → model, every input error is raised
there) → :mod:`model` (frozen dataclasses, no I/O) → :mod:`render` (model →
HTML) → :mod:`pdf` (HTML → PDF). :mod:`fonts` and :mod:`cli` sit beside them.
"""

__version__ = "0.1.0"
