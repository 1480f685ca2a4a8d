"""reading_time counts once what the theme counted on every card, and counts it the same way."""

import json
import runpy
import shutil

from conftest import ROOT, build_ok, page, snapshot, texts

SETTINGS = ROOT / "pelicanconf.py"
WORDS = " ".join(["word"] * 661)  # 661 words: 3.004 minutes at 220 words a minute -> 4


def test_minutes_are_rounded_up_and_match_the_themes_own_count(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "posts/2026/long-read.md").write_text(
        "Title: A long read\nDate: 2026-01-05 10:00\nAuthors: editors\nTopics: uls-systems\n"
        f"Summary: Exactly 661 words.\n\n{WORDS}\n",
        encoding="utf-8",
    )
    lock = f'URL_LOCK_FILE="{tmp_path / "urls.lock"}"'
    # The pages are compared: the search index, made from them, would add nothing but Pagefind's
    # time to each build.
    no_index = "SEARCH_INDEX=false"
    build_ok(SETTINGS, tmp_path / "with", lock, no_index, "URL_LOCK_UPDATE=true", content=content)
    plugins = [
        name
        for name in runpy.run_path(str(SETTINGS))["PLUGINS"]
        if name != "plugins.outputs.reading_time"
    ]
    without = f"PLUGINS={json.dumps(plugins)}"
    build_ok(SETTINGS, tmp_path / "without", lock, no_index, without, content=content)
    post = page(tmp_path / "with", "posts/2026/long-read")
    assert "4 min read" in texts(post, "//p[@class='meta']")[0]
    assert snapshot(tmp_path / "with") == snapshot(tmp_path / "without")
