"""JSON Schemas of the files a person writes, for editors: the issue file and
publication.yaml (YAML), layout.toml and the fonts manifests (TOML), and any
file declared with the vocabulary and listed in :data:`TOML_FILES`.

Derived from the readers' own declarations (:mod:`weekly_pdf.source.fields`,
:mod:`weekly_pdf.fonts.manifest`…, each kind saying what it accepts), never
written by hand: a field added there appears here. The schemas are shipped in
schema/ (a test checks they are current); regenerate them with

    .venv/bin/python -m weekly_pdf.source.schema.editor

An editor with the YAML language server (VS Code's YAML extension, among
others) checks field names and types while typing when the issue file starts
with ``# yaml-language-server: $schema=../../schema/issue.schema.json``; one
with a TOML language server (Even Better TOML, taplo) when a TOML file starts
with ``#:schema ../schema/fonts-manifest.schema.json`` (a layout:
``#:schema ../../schema/layout.schema.json``).

The readers stay the judges: they also check what a schema cannot say (file
name against year and number, dates that do not exist, fonts that lack a
character, font files that are missing).
"""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .kinds import object_schema, schema_of
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


@dataclass(frozen=True)
class TomlFile:
    """A TOML file whose schema is shipped: the name in schema/, its title, and
    its declaration as "module:attribute" (imported when the schema is made, so
    that this module depends on no reader: fonts, layouts…)."""

    name: str
    title: str
    declaration: str


#: The TOML files declared with the vocabulary. A new one is one line here.
TOML_FILES = (
    TomlFile("fonts-manifest.schema.json", "随程序附带的字体清单（fonts/manifest.toml）",
             "weekly_pdf.fonts.manifest:MANIFEST_KIND"),
    TomlFile("fonts-local.schema.json", "本单位字体清单（fonts/local/fonts.toml）",
             "weekly_pdf.fonts.manifest:LOCAL_KIND"),
    TomlFile("scoring.schema.json", "信息采用计分办法（issues/scoring.toml）",
             "weekly_pdf.source.scoring:SCORING_KIND"),
    TomlFile("layout.schema.json", "版式文件（layouts/<name>/layout.toml）",
             "weekly_pdf.source.layout:LAYOUT_KIND"),
)

#: Other YAML files declared with the vocabulary (the same shape as TOML_FILES; a
#: YAML file may write null for an optional field).
YAML_FILES = (
    TomlFile("units.schema.json", "单位名录（issues/units.yaml）",
             "weekly_pdf.source.units:UNITS_KIND"),
)


def yaml_schema(file: TomlFile) -> dict:
    """The schema of a YAML file from its declaration."""
    module, attribute = file.declaration.split(":")
    kind = getattr(importlib.import_module(module), attribute)
    return {"$schema": DRAFT, "title": file.title, **schema_of(kind)}


def toml_schema(file: TomlFile) -> dict:
    """The schema of a TOML file, from its declaration (TOML has no null: an
    optional field is one that may be left out)."""
    module, attribute = file.declaration.split(":")
    kind = getattr(importlib.import_module(module), attribute)
    return {"$schema": DRAFT, "title": file.title, **_without_null(schema_of(kind))}


def _without_null(schema):
    """``schema`` without the null a YAML or JSON file may write for an optional field."""
    if isinstance(schema, list):
        return [_without_null(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    options = schema.get("anyOf")
    if options and {"type": "null"} in options:
        rest = [option for option in options if option != {"type": "null"}]
        if len(rest) == 1:
            merged = {**_without_null(rest[0])}
            if "description" in schema:
                merged["description"] = schema["description"]
            return merged
    return {key: _without_null(value) for key, value in schema.items()}


def rendered() -> dict[str, str]:
    """File name → the text shipped in schema/."""
    schemas = [(ISSUE_NAME, issue_schema()), (PUBLICATION_NAME, publication_schema())]
    schemas += [(file.name, toml_schema(file)) for file in TOML_FILES]
    schemas += [(file.name, yaml_schema(file)) for file in YAML_FILES]
    return {name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            for name, schema in schemas}


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
