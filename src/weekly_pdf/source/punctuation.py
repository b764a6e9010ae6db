"""The classes of Chinese punctuation (GB/T 15834, W3C clreq), one home for
the typesetter's 禁则 (weekly_pdf.typeset.rules) and the importer, which reads
where a printed line may have been broken.
"""

from __future__ import annotations

#: Never at the start of a line (a no-break space and a word joiner glue both ways).
NO_START = frozenset("、，。；：？！）】〕」』”’》〉…—%"
                     "〗］｝〙〛＂％‰℃·・,;:!?)]}\u00a0\u2060")
#: Never at the end of a line.
NO_END = frozenset("（【〔「『“‘《〈〖［｛〘〚([{\u00a0\u2060")
#: Marks whose glyph fills the left half of its cell (blank on the right).
CLOSING = frozenset("、，。；：？！）】〕」』”’》〉〗］｝")
#: Marks whose glyph fills the right half of its cell (blank on the left).
OPENING = frozenset("（【〔「『“‘《〈〖［｛")
#: Marks drawn as one unbroken pair: never split, never spaced apart.
DOUBLED = frozenset("—…―")
