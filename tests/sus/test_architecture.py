"""The layer order is checked by `lint-imports` (contracts in pyproject.toml); this adds what
a layers contract cannot see: no module imports itself back through a chain of others, and the
people layer never names the participation app."""

from pathlib import Path

import grimp

APPS = ("sus", "offices", "participants", "transitions", "audit", "reports")
ROOT = Path(__file__).resolve().parents[2]


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_level_import_cycle():
    graph = grimp.build_graph(*APPS, include_external_packages=False)
    assert _cycles(graph) == []


def test_a_cycle_would_be_found():
    graph = grimp.ImportGraph()
    for module in ("a", "b", "c"):
        graph.add_module(module)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    assert _cycles(graph) == [["a", "b", "c"]]


def test_people_never_import_the_participation_app():
    sources = [p for p in (ROOT / "participants").rglob("*.py") if "migrations" not in p.parts]
    assert sources
    offending = [
        str(p.relative_to(ROOT))
        for p in sources
        if "import transitions" in p.read_text() or "from transitions" in p.read_text()
    ]
    assert offending == []
