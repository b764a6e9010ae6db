"""Apache PDFBox Preflight (Debian's libpdfbox2-java) judges the archival PDFs.

One Preflight run covers every PDF of :mod:`archival_builds`; any error it
reports on a PDF/A-1b build fails the test and is printed in full.
"""

from __future__ import annotations

import pytest

from tests.pdf.pdfa.archival_builds import BUILDS, built, preflight

#: Builds six PDFs and starts Java.
pytestmark = pytest.mark.slow

#: What Preflight (a PDF/A-1b validator) reports on a valid PDF/A-2b file:
#: only rules of part 1 that part 2 lifts.
LIFTED_IN_PART_2 = {
    "1.4": "cross-reference streams (PDF 1.5+) are allowed in PDF/A-2",
    "3.1.3": "OpenType (FontFile3/OpenType) font programs are allowed in PDF/A-2",
    "3.1.11": "CIDSet is optional in PDF/A-2",
    "7.11.2": "pdfaid:part is 2, as it must be",
}


@pytest.fixture(scope="module")
def reports(builder, tmp_path_factory, seed_pdf):
    files = {name: built(name, builder, tmp_path_factory) for name in BUILDS}
    files["seed-normal"] = seed_pdf
    return preflight(files)


@pytest.mark.parametrize("name", [n for n, (_, level) in BUILDS.items() if level == "1b"])
def test_pdfa_1b_build_is_valid_with_zero_errors(reports, name):
    report = reports[name]
    assert report.findings == (), f"{name}: Preflight errors:\n" + "\n".join(
        map(str, report.findings))
    assert report.valid


@pytest.mark.parametrize("name", [n for n, (_, level) in BUILDS.items() if level == "2b"])
def test_pdfa_2b_build_breaks_only_part_1_rules_that_part_2_lifts(reports, name):
    report = reports[name]
    unexpected = [str(f) for f in report.findings if f.code not in LIFTED_IN_PART_2]
    assert unexpected == [], f"{name}: errors PDF/A-2 does not lift:\n" + "\n".join(unexpected)
    # Preflight read our XMP and found part 2 in it.
    assert any(f.code == "7.11.2" and "part must be 1" in f.details for f in report.findings)
    # Only the OpenType font rules differ: the layout, colour and metadata rules pass.
    assert not any(f.code.startswith(("2.", "5.", "7.2", "7.3")) for f in report.findings)


def test_preflight_rejects_an_ordinary_pdf(reports):
    """The check can fail: the normal build is not PDF/A and Preflight says so."""
    report = reports["seed-normal"]
    assert not report.valid
    # No PDF/A identification in the XMP, no CIDSets, printable links not flagged.
    assert {"7.11", "3.1.11", "5.2.2"} <= report.codes()
