"""JSON Schemas of the issue file and publication.yaml, for editors.

Derived from the loader's own field definitions (:mod:`weekly_pdf.source.fields`,
each kind saying what it accepts), never written by hand: a field added there
appears here. The schemas are shipped in schema/ (a test checks they are
current); regenerate them with

    .venv/bin/python -m weekly_pdf.source.schema.editor

An editor with the YAML language server (VS Code's YAML extension, among
others) checks field names and types while typing when the issue file starts
with ``# yaml-language-server: $schema=../../schema/issue.schema.json``.

The loader stays the judge: it also checks what a schema cannot say (file name
against year and number, dates that do not exist, fonts that lack a character).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .kinds import object_schema
from ..fields import DEFAULTS_FIELDS, ISSUE_FIELDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: Where the shipped schemas live, relative to the project root.
FOLDER = "schema"
ISSUE_NAME = "issue.schema.json"
PUBLICATION_NAME = "publication.schema.json"


def issue_schema() -> dict:
    """The schema of one issue file (what publication.yaml supplies may be left out)."""
    schema = {"$schema": DRAFT, "title": "《科协每周动态》期刊文件",
              **object_schema(ISSUE_FIELDS, "一期的内容")}
    # total is required except in a supplement (series: 增刊), as the loader says.
    schema["if"] = {"not": {"required": ["series"]}}
    schema["then"] = {"required": ["total"]}
    return schema


def publication_schema() -> dict:
    """The schema of publication.yaml (every field optional, the footer partial)."""
    return {"$schema": DRAFT, "title": "各期共用的设置（publication.yaml）",
            **object_schema(DEFAULTS_FIELDS, "各期共用的设置", check_required=False)}


def rendered() -> dict[str, str]:
    """File name → the text shipped in schema/."""
    return {name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            for name, schema in ((ISSUE_NAME, issue_schema()),
                                 (PUBLICATION_NAME, publication_schema()))}


def write(folder: Path) -> list[Path]:
    from ...atomic import write_atomic
    written = []
    for name, text in rendered().items():
        write_atomic(text.encode("utf-8"), folder / name)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    from ...project import find_project
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else find_project().root / FOLDER
    for path in write(target):
        print(path)
