"""The plugins package is layered (plugins/README.md): compat, then model, guard, outputs, kinds,
tools. Code imports only its own layer and the ones below it, never one above: a kind may use
an output's helpers (the mailing list writes feeds), an output learns the kinds from the
model's registry, never from a kind's package. Tests may import anything."""

import ast

from conftest import ROOT

LAYERS = ["compat", "model", "guard", "outputs", "kinds", "tools"]
PLUGINS = ROOT / "plugins"


def imported_modules(tree):
    """The absolute module names a module imports (`plugins.x.y` for `from plugins.x import y`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def layer_of(module):
    """The layer of a `plugins.<layer>...` module name, else None."""
    parts = module.split(".")
    if parts[0] != "plugins" or len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return parts[1]


def upward_imports():
    found = []
    for path in sorted(PLUGINS.rglob("*.py")):
        relative = path.relative_to(PLUGINS)
        if "tests" in relative.parts or relative.parts[0] not in LAYERS:
            continue
        own = LAYERS.index(relative.parts[0])
        for module in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            layer = layer_of(module)
            if layer is not None and LAYERS.index(layer) > own:
                found.append(f"plugins/{relative.as_posix()} imports {module}")
    return sorted(set(found))


def test_the_package_holds_its_layers_and_nothing_else():
    top = {path.name for path in PLUGINS.iterdir() if not path.name.startswith((".", "_"))}
    assert top == {*LAYERS, "README.md"}


def test_no_import_runs_back_up_a_layer():
    assert upward_imports() == []


def test_the_check_sees_an_import_that_runs_back_up(tmp_path):
    tree = ast.parse("from plugins.kinds.topics import topics\nimport plugins.model.kinds\n")
    layers = [layer_of(module) for module in imported_modules(tree)]
    assert layers == ["kinds", "kinds", "model"]
    assert LAYERS.index("kinds") > LAYERS.index("outputs")
