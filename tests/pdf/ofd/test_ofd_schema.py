"""Every XML part of the OFD is valid against the GB/T 33190-2016 schemas
(tests/pdf/ofd/schema, the standard's Annex A), checked with lxml."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.pdf.ofd.ofdread import Ofd

SCHEMAS = Path(__file__).resolve().parent / "schema"


@pytest.fixture(scope="module")
def schemas():
    return {name: etree.XMLSchema(etree.parse(str(SCHEMAS / f"{name}.xsd")))
            for name in ("OFD", "Document", "Page", "Res")}


def _schema_of(part: str) -> str:
    if part == "OFD.xml":
        return "OFD"
    if part.endswith("/Document.xml"):
        return "Document"
    if part.endswith("Res.xml"):
        return "Res"
    assert part.endswith("/Content.xml"), part
    return "Page"


def test_every_xml_part_is_valid_against_the_standards_schemas(built, schemas):
    ofd = Ofd(built.ofd)
    parts = [name for name in ofd.names if name.endswith(".xml")]
    assert len(parts) == 4 + built.pages
    for part in parts:
        schema = schemas[_schema_of(part)]
        assert schema.validate(ofd.xml(part)), (part, str(schema.error_log.last_error))


def test_the_schemas_catch_a_broken_part(seed_built, schemas):
    """A TextObject without its required Size is refused (the check can fail)."""
    ofd = Ofd(seed_built.ofd)
    page = ofd.xml("Doc_0/Pages/Page_0/Content.xml")
    text = page.find(".//{http://www.ofdspec.org/2016}TextObject")
    del text.attrib["Size"]
    assert not schemas["Page"].validate(page)
