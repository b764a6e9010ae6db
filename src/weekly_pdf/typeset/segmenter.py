"""Chinese words of a title, found by jieba with the office's terms added.

The title breaker (:mod:`.titlebreaks`) must know where a title's words
begin and end: 全国 and 科技 are words, 全/国 is a break inside one. jieba
(MIT, pinned in pyproject.toml) segments the text: its dictionary of about
350,000 words with frequencies, the most probable path through them, and
its hidden Markov model for words it does not know (names of people and
companies). The office's own terms (built-in ``terms.txt`` beside this
module, plus ``issues/terms.txt``) are added to its dictionary as whole
words.

What jieba does by itself does not fit a build, so three parts of it are
replaced; the segmentation is jieba's own ``Tokenizer.cut``:

* its dictionary, loaded by jieba, is a dict of 580,000 entries (about 70 MB
  and 0.9 s, or 0.3 s from a cache file it writes into the system's temp
  folder). Here the words are kept sorted in one compact index (about 6 MB,
  :class:`Dictionary`) that answers jieba's look-ups by binary search. The
  index is built once from jieba's ``dict.txt`` (about 0.5 s) and kept in
  the user cache folder of the font metrics (``$WEEKLY_PDF_CACHE`` or
  ``~/.cache/weekly-pdf``), ``words/<sha256 of dict.txt>.v2.bin``, with what
  the terms add to it (``words/<sha256>.terms.json``, see
  :func:`tokenizer_with`); a file that is missing or damaged is made again,
  a folder that cannot be written is not used. jieba itself never writes a
  cache file: it is never asked to load its dictionary;
* nothing is logged: the dictionary is never loaded by jieba, which is what
  it logs;
* importing jieba would import ``pkg_resources`` where setuptools is
  installed (0.1 s, and a deprecation warning on recent setuptools); it is
  kept out, so jieba reads its files by path as it does wherever setuptools
  is absent (Python 3.12 and later venvs).

The same text and terms always give the same words: jieba's path search and
its model are deterministic, and the terms are added in sorted order.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.resources
import json
import struct
import sys
import threading
import warnings
import zlib
from array import array
from pathlib import Path

from ..fonts.metrics import cache_root, store_bytes
from ..recent import Recent
from ..source.terms import parse_terms

MAGIC = b"WPDFWRD2"
#: In the index file's name: two versions of weekly-pdf share a cache folder.
INDEX_VERSION = "v2"
#: Words, first characters, total frequency, CRC-32 of the rest.
HEADER = struct.Struct("<IIQI")
#: In the key of a stored term set: what adding words stores.
TERMS_VERSION = "terms-v1"
#: Term sets whose tokenizers a warm process keeps (each is small: the terms only).
REMEMBERED = 8

_lock = threading.Lock()
_dictionary: "Dictionary | None" = None
_tokenizers: Recent = Recent(REMEMBERED)
_builtin: tuple[str, ...] | None = None
_plain = None


def _jieba():
    """The jieba module, imported quietly (see the module docstring)."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # ImportError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in its source on Python 3.12+
            import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


class Dictionary:
    """jieba's dictionary, sorted: word → frequency, and which strings begin a word.

    ``offsets`` (count + 1) and ``freqs`` (count) index ``blob``, the UTF-8
    words in byte order. The words that begin with one character are
    consecutive: ``heads`` (code points, ascending) and ``starts`` (one more)
    say where, so a look-up searches only its first character's words.
    ``sha256``: of the dict.txt it was made from.
    """

    def __init__(self, offsets, freqs, heads, starts, blob: bytes, total: int,
                 sha256: str = ""):
        self.offsets = offsets
        self.freqs = freqs
        self.heads = heads
        self.starts = starts
        self.blob = blob
        self.total = total
        self.sha256 = sha256
        self.count = len(freqs)

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: int) -> bytes:
        return self.blob[self.offsets[i]:self.offsets[i + 1]]

    def lookup(self, word: str) -> int | None:
        """The frequency of ``word``; 0 when it only begins longer words
        (jieba's prefix entries); None when no word begins with it."""
        if not word:
            return None
        code = ord(word[0])
        j = bisect.bisect_left(self.heads, code)
        if j == len(self.heads) or self.heads[j] != code:
            return None
        key = word.encode("utf-8")
        hi = self.starts[j + 1]
        i = bisect.bisect_left(self, key, self.starts[j], hi)
        if i == hi:
            return None
        found = self[i]
        if found == key:
            return self.freqs[i]
        return 0 if found.startswith(key) else None

    @classmethod
    def from_dict_txt(cls, data: bytes, sha256: str = "") -> "Dictionary":
        """Read jieba's ``dict.txt`` (``word freq [tag]`` a line) as jieba
        does: a word listed twice keeps its last frequency, the total counts both.

        The lines are sorted as they are (a space sorts before any byte of a
        word, so they sort by word) and read once into the arrays: about
        25 MB at the peak, once per jieba dictionary.
        """
        lines = [line for line in data.split(b"\n") if line.strip()]
        lines.sort()
        offsets = array("I", [0])
        freqs, heads, starts = array("I"), array("I"), array("I")
        blob = bytearray()
        total = 0
        previous = None
        for line in lines:
            word, count = line.strip().split(b" ")[:2]
            total += int(count)
            if word == previous:  # listed again: the later line in the file counts
                freqs[-1] = _last_frequency(data, word)
                continue
            previous = word
            blob += word
            offsets.append(len(blob))
            freqs.append(int(count))
            head = ord(word[:4].decode("utf-8", "ignore")[:1] or "\0")
            if not heads or heads[-1] != head:
                heads.append(head)
                starts.append(len(freqs) - 1)
        starts.append(len(freqs))
        return cls(offsets, freqs, heads, starts, bytes(blob), total, sha256)

    def to_bytes(self) -> bytes:
        arrays = [array("I", a) for a in (self.offsets, self.freqs, self.heads, self.starts)]
        if sys.byteorder != "little":
            for a in arrays:
                a.byteswap()
        body = b"".join(a.tobytes() for a in arrays) + self.blob
        return MAGIC + HEADER.pack(self.count, len(self.heads), self.total,
                                   zlib.crc32(body)) + body

    @classmethod
    def from_bytes(cls, data: bytes, sha256: str = "") -> "Dictionary | None":
        """The index stored by :meth:`to_bytes`, or None for a damaged file."""
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + HEADER.size:
            return None
        count, heads, total, crc = HEADER.unpack_from(data, len(MAGIC))
        body = memoryview(data)[len(MAGIC) + HEADER.size:]
        if zlib.crc32(body) != crc:
            return None
        arrays, at = [], 0
        for length in (count + 1, count, heads, heads + 1):
            a = array("I")
            a.frombytes(body[at:at + 4 * length])
            if len(a) != length:
                return None
            if sys.byteorder != "little":
                a.byteswap()
            arrays.append(a)
            at += 4 * length
        blob = bytes(body[at:])
        offsets, freqs, head_codes, starts = arrays
        if offsets[0] != 0 or offsets[-1] != len(blob) or starts[-1] != count:
            return None
        return cls(offsets, freqs, head_codes, starts, blob, total, sha256)


def _last_frequency(data: bytes, word: bytes) -> int:
    """The frequency of ``word`` on its last line in ``data`` (a dict.txt)."""
    start = data.rfind(b"\n" + word + b" ") + 1
    if start == 0 and not data.startswith(word + b" "):
        raise ValueError(word)
    return int(data[start:data.index(b"\n", start) if b"\n" in data[start:] else None]
               .strip().split(b" ")[1])


def dict_txt() -> bytes:
    """The bytes of jieba's own dictionary file (in the installed package)."""
    return (Path(_jieba().__file__).parent / "dict.txt").read_bytes()


def dictionary() -> Dictionary:
    """jieba's dictionary as an index, from the cache when it holds it."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            data = dict_txt()
            sha256 = hashlib.sha256(data).hexdigest()
            path = cache_root() / "words" / f"{sha256}.{INDEX_VERSION}.bin"
            try:
                found = Dictionary.from_bytes(path.read_bytes(), sha256)
            except OSError:
                found = None
            if found is None:
                found = Dictionary.from_dict_txt(data, sha256)
                store_bytes(path, found.to_bytes())
            _dictionary = found
        return _dictionary


class Frequencies:
    """What jieba's Tokenizer reads as ``FREQ``: the dictionary, with the
    words it is given (the terms) on top."""

    def __init__(self, base: Dictionary):
        self.base = base
        self.added: dict[str, int] = {}

    def get(self, word: str, default=None):
        found = self.added.get(word)
        if found is None:
            found = self.base.lookup(word)
        return default if found is None else found

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __setitem__(self, word: str, freq: int) -> None:
        self.added[word] = freq


def builtin_terms() -> tuple[str, ...]:
    """The terms built into weekly-pdf (``terms.txt`` beside this module)."""
    global _builtin
    if _builtin is None:
        text = importlib.resources.files(__package__).joinpath("terms.txt").read_text("utf-8")
        _builtin = parse_terms(text)
    return _builtin


def all_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The built-in terms and ``terms``, each once, sorted."""
    return tuple(sorted(set(builtin_terms()) | set(terms)))


def tokenizer(terms: tuple[str, ...]):
    """A jieba Tokenizer on the dictionary index with ``terms`` (office terms,
    the built-in ones added here) as whole words; kept for the last few term sets."""
    key = tuple(sorted(set(terms)))
    with _lock:
        found = _tokenizers.get(key)
    if found is None:
        found = tokenizer_with(all_terms(key))
        with _lock:
            _tokenizers.put(key, found)
    return found


def tokenizer_with(added: tuple[str, ...]):
    """A new jieba Tokenizer on the dictionary index, with exactly ``added`` as
    whole words (in that order).

    Adding a word asks jieba for a frequency that keeps it whole (a cut of
    the word: about 40 look-ups); what the words add to the dictionary is
    kept in the cache folder, ``words/<sha256>.terms.json`` for the
    dictionary and the words, so a process adds them only once.
    """
    base = dictionary()
    made = _jieba().Tokenizer()
    made.FREQ = Frequencies(base)
    made.total = base.total
    made.initialized = True  # never loads (nor logs, nor caches) a dictionary of its own
    words = [term for term in added
             if not any(char.isspace() for char in term)]  # jieba cuts at spaces anyway
    key = hashlib.sha256("\n".join([base.sha256, TERMS_VERSION, *words]).encode()).hexdigest()
    path = cache_root() / "words" / f"{key}.terms.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["words"] == words and isinstance(stored["total"], int) and \
                all(isinstance(v, int) for v in stored["added"].values()):
            made.FREQ.added.update(stored["added"])
            made.total = stored["total"]
            return made
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    for word in words:
        made.add_word(word)  # with a frequency that keeps the word whole
    stored = {"words": words, "total": made.total, "added": made.FREQ.added}
    store_bytes(path, json.dumps(stored, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return made


def words(text: str, terms: tuple[str, ...] = (), *, added: bool = True) -> list[str]:
    """``text`` cut into words by jieba (its model for unknown words on), with
    ``terms`` and the built-in terms as whole words (none with ``added``
    False); the words join to ``text``."""
    return (tokenizer(terms) if added else plain_tokenizer()).lcut(text, HMM=True)


def plain_tokenizer():
    """A jieba Tokenizer on the dictionary index with no words added."""
    global _plain
    if _plain is None:
        _plain = tokenizer_with(())
    return _plain
