"""The tests stay a package: every folder of test modules has __init__.py, and
shared code is imported as tests.* (never through sys.path or from conftest)."""

from __future__ import annotations

from tests.helpers import ROOT

TESTS = ROOT / "tests"


def test_every_test_folder_is_a_package():
    folders = {path.parent for path in TESTS.rglob("*.py")}
    assert sorted(str(f.relative_to(ROOT)) for f in folders
                  if not (f / "__init__.py").is_file()) == []


def test_no_test_module_changes_sys_path_or_imports_conftest():
    offenders = [str(path.relative_to(ROOT)) for path in TESTS.rglob("*.py")
                 if path.name != "test_tests_package.py"
                 and any(word in path.read_text(encoding="utf-8")
                         for word in ("sys.path.insert", "sys.path.append", "from conftest import",
                                      "import conftest"))]
    assert offenders == []
