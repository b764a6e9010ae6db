"""WeasyPrint loaded so that it can only ever see the fonts we give it.

* Fontconfig reads ``hermetic-fonts.conf`` (no font folder at all) while
  WeasyPrint loads and while a font configuration is made, so no system font is
  ever seen; the environment is restored afterwards.
* WeasyPrint names each native library in several spellings; cffi asks
  :func:`ctypes.util.find_library` about every spelling that does not load
  directly, and that runs ``ldconfig``, ``gcc`` and ``ld`` (about 50 processes,
  0.2 s). The search is switched off while WeasyPrint loads: the sonames it
  also lists load directly. Where that fails, it loads again with the search.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

#: The Fontconfig configuration WeasyPrint runs with: no font folder.
FONTCONFIG_FILE = Path(__file__).with_name("hermetic-fonts.conf")


@contextmanager
def hermetic_fontconfig():
    """Point Fontconfig at :data:`FONTCONFIG_FILE` for the duration of the block."""
    if not FONTCONFIG_FILE.is_file():  # Fontconfig would fall back to the system's fonts
        raise RuntimeError(f"{FONTCONFIG_FILE} is missing: the package is incomplete")
    saved = {name: os.environ.get(name) for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")}
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    os.environ.pop("FONTCONFIG_PATH", None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def no_library_search():
    """Make :func:`ctypes.util.find_library` find nothing for the duration of the block."""
    real = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = real


def import_weasyprint():
    """The weasyprint module, imported hermetically (see the module docstring)."""
    with hermetic_fontconfig(), warnings.catch_warnings():
        # WeasyPrint warns that Fontconfig has no fonts: that is the point.
        warnings.simplefilter("ignore", UserWarning)
        try:
            with no_library_search():
                import weasyprint
        except OSError:
            # A system where the libraries load only under a searched-for name.
            for name in [n for n in sys.modules if n.split(".")[0] == "weasyprint"]:
                del sys.modules[name]
            import weasyprint
    return weasyprint
