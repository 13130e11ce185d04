"""The seams between apps hold: views never write, services stay small, apps reach statistics via one gate."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parents[2]
ENTRY_POINTS = sorted(
    [*APPS.glob("*/views.py"), *APPS.glob("*/views/*.py"), *APPS.glob("*/participant_views.py"),
     *APPS.glob("*/api.py")]
)  # fmt: skip
ALWAYS_WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "bulk_update"}
SERVICE_LIMIT = 500


def _writes(path: Path) -> list[str]:
    """Return 'line: call' for every database write or transaction in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, receiver = node.func.attr, ast.unparse(node.func.value)
        is_write = (
            name in ALWAYS_WRITES
            or (name in ("save", "delete") and not node.args)  # a model instance, not a file
            or (name == "update" and ("objects" in receiver or "filter(" in receiver))
            or (name == "atomic" and receiver == "transaction")
        )
        if is_write:
            found.append(f"{node.lineno}: {ast.unparse(node.func)}")
    return found


def test_the_scan_finds_a_write_in_a_view(tmp_path: Path) -> None:
    view = tmp_path / "views.py"
    view.write_text(
        "def v(request):\n"
        "    with transaction.atomic():\n"
        "        Model.objects.create(a=1)\n"
        "        model.parts.get_or_create(b=2)\n"
        "        model.save(update_fields=['x'])\n"
        "        qr.save(buffer, kind='svg')\n"
    )
    assert _writes(view) == [
        "2: transaction.atomic", "3: Model.objects.create", "4: model.parts.get_or_create",
        "5: model.save",
    ]  # fmt: skip


@pytest.mark.parametrize("path", ENTRY_POINTS, ids=lambda p: str(p.relative_to(APPS)))
def test_views_leave_every_write_and_transaction_to_a_service(path: Path) -> None:
    assert _writes(path) == []


def test_no_services_module_is_over_500_lines() -> None:
    modules = [*APPS.glob("*/services.py"), *APPS.glob("*/services/*.py")]
    too_long = {
        str(p.relative_to(APPS)): n
        for p in modules
        if (n := len(p.read_text("utf-8").splitlines())) > SERVICE_LIMIT
    }
    assert too_long == {}


def test_no_app_module_imports_statbank_loaders_except_the_statistics_gate() -> None:
    loaders = ("statbank.snapshot", "statbank.national", "statbank.geo")
    offenders = []
    for path in APPS.rglob("*.py"):
        relative = path.relative_to(APPS)
        if "tests" in relative.parts or relative.name == "build_snapshot.py":
            continue
        if relative == Path("core/statistics.py"):
            continue
        text = path.read_text("utf-8")
        if any(f"from {m} import" in text or f"import {m}" in text for m in loaders):
            offenders.append(str(relative))
    assert offenders == []


def test_every_role_two_apps_share_is_listed_in_the_directory_structure() -> None:
    doc = (APPS.parent / "docs" / "directory-structure.md").read_text("utf-8")
    apps = [a for a in APPS.iterdir() if (a / "apps.py").exists()]
    counts: dict[str, int] = {}
    for app in apps:
        for entry in app.iterdir():
            is_module = entry.suffix == ".py" and not entry.name.startswith("_")
            is_package = entry.is_dir() and (entry / "__init__.py").exists()
            if is_module or (
                is_package and entry.name not in ("tests", "migrations", "management")
            ):
                counts[entry.stem] = counts.get(entry.stem, 0) + 1
    shared = {name for name, n in counts.items() if n >= 2 and name != "templatetags"}
    missing = {name for name in shared if f"{name}.py" not in doc and f"{name}/" not in doc}
    assert missing == set()
    for role in (
        "pages",
        "figures",
        "engine",
        "rules",
        "kinds",
        "documents",
        "statistics",
        "content",
        "demo",
    ):
        assert f"{role}.py" in doc, role


def _listed_modules(doc: str) -> dict[str, set[str]]:
    """Return app → the modules ("x.py") and packages ("x/") named in its list item of the doc."""
    section = doc.split("## Every app, module by module", 1)[1].split("\n## ", 1)[0]
    items = re.findall(r"^- `(\w+)/`: (.*?)(?=^- |\Z)", section, flags=re.M | re.S)
    return {app: set(re.findall(r"\b[a-z_][a-z0-9_]*(?:\.py|/)", text)) for app, text in items}


def _app_modules(app: Path) -> set[str]:
    found = set()
    for entry in app.iterdir():
        if entry.suffix == ".py" and entry.name != "__init__.py":
            found.add(entry.name)
        elif (entry / "__init__.py").exists() and entry.name not in ("tests", "migrations"):
            found.add(f"{entry.name}/")
    return found


def test_the_directory_structure_lists_every_app_module_and_only_those_that_exist() -> None:
    doc = (APPS.parent / "docs" / "directory-structure.md").read_text("utf-8")
    listed = _listed_modules(doc)
    apps = {a.name: a for a in APPS.iterdir() if (a / "apps.py").exists()}
    assert set(listed) == set(apps)
    for name, app in apps.items():
        assert listed[name] == _app_modules(app), name


# Service modules named after what they do rather than `services` (keyword-only, atomic writes),
# and the demo loaders, which fill an empty demo database rather than take anyone's input.
WRITERS_BY_OTHER_NAMES = {
    "workshops/import_services.py",
    "workshops/pins.py",
    "workshops/photos.py",
    "workshops/facilitation.py",
    "workshops/housekeeping.py",
    "workshops/retention.py",
    "methods/handoff.py",
    "methods/demo.py",
    "scenarios/demo.py",
    "core/management/commands/load_demo.py",
}


def _is_service(relative: Path) -> bool:
    return relative.name == "services.py" or "services" in relative.parts[:-1]


def test_only_services_write_to_the_database() -> None:
    writers = set()
    for path in APPS.rglob("*.py"):
        relative = path.relative_to(APPS)
        if {"tests", "migrations"} & set(relative.parts) or _is_service(relative):
            continue
        if _writes(path):
            writers.add(relative.as_posix())
    assert writers <= WRITERS_BY_OTHER_NAMES, writers - WRITERS_BY_OTHER_NAMES
    assert "workshops/imports.py" not in writers  # imported rows are written by import_services
