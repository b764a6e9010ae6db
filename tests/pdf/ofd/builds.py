"""What the OFD tests build with: a plain PDF and its OFD beside it."""

from __future__ import annotations

from weekly_pdf.options import BuildOptions

WITH_OFD = BuildOptions(ofd=True)
