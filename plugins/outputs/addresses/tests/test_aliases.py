"""Issue 24, class 8: `Aliases:` is read by one parser, error_report.header.split_list, for the
check (plugins/guard/content_guard) and for the redirect pages alike, whatever the separators."""

import json
from types import SimpleNamespace

from conftest import build_ok, run_pelican, snapshot
from plugins.guard.content_guard.addresses import check_addresses
from plugins.guard.content_guard.sources import read_source
from plugins.guard.content_guard.tests.helpers import (
    SETTINGS,
    TEST_DATA,
    copy_of_fixture,
    post,
    write,
)
from plugins.outputs.addresses.redirects import aliases_of

PLUGINS = [
    "plugins.outputs.template_cache",
    "plugins.model.error_report",
    "plugins.guard.content_guard",
    "plugins.guard.sanitize",
    "plugins.kinds.topics",  # the fixture's posts link its topics
    "plugins.guard.output_plan",
    "plugins.outputs.addresses",
    "plugins.guard.atomic_output",
]
BUILD = (f"PLUGINS={json.dumps(PLUGINS)}", 'URL_LOCK_FILE=""')
# How an attacker may separate aliases so that a check and a writer split them differently.
SEPARATED = {
    "/a/;/b/": ["/a/", "/b/"],
    "/a/ ; /b/;": ["/a/", "/b/"],
    "/a/,/b/": ["/a/", "/b/"],
    ";;/a/;,;": ["/a/", ","],
    "/a/, /b/; /c/": ["/a/, /b/", "/c/"],  # semicolons win: the first item is no address
    " /a/ ,, /b/ ": ["/a/", "/b/"],
}


def checked_aliases(tmp_path, value):
    """The guard's messages about the addresses of a post with `Aliases: value`."""
    path = tmp_path / "post.md"
    path.write_text(post(Aliases=value), encoding="utf-8")
    source, _ = read_source(str(path), "posts/post.md", "post")
    return [problem.message for problem in check_addresses(source, {})]


def test_the_check_and_the_writer_read_the_same_aliases(tmp_path):
    for value, expected in SEPARATED.items():
        assert aliases_of(SimpleNamespace(metadata={"aliases": value})) == expected, value
        refused = [m for m in checked_aliases(tmp_path, value) if m.startswith("alias ")]
        bad = [alias for alias in expected if not alias.startswith("/") or "," in alias]
        assert refused == [f"alias {alias!r} is not an old address of this site" for alias in bad]


def test_aliases_with_semicolons_each_get_a_redirect(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    fixture = TEST_DATA / "content"
    write(content, {p.relative_to(fixture).as_posix(): p.read_bytes() for p in fixture.rglob("*")
                    if p.is_file()})  # fmt: skip
    write(content, {"posts/2025/moved.md": post(Aliases="/old-a/;/old-b/ ; /old-c.html;")})
    build_ok(SETTINGS, output, *BUILD, content=content)
    for alias in ("old-a/index.html", "old-b/index.html", "old-c.html"):
        assert "/posts/2025/moved/" in (output / alias).read_text(encoding="utf-8"), alias
    assert not [path for path in output.rglob("*") if ";" in path.name]


def test_an_alias_list_the_check_refuses_is_never_written(tmp_path):
    content, output = copy_of_fixture(tmp_path)
    before = snapshot(output)
    twice = post(Aliases="/first/").replace(
        "Aliases: /first/\n", "Aliases: /first/\nAliases: /../../escape/\n"
    )
    write(
        content,
        {
            "posts/2025/mixed.md": post(Aliases="/x/, /y/; /z/"),
            "posts/2025/twice.md": twice,
        },
    )
    result = run_pelican(SETTINGS, output, *BUILD, content=content)
    printed = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in printed, printed
    assert snapshot(output) == before
    assert "posts/2025/mixed.md:7: alias '/x/, /y/' is not an old address" in printed, printed
    assert "posts/2025/twice.md:8: Aliases is given twice (first on line 7)" in printed, printed
