"""Time and memory of importing the largest Word files the package limits
accept, and of refusing ones beyond them (not a test).

    .venv/bin/python bench/word_limits.py

Each case is a .docx written here and imported with ``weekly-pdf import
ARTICLE --into`` as a whole process (an article appended to a copy of the
seed issue); the wall time, the exit code and the peak memory of the
process are printed:

- ``paragraphs``: just under word_package.MAX_PARAGRAPHS paragraphs of
                  text (refused by the issue's own limits after reading);
- ``elements``:   just under word_package.MAX_XML_ELEMENTS elements (bookmarks:
                  the cost of the check itself);
- ``bomb``:       1.8 million empty paragraphs in about 30 KB (refused).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.source.importer.wordparts import write_package  # noqa: E402
from weekly_pdf.source.importer import word_package  # noqa: E402

CASES = {
    "paragraphs": ("<w:p><w:r><w:t>科协组织开展学习研讨。</w:t></w:r></w:p>".encode(),
                   word_package.MAX_PARAGRAPHS - 10),
    "elements": (b"<w:bookmarkStart w:id='1' w:name='a'/>", word_package.MAX_XML_ELEMENTS - 100),
    "bomb": (b"<w:p/>", 1_800_000),
}


def main() -> None:
    exe = Path(sys.executable).parent / "weekly-pdf"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for name, chunks in CASES.items():
            issues = work / name / "issues"
            (issues / "2023").mkdir(parents=True)
            shutil.copy(ROOT / "issues" / "publication.yaml", issues)
            shutil.copy(ROOT / "issues" / "2023" / "2023-20.yaml", issues / "2023")
            docx = write_package(work / name / "稿件.docx", chunks=chunks)
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            done = subprocess.run([str(exe), "import", str(docx), "--into",
                                   str(issues / "2023" / "2023-20.yaml"), "--column", "基层动态"],
                                  capture_output=True, text=True)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            print(f"{name:11} {docx.stat().st_size / 1024:8.0f} KB  exit {done.returncode}  "
                  f"{seconds:6.2f} s  peak {max(peak, before) / 1024:6.0f} MB  "
                  f"{(done.stderr or done.stdout).strip()[:90]}")


if __name__ == "__main__":
    main()
