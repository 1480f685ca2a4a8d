"""The site's code is one installable package: importable anywhere, and nothing edits sys.path."""

import re
import subprocess
import sys

from conftest import ROOT

SYS_PATH_EDIT = re.compile(r"sys\.path\s*(\[[^\]]*\]\s*=|\.(insert|append|extend|remove)\()")


def python_files():
    """Every .py file of the repository: those git tracks or would add (.gitignore leaves out
    the build output, the caches and bench/work's corpora: tens of thousands of files on a
    machine that ran `make bench`). The tests need a git checkout anyway (the URL lock and the
    changed pages are compared with main's)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, f"git ls-files failed: {listed.stderr}"
    return [ROOT / name for name in listed.stdout.split("\0") if name and (ROOT / name).is_file()]


def test_no_file_of_the_repository_edits_sys_path():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(python_files())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SYS_PATH_EDIT.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_package_imports_from_any_folder(tmp_path):
    code = "import plugins.guard.content_guard, plugins.guard.output_plan; print(plugins.__file__)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(ROOT / "plugins" / "__init__.py")


def test_every_plugin_applies_its_defaults_one_way():
    """A plugin with settings keeps their defaults in one DEFAULTS dict and applies it at
    `initialized` (plugins/model/defaults.py); none of its settings has a second default elsewhere.
    Read from the source: calling register() here would connect receivers in this process,
    which every build forked from it would inherit."""
    from pelican.settings import DEFAULT_CONFIG

    pelican_settings = {*DEFAULT_CONFIG, "SITESUBTITLE"}  # Pelican's own (SITESUBTITLE: optional)
    settings_read = re.compile(r"settings\.get\(\"([A-Z_]+)\", (?!DEFAULTS)")
    applied = re.compile(r"use_defaults\(DEFAULTS\)|apply_defaults\(pelican\.settings, DEFAULTS\)")
    problems = []
    for folder in sorted(path for path in (ROOT / "plugins").iterdir() if path.is_dir()):
        sources = {
            path: path.read_text(encoding="utf-8") for path in sorted(folder.glob("[!_]*.py"))
        }
        text = "\n".join(sources.values())
        has_defaults = re.search(r"^DEFAULTS = ", text, re.M) and "def register" in text
        if has_defaults and not applied.search(text):
            problems.append(f"plugins/{folder.name}: DEFAULTS not applied at initialized")
        for path, source in sources.items():
            for number, line in enumerate(source.splitlines(), 1):
                found = settings_read.search(line)
                if found and found.group(1) not in pelican_settings:
                    problems.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not problems, "\n".join(problems)
