"""The node tree of a TOML or JSON file: the same classes the YAML reader
gives (:mod:`yaml.nodes`), so that every kind of :mod:`.kinds` checks every
format unchanged.

A scalar keeps its text as YAML would show it (``value``, ``tag``: str, int,
float, bool, null, timestamp; ``style`` '"' for a string, so that a quoted
"20" is never taken for a number) and the value the format's parser gave
(``data``: a TOML float is a float, a JSON integer an int). A table, an object
or an array keeps ``data`` too, and the word the messages use for it
(``words``: 表, 数组, 对象). Marks are 0-based like PyYAML's and computed from
the text only when a message asks for them. A mark also knows the file and
text it points into (:attr:`Mark.file`, :attr:`Mark.text`), so that a tree
put together from several files (a layout.toml over the one it extends,
:func:`.toml_reading.overlay`) names the right file in every message.
"""

from __future__ import annotations

import bisect
import datetime
import re

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (_TAG + name for name in
                                          ("str", "int", "float", "bool", "null", "timestamp"))
MAP, SEQ = _TAG + "map", _TAG + "seq"


class Lines:
    """Where each line of a text starts, to turn an index into line and column;
    and the text itself, with the file it was read from (when known)."""

    def __init__(self, text: str, file=None):
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.text = text
        self.file = file

    def mark(self, index: int) -> "Mark":
        return Mark(index, self)


class Mark:
    """A place in the text: ``index``, and ``line``/``column`` (0-based) on demand."""

    __slots__ = ("index", "_lines")

    def __init__(self, index: int, lines: Lines):
        self.index = index
        self._lines = lines

    @property
    def line(self) -> int:
        return bisect.bisect_right(self._lines.starts, self.index) - 1

    @property
    def column(self) -> int:
        return self.index - self._lines.starts[self.line]

    @property
    def file(self):
        """The file this place is in (None: the one being checked)."""
        return self._lines.file

    @property
    def text(self) -> str:
        return self._lines.text


class TypedScalar(ScalarNode):
    def __init__(self, data, start: Mark, end: Mark):
        self.data = data
        self.start_mark, self.end_mark = start, end
        self.style = None
        kind = type(data)
        if kind is str:
            self.tag, self.value, self.style = STR, data, '"'
        elif kind is bool:
            self.tag, self.value = BOOL, "true" if data else "false"
        elif kind is int:
            self.tag, self.value = INT, str(data)
        elif kind is float:
            self.tag, self.value = FLOAT, repr(data)
        elif data is None:
            self.tag, self.value = NULL, ""
        elif isinstance(data, (datetime.date, datetime.time)):  # TOML dates and times
            self.tag, self.value = TIMESTAMP, data.isoformat()
        else:
            raise TypeError(f"not a TOML or JSON scalar: {kind.__name__}")


class _Collection:
    words = ""

    def __init__(self, data, value: list, start: Mark, end: Mark):
        self.data = data
        self.value = value
        self.start_mark, self.end_mark = start, end
        self.flow_style = None


class TomlTable(_Collection, MappingNode):
    tag, words = MAP, "表"


class TomlArray(_Collection, SequenceNode):
    tag, words = SEQ, "数组"


class JsonObject(_Collection, MappingNode):
    tag, words = MAP, "对象"


class JsonArray(_Collection, SequenceNode):
    tag, words = SEQ, "数组"
