"""Content is prose written by members: no linter or formatter of the project reads content/.

A member's post with an ordinary Python sample that is not formatted the way ruff likes, with long
lines, must pass `make lint` (the same ruff commands `make test` starts with) and build with the
sample exactly as written. The lint runs in a copy of the repository's Makefile and
pyproject.toml, so it sees the settings the project really uses; a badly formatted module beside
the post shows that the same run does fail on code.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_ok, page

# Deliberately unformatted (ruff would rewrite every line of it) and over 100 characters a line.
SAMPLE = (
    "from twisted.internet import reactor,defer\n"
    "def fetch_all( urls ):\n"
    "  d = defer.gatherResults([getPage(u) for u in urls],consumeErrors=True)"
    "  # one Deferred for the whole batch of pages\n"
    "  return d\n"
    "x = {'a':1,'b':2}\n"
)
POST = f"""\
Title: A sample that ruff would reformat
Date: 2026-11-02 09:00
Authors: duncan-mcgreggor
Topics: concurrency-and-networking
Summary: A post whose Python sample is written the way its author wrote it.

The sample below is kept exactly as the member wrote it, long lines and all:

```python
{SAMPLE}```

A sentence after the sample that is also much longer than one hundred characters, as prose often is.
"""
BAD_MODULE = "def f( a,b ):\n  return a+b\n"


def make_lint(folder):
    """`make lint` in `folder`, with the repository's ruff (the .venv is bootstrapped already)."""
    bin_folder = Path(sys.executable).parent
    return subprocess.run(
        ["make", "--no-print-directory", "lint", f"BIN={bin_folder}", "STAMP=pyproject.toml"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def checkout(tmp_path):
    """A folder with the project's Makefile and pyproject.toml and the post in content/."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    post = tmp_path / "content" / "posts" / "2026" / "a-sample-that-ruff-would-reformat.md"
    post.parent.mkdir(parents=True)
    post.write_text(POST, encoding="utf-8")
    return tmp_path


def test_make_lint_passes_with_an_unformatted_sample_in_a_post(checkout):
    result = make_lint(checkout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "would be reformatted" not in result.stdout + result.stderr


def test_make_lint_still_fails_on_unformatted_code_outside_content(checkout):
    (checkout / "plugins").mkdir()
    (checkout / "plugins" / "bad.py").write_text(BAD_MODULE, encoding="utf-8")
    result = make_lint(checkout)
    assert result.returncode != 0
    assert "plugins/bad.py" in result.stdout + result.stderr


def test_naming_a_post_on_the_command_line_does_not_lint_it(checkout):
    """An editor's format-on-save or a pre-commit hook names the file: it stays out too."""
    ruff = Path(sys.executable).parent / "ruff"
    post = "content/posts/2026/a-sample-that-ruff-would-reformat.md"
    for command in (["format", "--check", post], ["check", post]):
        result = subprocess.run(
            [ruff, *command], cwd=checkout, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert (checkout / post).read_text(encoding="utf-8") == POST


def test_the_post_builds_with_its_sample_as_written(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "posts" / "2026" / "a-sample-that-ruff-would-reformat.md").write_text(
        POST, encoding="utf-8"
    )
    output = tmp_path / "output"
    build_ok(ROOT / "pelicanconf.py", output, "URL_LOCK_FILE=null", content=content)
    root = page(output, "posts/2026/a-sample-that-ruff-would-reformat")
    (code,) = root.xpath("//main//pre/code")
    assert code.text_content() == SAMPLE
