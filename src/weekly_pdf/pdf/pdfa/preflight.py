"""Apache PDFBox Preflight, the PDF/A-1b validator, through Debian's libpdfbox2-java.

One Java start-up for any number of files: Preflight's ``xml group`` mode
reads a list of files and writes one XML report. The list names symbolic
links with plain ASCII names in a temporary folder, so that the file names
(Chinese, same names in different folders, line breaks) never meet Java's
idea of the file-name encoding.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ...errors import WeeklyPdfError

#: Where Debian installs the jars.
JAVA_DIR = Path("/usr/share/java")
#: The jars Preflight needs (libpdfbox2-java, libactivation-java, libjaxb-api-java).
JARS = ("preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "commons-io",
        "javax.activation", "jaxb-api")
PACKAGES = "default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java"
INSTALL = f"apt-get install {PACKAGES}"
VALIDATOR = "org.apache.pdfbox.preflight.Validator_A1b"


class PreflightMissing(WeeklyPdfError):
    """Java or the PDFBox jars are not installed."""


@dataclass(frozen=True)
class Finding:
    """One kind of error Preflight found: its rule code, its words, where, how often."""

    code: str
    details: str
    page: int | None = None     # 1-based; None for the document as a whole
    count: int = 1

    def __str__(self) -> str:
        where = f"（第 {self.page} 页）" if self.page is not None else ""
        times = f" ×{self.count}" if self.count > 1 else ""
        return f"{self.code} {self.details}{where}{times}"


@dataclass(frozen=True)
class Verdict:
    """Preflight's verdict on one file."""

    file: Path
    valid: bool
    findings: tuple[Finding, ...] = ()

    def codes(self) -> set[str]:
        return {finding.code for finding in self.findings}


def classpath(java_dir: Path = JAVA_DIR) -> str:
    """The class path of Preflight, or :class:`PreflightMissing` saying how to install it."""
    if shutil.which("java") is None:
        raise PreflightMissing(
            "没有找到 Java 运行环境（java 命令），无法运行 PDF/A 检查工具 Apache PDFBox Preflight。"
            f"请以管理员身份安装（Debian/Ubuntu）：{INSTALL}")
    jars = [Path(java_dir) / f"{name}.jar" for name in JARS]
    missing = [jar.name for jar in jars if not jar.is_file()]
    if missing:
        raise PreflightMissing(
            f"没有找到 PDF/A 检查工具 Apache PDFBox Preflight（{Path(java_dir)} 下缺少 "
            f"{'、'.join(missing)}）。请以管理员身份安装（Debian/Ubuntu）：{INSTALL}")
    return os.pathsep.join(str(jar) for jar in jars)


def preflight(files: list[Path], *, java_dir: Path = JAVA_DIR,
              timeout: float = 600) -> list[Verdict]:
    """Validate each of ``files`` (existing regular files) against PDF/A-1b.

    Returns one :class:`Verdict` per file, in order. Raises
    :class:`PreflightMissing` when Java or PDFBox is missing and
    :class:`WeeklyPdfError` when Preflight gives no verdict.
    """
    cp = classpath(java_dir)
    if not files:
        return []
    with tempfile.TemporaryDirectory(prefix="weekly-pdf-preflight-") as tmp:
        links = []
        for i, file in enumerate(files):
            link = Path(tmp) / f"{i}.pdf"
            link.symlink_to(Path(file).resolve())
            links.append(link)
        listing = Path(tmp) / "files.txt"
        listing.write_text("".join(f"{link}\n" for link in links), encoding="ascii")
        try:
            proc = subprocess.run(["java", "-cp", cp, VALIDATOR, "xml", "group", str(listing)],
                                  capture_output=True, text=True, timeout=timeout, cwd=tmp)
        except subprocess.TimeoutExpired:
            raise WeeklyPdfError(f"PDF/A 检查工具运行超过 {timeout:.0f} 秒，已停止。") from None
        report = Path(f"{listing}.preflight.xml")
        try:
            root = ET.parse(report).getroot()
        except (OSError, ET.ParseError):
            raise WeeklyPdfError(
                "PDF/A 检查工具没有给出结果：" + _last_line(proc.stderr or proc.stdout)) from None
    by_name = {element.get("name"): element for element in root.iter("preflight")}
    verdicts = []
    for file, link in zip(files, links):
        element = by_name.get(link.name)
        if element is None:
            raise WeeklyPdfError(f"PDF/A 检查工具没有给出对 {file} 的结论："
                                 + _last_line(proc.stderr or proc.stdout))
        verdicts.append(_verdict(Path(file), element))
    return verdicts


def _verdict(file: Path, element: ET.Element) -> Verdict:
    valid = (element.findtext("isValid") or "").strip() == "true"
    findings = []
    for error in element.iter("error"):
        page = error.findtext("page")
        findings.append(Finding(
            code=(error.findtext("code") or "").strip(),
            details=(error.findtext("details") or "").strip(),
            page=int(page) + 1 if page is not None and page.strip().isdigit() else None,
            count=int(error.get("count") or 1)))
    return Verdict(file, valid and not findings, tuple(findings))


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "（没有输出）"
