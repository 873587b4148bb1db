"""The package's layers stay visible: the core (everything the tutor does) never imports terminal
or command-line libraries, so tests and other programs can use it without a terminal."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "tutor" / "core"
TERMINAL_LIBRARIES = {"rich", "prompt_toolkit", "argparse"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_core_module_imports_terminal_libraries():
    offenders = {str(p.relative_to(CORE)): sorted(imported_modules(p) & TERMINAL_LIBRARIES)
                 for p in CORE.rglob("*.py") if imported_modules(p) & TERMINAL_LIBRARIES}
    assert len(list(CORE.rglob("*.py"))) > 20 and offenders == {}


def test_core_never_imports_app():
    offenders = [str(p.relative_to(CORE)) for p in CORE.rglob("*.py")
                 if any(n.startswith("tutor.app") for n in _full_imports(p))]
    assert offenders == []


def _full_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module} | \
        {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def test_importing_the_whole_core_loads_no_terminal_library():
    modules = sorted(".".join(p.relative_to(CORE.parent.parent).with_suffix("").parts) for p in CORE.rglob("*.py"))
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            f"print(sorted(m for m in {sorted(TERMINAL_LIBRARIES)!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
