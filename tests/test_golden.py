"""The golden site (tests/golden/content, built with tests/golden/pelicanconf.py) writes exactly the
reviewed files of tests/golden/expected/, compared file by file like Pelican's own functional
tests: any change to what the theme, the settings or a plugin writes shows up here as a diff to
review, not only the changes another test happens to assert.

When the change is meant: `make golden` (or GOLDEN_UPDATE=1 pytest tests/test_golden.py) writes
the new output into expected/; read `git diff tests/golden/expected` before committing it.
"""

import difflib
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import build_ok

GOLDEN = Path(__file__).parent / "golden"
EXPECTED = GOLDEN / "expected"
# theme/ is a copy of theme/static; pagefind/ (off in these settings) is Pagefind's binary index;
# social/ holds the social cards, PNG files whose bytes depend on the build of Pillow, zlib and
# FreeType (plugins/outputs/social_cards/tests check their size, their presence and that two builds
# match;
# the pages' og:image tags are compared here).
SKIPPED = ("theme/", "pagefind/", "social/")
# The hashes of the theme's assets change with every edit of a stylesheet: the pages must link
# the assets, whatever their hash (test_build.py checks that the hashes match the files). They
# are recorded as <hash> too, so that such an edit changes no expected file and a reviewer reads
# only real changes.
ASSET_HASH = re.compile(rb"(\?v=|pygments-)[0-9a-f]{12}")

pytestmark = pytest.mark.golden


def golden_files(folder):
    """{relative path: bytes, asset hashes replaced} of the files compared under `folder`."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not relative.startswith(SKIPPED):
            found[relative] = ASSET_HASH.sub(rb"\1<hash>", path.read_bytes())
    return found


def first_difference(expected, built):
    """The unified diff of the first file that differs, or a line about the file sets."""
    missing, extra = sorted(expected.keys() - built.keys()), sorted(built.keys() - expected.keys())
    if missing or extra:
        return f"files not built: {missing}; files not expected: {extra}"
    for name in expected:
        if expected[name] != built[name]:
            old = expected[name].decode("utf-8", errors="replace").splitlines(keepends=True)
            new = built[name].decode("utf-8", errors="replace").splitlines(keepends=True)
            diff = difflib.unified_diff(old, new, f"expected/{name}", f"built/{name}")
            return "".join(diff) or f"{name}: the bytes differ"
    return None


def test_the_golden_site_writes_the_reviewed_files(tmp_path):
    output = tmp_path / "output"
    build_ok(GOLDEN / "pelicanconf.py", output, content=GOLDEN / "content")
    built = golden_files(output)
    if os.environ.get("GOLDEN_UPDATE"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for name, data in built.items():
            (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / name).write_bytes(data)
        pytest.skip("GOLDEN_UPDATE: expected/ rewritten; review `git diff tests/golden/expected`")
    assert EXPECTED.is_dir(), "no tests/golden/expected/: run `make golden` and review it"
    difference = first_difference(golden_files(EXPECTED), built)
    if difference:
        pytest.fail(
            "the golden site changed (if that is meant: `make golden`, then review and commit "
            f"tests/golden/expected):\n{difference}",
            pytrace=False,
        )
