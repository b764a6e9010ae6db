"""The house's shape: the stage packages import only downwards, and no
circle of imports exists between modules (README, Pipeline)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "src" / "weekly_pdf"

#: From the bottom up: a module may import from its own layer and those below.
LAYERS = [("errors", "recent", "signals", "atomic", "options", "project"), ("source",),
          ("fonts",), ("typeset",), ("render",), ("pdf",), ("build", "watch", "aside"),
          ("archive",), ("cli",)]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package that ``module`` imports (a name imported from
    a package counts as that submodule when there is one)."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                full = f"{target}.{alias.name}"
                out.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return {name for name in out if name in known and name != module}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_stage_packages_import_only_downwards():
    modules = _modules()
    known = set(modules)
    upwards = sorted(f"{module} imports {other}"
                     for module, path in modules.items() if _layer(module) in RANK
                     for other in _imports(module, path, known)
                     if _layer(other) in RANK and RANK[_layer(other)] > RANK[_layer(module)])
    unplaced = sorted({_layer(module) for module in modules} - set(RANK) - {"weekly_pdf"})
    assert unplaced == [], f"modules outside every layer of LAYERS: {unplaced}"
    assert upwards == []


def test_no_circle_of_imports_between_modules():
    modules = _modules()
    known = set(modules)
    # Package faces (__init__) re-export their own modules: their imports of them are not edges back.
    graph = {module: {other for other in _imports(module, path, known)
                      if not (path.name == "__init__.py" and other.startswith(module + "."))}
             for module, path in modules.items()}
    state: dict[str, int] = {}
    circles = []

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        stack.append(module)
        for other in sorted(graph[module]):
            if state.get(other) == 1:
                circles.append(" → ".join(stack[stack.index(other):] + [other]))
            elif other not in state:
                visit(other, stack)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert circles == []
