"""No import cycles inside impact_cli.

Reads every module's source with ``ast`` (nothing is imported), collects the
``impact_cli`` modules it imports anywhere (top level or inside a function),
and fails on a cycle, naming it. A cycle means two modules each need the other:
one of them is in the wrong place, and which one loads first decides whether
the program starts.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import impact_cli


def modules(root: Path, name: str | None = None) -> dict[str, Path]:
    """Every module of the package in ``root``, by dotted name, with its source file."""
    name = name or root.name
    found = {name: root / "__init__.py"}
    for info in pkgutil.iter_modules([str(root)]):
        path = root / info.name
        if info.ispkg:
            found.update(modules(path, f"{name}.{info.name}"))
        elif path.with_suffix(".py").exists():  # a compiled extension has no source
            found[f"{name}.{info.name}"] = path.with_suffix(".py")
    return found


def imports(name: str, source: Path, known: set[str]) -> set[str]:
    """The package's modules that running module ``name`` imports.

    ``from X import a`` imports module ``X.a`` when there is one, else ``X``.
    Importing a module first imports each package above it, so those count too,
    except the packages above ``name`` itself: they are loaded before it runs.
    Imports under ``if TYPE_CHECKING:`` never run and are left out.
    """
    is_package = source.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _runtime_nodes(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in known else base)
    loaded_before = _packages_above(name) | {name}
    out: set[str] = set()
    for target in targets:
        out.update(m for m in (target, *_packages_above(target)) if m not in loaded_before)
    return out & known


def _packages_above(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` outside ``if TYPE_CHECKING:`` blocks."""
    found: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            pending.extend(node.orelse)
        else:
            pending.extend(ast.iter_child_nodes(node))
    return found


def graph(root: Path) -> dict[str, set[str]]:
    """Each module of the package in ``root``, with the package's modules it imports."""
    found = modules(root)
    known = set(found)
    return {name: imports(name, source, known) for name, source in sorted(found.items())}


def knots(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that all reach each other (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(groups)


def shortest_cycle(group: list[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest path from the group's first module back to itself."""
    start = group[0]
    members = set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(edges[node] & members):
                if target == start:
                    return [*paths[node], start]
                if target not in paths:
                    paths[target] = [*paths[node], target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle in {group}")


def knot_message(knot: list[str], edges: dict[str, set[str]]) -> str:
    cycle = " -> ".join(shortest_cycle(knot, edges))
    return f"{cycle}\n  (modules in this knot: {', '.join(knot)})"


def test_the_walk_reads_every_kind_of_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    files = {
        "__init__.py": "",
        "base.py": "import os\n",
        "top.py": "from .base import thing\nimport pkg.sub.deep\n",
        "sub/__init__.py": "from . import deep\n",
        "sub/deep.py": (
            "from typing import TYPE_CHECKING\n"
            "from .. import top\n"
            "if TYPE_CHECKING:\n"
            "    from ..base import never_run\n"
            "def later():\n"
            "    from ..base import run_late\n"
        ),
        "sub/leaf.py": "from ..top import x\n",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    assert graph(package) == {
        "pkg": set(),
        "pkg.base": set(),
        # importing pkg.sub.deep first imports the package pkg.sub
        "pkg.top": {"pkg.base", "pkg.sub", "pkg.sub.deep"},
        # "from . import deep" imports the module pkg.sub.deep
        "pkg.sub": {"pkg.sub.deep"},
        # parent-relative, function-level; not under TYPE_CHECKING; not its own packages
        "pkg.sub.deep": {"pkg.top", "pkg.base"},
        "pkg.sub.leaf": {"pkg.top"},
    }
    assert knots(graph(package)) == [["pkg.sub", "pkg.sub.deep", "pkg.top"]]


def test_cycles_are_found_and_named() -> None:
    edges = {"a": {"b"}, "b": {"c", "x"}, "c": {"a", "d"}, "d": set(), "x": {"b"}}
    assert knots(edges) == [["a", "b", "c", "x"]]
    assert shortest_cycle(["a", "b", "c", "x"], edges) == ["a", "b", "c", "a"]


def test_no_import_cycles() -> None:
    edges = graph(Path(impact_cli.__file__).parent)
    assert len(edges) > 50
    found = [knot_message(knot, edges) for knot in knots(edges)]
    assert not found, "import cycles inside impact_cli:\n" + "\n".join(found)


def test_the_rule_type_is_a_leaf() -> None:
    """Any module can declare rules: impact_cli.rules needs only the diagnostics."""
    edges = graph(Path(impact_cli.__file__).parent)
    assert edges["impact_cli.rules"] == {"impact_cli.diagnostics"}
