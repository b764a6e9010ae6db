"""The first stage: what people write, read into the typed model.

An issue file (with publication.yaml, terms.txt and its pictures), a
layout's layout.toml, the fonts manifest, units.yaml and scoring.toml are
read and checked here (one schema vocabulary, :mod:`.schema`), and so are
Word, PDF and text back issues (:mod:`.importer`). Every input error is
raised here, in Chinese, naming file, line, column and field; the stages
after it (typeset, render, pdf) take a checked :class:`.model.Issue` and a
:class:`.layout.Layout`.
"""
