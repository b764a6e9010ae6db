"""The OFD package: a fixed layout and order, fixed times, the same bytes for
the same issue (in one process and in another), written atomically beside the
PDF by ``weekly-pdf build --ofd``, listed in the catalog by ``build-all --ofd``,
made for the annual volume by ``volume --ofd``; and weekly_pdf.pdf.ofd does not
touch the PDF engine."""

from __future__ import annotations

import datetime
import hashlib
import json
import subprocess
import sys
import zipfile

import pytest

from tests.helpers import ROOT, SEED_ISSUE, copy_project, run_cli
from tests.pdf.ofd.builds import WITH_OFD
from tests.pdf.ofd.ofdread import Ofd

EXPECTED_ORDER = ["OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml",
                  "Doc_0/DocumentRes.xml"]


def test_parts_in_a_fixed_order_with_the_issue_date_as_time(seed_built):
    with zipfile.ZipFile(seed_built.ofd) as package:
        infos = package.infolist()
    names = [info.filename for info in infos]
    pages = [f"Doc_0/Pages/Page_{n}/Content.xml" for n in range(8)]
    assert names[:12] == EXPECTED_ORDER + pages
    assert all(name.startswith("Doc_0/Res/font_") and name.endswith(".ttf")
               for name in names[12:])
    assert {info.date_time for info in infos} == {(2023, 7, 7, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_pictures_are_stored_as_they_are(blocks_built):
    ofd = Ofd(blocks_built.ofd)
    with zipfile.ZipFile(blocks_built.ofd) as package:
        pictures = [info for info in package.infolist() if info.filename.endswith((".jpg", ".png"))]
    assert sorted(info.filename.rsplit(".", 1)[1] for info in pictures) == ["jpg", "png", "png",
                                                                             "png"]
    assert all(info.compress_type == zipfile.ZIP_STORED for info in pictures)
    assert len(ofd.media) == 4


def test_the_same_issue_gives_the_same_bytes(builder, seed_built, tmp_path):
    again = builder.build(SEED_ISSUE, tmp_path / "again.pdf", WITH_OFD)
    assert again.ofd.read_bytes() == seed_built.ofd.read_bytes()


@pytest.mark.slow
def test_build_ofd_in_a_fresh_process_gives_the_same_bytes_and_says_so(seed_built, tmp_path):
    out = tmp_path / "期刊.pdf"
    result = run_cli("build", SEED_ISSUE, "--ofd", "-o", out)
    assert result.returncode == 0, result.stderr
    ofd = tmp_path / "期刊.ofd"
    kb = ofd.stat().st_size // 1024
    assert f"已生成 {out}（8 页" in result.stdout
    assert f"已生成 {ofd}（OFD，{kb} KB）" in result.stdout
    assert ofd.read_bytes() == seed_built.ofd.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["期刊.ofd", "期刊.pdf"]  # no temp file


def test_without_ofd_no_ofd_is_written(builder, tmp_path):
    built = builder.build(SEED_ISSUE, tmp_path / "plain.pdf")
    assert built.ofd is None
    assert [p.name for p in tmp_path.iterdir()] == ["plain.pdf"]


def test_an_ofd_that_cannot_be_made_is_refused_and_nothing_is_written(tmp_path):
    """A layout with a CSS gradient: OFD has no faithful form for it here, so
    the build says so in Chinese and writes neither file (the OFD is made
    before either is written); the existing files stay as they were."""
    project = copy_project(tmp_path / "project")
    css = project / "layouts" / "bulletin" / "style.css"
    css.write_text(css.read_text(encoding="utf-8")
                   + "\nh1 { background: linear-gradient(#fff, #ccc); }\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.pdf").write_bytes(b"old pdf")
    (out / "x.ofd").write_bytes(b"old ofd")
    result = run_cli("build", project / "issues" / "2023" / "2023-20.yaml", "--ofd",
                     "-o", out / "x.pdf", cwd=project)
    assert result.returncode == 1
    assert result.stderr.strip() == ("错误：OFD 暂不支持渐变色和图案填充（版式的 CSS 里有 "
                                     "linear-gradient、radial-gradient 或图案背景），请改用纯色")
    assert (out / "x.pdf").read_bytes() == b"old pdf"
    assert (out / "x.ofd").read_bytes() == b"old ofd"
    assert sorted(p.name for p in out.iterdir()) == ["x.ofd", "x.pdf"]


@pytest.mark.slow
def test_build_all_ofd_lists_each_ofd_and_its_sha256_in_the_catalog(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build-all", ROOT / "issues", "-o", out, "--ofd", "-j", "1")
    assert result.returncode == 0, result.stderr
    ofd = out / "2023" / "2023-20.ofd"
    digest = hashlib.sha256(ofd.read_bytes()).hexdigest()
    entry = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["issues"][0]
    assert (entry["ofd"], entry["ofd_sha256"]) == ("2023/2023-20.ofd", digest)
    rows = (out / "catalog.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(",OFD 文件,OFD SHA-256")
    assert rows[1].endswith(f",2023/2023-20.ofd,{digest}")
    # Nothing changed: nothing is rendered again, the catalog keeps the OFD.
    again = run_cli("build-all", ROOT / "issues", "-o", out, "--ofd", "-j", "1")
    assert "没有需要重新生成的" in again.stdout
    entry = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["issues"][0]
    assert entry["ofd_sha256"] == digest
    # A plain build-all renders again (the option is part of the key) and lists no OFD.
    plain = run_cli("build-all", ROOT / "issues", "-o", out, "-j", "1")
    assert plain.returncode == 0, plain.stderr
    entry = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["issues"][0]
    assert "ofd" not in entry

    volume = run_cli("volume", "2023", "--out-dir", out, "--ofd")
    assert volume.returncode == 0, volume.stderr
    bound = out / "2023年合订本.ofd"
    assert f"已生成 {bound}（OFD）" in volume.stdout
    verdict = run_cli("verify", bound)
    assert verdict.returncode == 0, verdict.stdout
    assert "10 页，文字与" in verdict.stdout


def test_the_ofd_package_does_not_load_the_pdf_engine(seed_built):
    """Only one package may import WeasyPrint or pydyf; the OFD is made from
    the PDF's bytes alone."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from weekly_pdf.pdf.ofd import pdf_to_ofd\n"
        "from weekly_pdf.pdf.ofd.verify import verify_ofd\n"
        f"data = pdf_to_ofd(Path({str(seed_built.output)!r}).read_bytes())\n"
        f"assert verify_ofd(Path({str(seed_built.ofd)!r})).valid\n"
        "print(len(data), sorted(m for m in sys.modules if m.split('.')[0] in "
        "('weasyprint', 'pydyf')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == ["[]"]
    assert int(result.stdout.split()[0]) == seed_built.ofd_size


def test_docinfo_dates_are_the_issue_date(seed_built):
    ofd = Ofd(seed_built.ofd)
    info = ofd.ofd.find(".//{http://www.ofdspec.org/2016}DocInfo")
    assert datetime.date.fromisoformat(
        info.findtext("{http://www.ofdspec.org/2016}CreationDate")) == datetime.date(2023, 7, 7)
