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
