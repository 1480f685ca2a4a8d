"""Outside plugins/compat, no Python file of the repository uses a private name of another
package: ruff's SLF001 (a private attribute of another object) and PLC2701 (a private name
imported from another package) refuse it in `make lint` (pyproject.toml), compat exempt. Each
private name goes through a compat function, so that an upgrade has one module to check (and
test_contract.py checks it). These tests show the rule is on, and where."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

USES_PRIVATE_NAMES = """\
from pelican.contents import Article
from pelican.plugins._utils import load_legacy_plugin


def body(article: Article):
    return article._content, load_legacy_plugin
"""


def ruff_codes(source, as_path):
    """The rule codes ruff reports for `source` as if it were the file `as_path`, with the
    repository's settings."""
    command = ["check", "--output-format=json", "--no-cache", "--exit-zero"]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, f"--stdin-filename={as_path}", "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return {problem["code"] for problem in json.loads(result.stdout)}


def test_a_private_name_outside_compat_fails_lint():
    assert ruff_codes(USES_PRIVATE_NAMES, "plugins/kinds/events/example.py") == {
        "SLF001",
        "PLC2701",
    }
    assert ruff_codes(USES_PRIVATE_NAMES, "tests/test_example.py") == {"SLF001", "PLC2701"}


def test_compat_may_use_them():
    assert ruff_codes(USES_PRIVATE_NAMES, "plugins/compat/example.py") == set()
