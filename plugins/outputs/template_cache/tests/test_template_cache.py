"""The template_cache plugin on a tiny site: a rebuild compiles no template and writes the same
site as a build without the cache; an edited template is compiled again; other PLUGINS (whose
answers Jinja writes into the compiled code) and other Jinja options get other entries."""

import json
import runpy
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_ok, snapshot
from plugins.outputs.template_cache.template_cache import cache_folder

TEST_DATA = Path(__file__).parent / "test_data"
SETTINGS = TEST_DATA / "pelicanconf.py"


def cached_templates(folder):
    """{file name: (size, mtime in ns)} of the compiled templates under `folder`."""
    return {
        path.name: (path.stat().st_size, path.stat().st_mtime_ns)
        for path in Path(folder).rglob("*.jinja")
    }


def build(output, *settings):
    build_ok(SETTINGS, output, *settings, cwd=TEST_DATA)
    return snapshot(output)


def test_a_rebuild_compiles_no_template_and_writes_the_same_site(tmp_path):
    cache = f'TEMPLATE_CACHE_PATH="{tmp_path / "templates"}"'
    first = build(tmp_path / "first", cache)
    compiled = cached_templates(tmp_path / "templates")
    assert len(compiled) >= 10, f"only {len(compiled)} templates cached: {sorted(compiled)}"
    second = build(tmp_path / "second", cache)
    # Jinja writes an entry only after compiling: the same files, untouched, mean none was.
    assert cached_templates(tmp_path / "templates") == compiled
    without = build(tmp_path / "without", "TEMPLATE_CACHE=false")
    assert first == second == without
    assert "index.html" in first and "posts/2025/first/index.html" in first


def test_an_edited_template_is_compiled_again(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = (f'TEMPLATE_CACHE_PATH="{tmp_path / "templates"}"', f'THEME="{theme}"')
    build(tmp_path / "before", *settings)
    page = theme / "templates" / "404.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Page not found</h1>", "Nothing here</h1>"),
        encoding="utf-8",
    )
    build(tmp_path / "after", *settings)
    assert "Page not found</h1>" in (tmp_path / "before" / "404.html").read_text("utf-8")
    assert "Nothing here</h1>" in (tmp_path / "after" / "404.html").read_text("utf-8")


def test_builds_with_other_plugins_do_not_share_compiled_answers(tmp_path):
    """The footer asks `"plugins.outputs.feeds" is plugin_enabled`, a test Jinja answers while
    compiling:
    a build without the plugin, on the same cache as a build with it, must not get its links."""
    cache = f'TEMPLATE_CACHE_PATH="{tmp_path / "templates"}"'
    plugins = runpy.run_path(str(SETTINGS))["PLUGINS"]  # without plugins.outputs.feeds
    assert "plugins.outputs.feeds" not in plugins
    with_feeds = f"PLUGINS={json.dumps([*plugins, 'plugins.outputs.feeds'])}"
    build(tmp_path / "with", cache, with_feeds)
    build(tmp_path / "without", cache, f"PLUGINS={json.dumps(plugins)}")
    build(tmp_path / "again", cache, with_feeds)
    link = '/feeds/">All feeds</a>'
    assert link in (tmp_path / "with" / "404.html").read_text(encoding="utf-8")
    assert link not in (tmp_path / "without" / "404.html").read_text(encoding="utf-8")
    assert link in (tmp_path / "again" / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "other",
    [{"autoescape": False}, {"trim_blocks": False}, {"extensions": ["jinja2.ext.do"]}],
    ids=["autoescape", "trim_blocks", "extensions"],
)
def test_other_jinja_options_get_another_folder(other):
    options = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
    settings = {"CACHE_PATH": "cache", "JINJA_ENVIRONMENT": options}
    folder = cache_folder(settings)
    assert folder.parent == Path("cache", "templates")
    assert cache_folder({**settings, "JINJA_ENVIRONMENT": dict(options)}) == folder
    assert cache_folder({**settings, "JINJA_ENVIRONMENT": {**options, **other}}) != folder
