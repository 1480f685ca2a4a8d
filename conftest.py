"""Shared pytest helpers: real Pelican builds in a subprocess, as `make html` runs them."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent


def run_pelican(settings, output, *extra_settings, content=None, cwd=ROOT, env=None):
    """Build a site with Pelican in a subprocess; return the CompletedProcess.

    `settings` is a pelicanconf.py path, `output` the output folder; `extra_settings` are
    `KEY=json-value` strings passed with `-e`. `content` defaults to the PATH of the settings.
    """
    command = [sys.executable, "-m", "pelican"]
    if content is not None:
        command.append(str(content))
    command += ["-o", str(output), "-s", str(settings), "--fatal", "errors"]
    if extra_settings:
        command += ["-e", *extra_settings]
    run_env = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        command, cwd=cwd, env=run_env, capture_output=True, text=True, timeout=600, check=False
    )


def snapshot(folder):
    """{relative path: sha256} of every file under `folder`: compare two to prove byte-identity."""
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def page(output, path):
    """The parsed `index.html` of a built page, e.g. page(output, "topics/jython")."""
    return lxml.html.parse(str(Path(output) / path / "index.html")).getroot()


def texts(root, xpath):
    """The stripped text of every element `xpath` selects."""
    return [element.text_content().strip() for element in root.xpath(xpath)]


def post_titles(root):
    """Titles of the post cards listed on a page, in order."""
    return texts(root, "//*[contains(@class, 'post-card-title')]")


def build_ok(settings, output, *extra_settings, **kwargs):
    """run_pelican that fails the test with Pelican's own output when the build fails."""
    result = run_pelican(settings, output, *extra_settings, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once with the development settings."""
    output = tmp_path_factory.mktemp("site") / "output"
    build_ok(ROOT / "pelicanconf.py", output, content=ROOT / "content")
    return output


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real site built with publishconf.py, as `make publish` does."""
    output = tmp_path_factory.mktemp("published") / "output"
    build_ok(
        ROOT / "publishconf.py",
        output,
        content=ROOT / "content",
        env={"SITEURL": "https://uls-sig.example.org"},
    )
    return output
