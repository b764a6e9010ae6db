"""Strings written into YAML files as scalars that read back as the same string.

The one writer of YAML scalars: the importer's issue files and ``new``'s
template both use it. Plain when that reads back unchanged, else JSON-style
double quotes (valid YAML); characters YAML cannot hold, and line breaks, are
removed first (:func:`clean`).
"""

from __future__ import annotations

import json
import re
import unicodedata

import yaml


def clean(text: str) -> str:
    """``text`` without characters YAML cannot hold or that would break a line."""
    text = re.sub(r"[\u2028\u2029\u0085\r\n]+", " ", text)
    return "".join(c for c in text if c == "\t" or unicodedata.category(c) not in ("Cc", "Cs"))


def scalar(text: str) -> str:
    """A one-line YAML scalar: plain when that reads back the same, else quoted."""
    text = clean(text)
    if text == text.strip() and text and "#" not in text:
        try:
            if yaml.safe_load(f"k: {text}\n") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def flow_scalar(text: str) -> str:
    """A scalar inside a flow sequence ([a, b]): plain when that reads back
    the same string, else JSON-style double quotes."""
    text = clean(text).strip()
    if text and not re.search(r"[,\[\]{}#\"']", text):
        try:
            if yaml.safe_load(f"[{text}]") == [text]:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def item_scalar(text: str) -> str:
    """A scalar after "- " in a block sequence: plain when that reads back
    as the same string, else quoted."""
    text = clean(text).strip()
    written = scalar(text)
    if written != text:
        return written  # quoted already
    try:
        plain = yaml.safe_load(f"- {text}\n") == [text]
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)
