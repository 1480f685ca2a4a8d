"""parallel_write on the real site: forked writers share the work, and their failures count.

That a parallel build writes the same bytes as a one-process build is tested on a generated
corpus in tests/test_build_speed.py.
"""

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, build_ok, run_pelican, snapshot
from plugins.parallel_write.parallel_write import DEFAULTS, cores, writer_count

SETTINGS = ROOT / "pelicanconf.py"
HELPERS = Path(__file__).parent / "test_data" / "helpers"


def site_plugins():
    import runpy

    return runpy.run_path(str(SETTINGS))["PLUGINS"]


def test_writers_fork_for_a_big_plan_or_when_asked():
    least = DEFAULTS["PARALLEL_WRITE_MIN_FILES"]
    automatic = {"PARALLEL_WRITE_WORKERS": None}
    assert writer_count(automatic, least - 1) == 1  # the real site: the build process alone
    assert writer_count(automatic, least) == cores()
    assert writer_count({**automatic, "PARALLEL_WRITE_MIN_FILES": 10}, 10) == cores()
    assert writer_count({"PARALLEL_WRITE_WORKERS": 3}, 5) == 3  # explicit wins on a small site
    assert writer_count({"PARALLEL_WRITE_WORKERS": 0}, 10_000) == 1


@pytest.fixture
def built(tmp_path):
    output = tmp_path / "output"
    build_ok(SETTINGS, output, "PARALLEL_WRITE_WORKERS=2", content=ROOT / "content")
    return output


def test_every_page_is_written_once_and_listed_in_the_sitemap(built):
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    pages = [path for path in snapshot(built) if path.endswith("index.html")]
    assert len(pages) > 50
    for path in ("about/", "posts/2009/announcing-uls-sig/", "topics/", "feeds/"):
        assert f"/{path}</loc>" in sitemap
    assert (built / "feeds/all.json").is_file() and (built / "calendar.ics").is_file()


def test_a_failure_in_a_forked_writer_fails_the_build_and_keeps_the_output(built):
    before = snapshot(built)
    plugins = [*site_plugins(), "fail_in_forked_writer"]
    result = run_pelican(
        SETTINGS,
        built,
        "PARALLEL_WRITE_WORKERS=2",
        f"PLUGIN_PATHS={json.dumps([str(HELPERS)])}",
        f"PLUGINS={json.dumps(plugins)}",
        content=ROOT / "content",
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "failing on purpose" in output
    assert "processes writing pages failed" in output
    assert snapshot(built) == before
    assert not [name for name in os.listdir(built.parent) if name.startswith(".output-")]
