"""The app's modules depend on each other in one direction: the matching modules in layers, the
domain code never on the web layers, and no cycle anywhere in trade."""

import grimp
import pytest

# each may import only earlier ones
MATCHING = ["scoring", "explain", "records", "index", "cache", "engine", "store"]
DOMAIN = [
    "models",
    "choices",
    "actions",
    "queries",
    "tasks",
    "matching",
    "search",
    "notices",
    "jobs",
    "hs_picker",
]
WEB = ["api", "views", "forms", "urls", "templatetags"]


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("scotemp", include_external_packages=False)


def _modules(graph, name):
    package = f"scotemp.trade.{name}"
    return {package} | (graph.find_descendants(package) if graph.find_children(package) else set())


def test_matching_modules_import_only_the_layers_below(graph):
    for i, name in enumerate(MATCHING):
        module = f"scotemp.trade.matching.{name}"
        imported = {
            m for m in graph.find_modules_directly_imported_by(module) if m.startswith("scotemp.trade")
        }
        allowed = {f"scotemp.trade.matching.{below}" for below in MATCHING[:i]}
        allowed |= {"scotemp.trade.models", "scotemp.trade.choices"} if name == "store" else set()
        assert imported <= allowed, f"{module} imports {sorted(imported - allowed)}"
    # In the app, only the matching tasks and the command that recomputes everything use the store.
    users = {
        m
        for m in graph.find_modules_that_directly_import("scotemp.trade.matching.store")
        if m.startswith("scotemp.trade.") and ".tests" not in m
    }
    assert users == {"scotemp.trade.tasks.matching", "scotemp.trade.management.commands.rematch_leads"}


def test_domain_code_does_not_import_the_web_layers(graph):
    web = set().union(*(_modules(graph, name) for name in WEB))
    for name in DOMAIN:
        for module in _modules(graph, name):
            chains = {m for m in graph.find_modules_directly_imported_by(module) if m in web}
            assert not chains, f"{module} imports {sorted(chains)}"


def test_no_import_cycle_in_trade(graph):
    modules = {m for m in graph.find_descendants("scotemp.trade") if ".tests" not in m}
    for module in sorted(modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported in modules and imported != module and not module.startswith(imported + "."):
                path = graph.find_shortest_chain(importer=imported, imported=module)
                assert path is None, f"cycle: {module} -> {' -> '.join(path)}"
