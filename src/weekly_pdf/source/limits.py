"""Limits on what is typeset, each refused with a clear message by the loader.

They are generous (the reference issue is 8 pages; a 50-page issue passes
easily) but they bound the work of the worst file accepted: see
bench/limits.py, which builds that file and prints its time.
"""

#: Characters in an article title (six lines of 二号; a real one has two).
MAX_TITLE_CHARS = 120
#: Characters in a column name.
MAX_COLUMN_CHARS = 40
#: Characters in a name, a unit or another one-line field.
MAX_LINE_CHARS = 100
#: Characters in one paragraph of body text (about 7 pages).
MAX_PARAGRAPH_CHARS = 5000
#: Paragraphs in one article, and in the whole issue.
MAX_ARTICLE_PARAGRAPHS = 150
MAX_ISSUE_PARAGRAPHS = 600
#: Articles in one column, and in the whole issue; columns in an issue.
MAX_SECTION_ARTICLES = 60
MAX_ISSUE_ARTICLES = 120
MAX_SECTIONS = 50
#: Characters of body text in the whole issue (about 70 pages of body text).
MAX_ISSUE_CHARS = 45_000
#: Lines (units) in the footer's distribution list.
MAX_DISTRIBUTION = 50

#: Rows and columns of a table, characters in one of its cells.
MAX_TABLE_ROWS = 300
MAX_TABLE_COLUMNS = 12
MAX_CELL_CHARS = 500
