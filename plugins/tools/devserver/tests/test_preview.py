"""A preview writes what the full build that follows writes, byte for byte.

preview_script.py builds a copy of the real site in one process, appends a paragraph to a post
and makes the preview; then a plain build of the edited content is compared with it, file by
file: the post's page and every feed the post is in (site, category, tags, topic, member).
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_ok

HERE = Path(__file__).resolve().parent
POST = "posts/2026/six-interest-areas.md"
# A preview writes no search index (the full build that follows does): neither build makes one.
NO_SEARCH_INDEX = "SEARCH_INDEX=false"


def test_a_preview_writes_the_bytes_of_the_full_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    previewed = tmp_path / "previewed"
    result = subprocess.run(
        [
            sys.executable,
            str(HERE / "preview_script.py"),
            str(ROOT / "pelicanconf.py"),
            str(content),
            str(previewed),
            str(content / POST),
            "A paragraph added for the preview.",
            NO_SEARCH_INDEX,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written = json.loads(result.stdout.strip().splitlines()[-1])["preview"]
    assert "posts/2026/six-interest-areas/index.html" in written
    feeds = {path for path in written if path.startswith("feeds/")}
    assert {"feeds/all.atom.xml", "feeds/all.rss.xml"} <= feeds
    assert any(path.startswith("feeds/topic/") for path in feeds)
    assert any(path.startswith("feeds/member/") for path in feeds)
    assert any(path.startswith("feeds/tag/") for path in feeds)

    built = tmp_path / "built"
    build_ok(ROOT / "pelicanconf.py", built, NO_SEARCH_INDEX, content=content)
    page = (built / "posts/2026/six-interest-areas/index.html").read_text(encoding="utf-8")
    assert "A paragraph added for the preview." in page
    for path in written:
        assert (previewed / path).read_bytes() == (built / path).read_bytes(), path
