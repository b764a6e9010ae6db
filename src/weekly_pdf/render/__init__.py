"""The third stage: a checked issue and its typeset articles → HTML, through
the Jinja2 templates of its layout (layouts/<name>/); also what those
templates print, for the glyph check."""
