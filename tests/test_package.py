"""The site's code is one installable package: importable anywhere, and nothing edits sys.path."""

import re
import subprocess
import sys

from conftest import ROOT

SYS_PATH_EDIT = re.compile(r"sys\.path\s*(\[[^\]]*\]\s*=|\.(insert|append|extend|remove)\()")


def test_no_file_of_the_repository_edits_sys_path():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(ROOT.rglob("*.py"))
        if not {".venv", "node_modules", "build"} & set(path.relative_to(ROOT).parts)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SYS_PATH_EDIT.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_package_imports_from_any_folder(tmp_path):
    code = "import plugins.content_guard, plugins.output_plan; print(plugins.__file__)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(ROOT / "plugins" / "__init__.py")


def test_every_plugin_applies_its_defaults_one_way():
    """A plugin with settings keeps their defaults in one DEFAULTS dict and applies it at
    `initialized` (plugins/defaults.py); none of its settings has a second default elsewhere."""
    import importlib

    from pelican.settings import DEFAULT_CONFIG

    from plugins.defaults import _receivers

    PELICAN_SETTINGS = {*DEFAULT_CONFIG, "SITESUBTITLE"}  # Pelican's own (SITESUBTITLE: optional)
    settings_read = re.compile(r"settings\.get\(\"([A-Z_]+)\", (?!DEFAULTS)")
    problems = []
    for module_path in sorted((ROOT / "plugins").glob("*/[!_]*.py")):
        if "tests" in module_path.parts:
            continue
        module = importlib.import_module(
            ".".join(module_path.relative_to(ROOT).with_suffix("").parts)
        )
        defaults = getattr(module, "DEFAULTS", None)
        text = module_path.read_text(encoding="utf-8")
        if isinstance(defaults, dict) and "def register" in text:
            module.register()
            if (
                id(defaults) not in _receivers
                and "apply_defaults(pelican.settings, DEFAULTS)" not in text
            ):
                problems.append(f"{module_path.relative_to(ROOT)}: DEFAULTS not applied")
        for number, line in enumerate(text.splitlines(), 1):
            found = settings_read.search(line)
            if found and found.group(1) not in PELICAN_SETTINGS:
                problems.append(f"{module_path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not problems, "\n".join(problems)
