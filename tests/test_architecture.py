"""The import rules of docs/architecture.md, checked on the source (no module is imported).

- matcher and storage never reach Telegram, the bot or each other;
- only bot/telegram imports python-telegram-bot;
- matcher/serving never imports training, ONNX export or torch;
- no two modules import each other, directly or in a longer circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "matcher", "storage")
FORBIDDEN = {
    "matcher": {"telegram", "bot", "storage", "sqlalchemy", "alembic"},
    "storage": {"telegram", "bot", "matcher", "torch", "sentence_transformers"},
}
SERVING_FORBIDDEN = {"matcher.training", "matcher.onnx", "torch", "sentence_transformers"}
MAX_MODULE_LINES = 300


def _sources(folder: str) -> list[Path]:
    return [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every dotted name imported, including ``from a import b`` as ``a`` and ``a.b``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _roots(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _imports(path)}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_inward(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_roots(path) & FORBIDDEN[package])
        for path in _sources(package)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_only_the_telegram_package_imports_telegram() -> None:
    telegram_package = ROOT / "bot" / "telegram"
    offenders = [
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in _sources(package)
        if telegram_package not in path.parents and "telegram" in _roots(path)
    ]
    assert offenders == []


def test_serving_never_imports_training_export_or_torch() -> None:
    def forbidden(name: str) -> bool:
        return any(name == f or name.startswith(f + ".") for f in SERVING_FORBIDDEN)

    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imports(path) if forbidden(n))
        for path in _sources("matcher/serving")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def _import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for package in PACKAGES for p in _sources(package)}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports(path):
            # ``from pkg import sub`` names a module; ``from mod import func`` its module.
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_import_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_modules_stay_small() -> None:
    big = {
        str(path.relative_to(ROOT)): n
        for package in PACKAGES
        for path in _sources(package)
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert big == {}
