"""House rules that keep the layers apart and the quick start honest."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|pyqtgraph|shiboken6)\b", re.M)


def test_core_packages_never_import_qt_in_source() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("models", "netgraph")
        for path in [*(ROOT / package).rglob("*.py"), ROOT / "errors.py"]
        if QT_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_netgraph_takes_its_errors_from_the_shared_module() -> None:
    """models and netgraph share one Qt-free errors module; the core imports no error class
    from the other layer."""
    old_path = re.compile(r"^\s*from models\.errors import", re.M)
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("models", "netgraph", "gui")
        for path in (ROOT / package).rglob("*.py")
        if path.name != "errors.py" and old_path.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_core_packages_load_without_qt() -> None:
    """Importing the whole core (and building a graph) must not pull Qt in transitively."""
    code = (
        "import sys, pkgutil, importlib, errors, models, netgraph\n"
        "for pkg in (models, netgraph):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "qt = ('PySide6', 'pyqtgraph', 'shiboken6')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in qt]\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\s*(make \w+)\s*$", quick_start, re.M)
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)
