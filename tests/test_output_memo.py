"""The output memo (plugins/guard/output_plan/memo.py) on the golden site: what a rebuild renders
again after an edit, and that it renders everything it cannot prove unchanged. Each test also
compares the incremental output with a clean build, file by file (tests/test_incremental.py)."""

import contextlib
import pickle
import random
import shutil

import pytest
from test_incremental import Site, build, clean_build, run_steps

from conftest import build_ok, snapshot
from plugins.guard.output_plan import memo

ALL = "index.html"  # a page every build with another state renders


def folders(tmp_path):
    return tmp_path / "incremental" / "output", tmp_path / "incremental" / "cache"


def rendered_by_the_last_build(tmp_path):
    output, cache = folders(tmp_path)
    return memo.last_record({"CACHE_PATH": str(cache)}, output)["rendered"]


def test_a_body_edit_renders_the_post_and_what_shows_its_body(tmp_path):
    """After one body edited, the post's page and the outputs that show bodies (feeds) are
    rendered; every other writer call is linked from the last build."""
    assert run_steps(tmp_path, seed=3, steps=1, edits=[["edit_body"]]) is None
    rendered = rendered_by_the_last_build(tmp_path)
    pages = [name for name in rendered if name.endswith(".html")]
    assert len(pages) == 1 and pages[0].startswith("posts/"), rendered
    others = [name for name in rendered if not name.startswith("feeds/")]
    assert others == pages, rendered
    assert "feeds/all.atom.xml" in rendered, rendered


def test_a_title_edit_renders_what_shows_that_post_and_nothing_else(tmp_path):
    """A title is shown by the post's page, its neighbours, the lists and feeds it is in; a page
    that never reads that post (the about page, the 404 page) is linked from the last build."""
    assert run_steps(tmp_path, seed=3, steps=1, edits=[["edit_title"]]) is None
    rendered = rendered_by_the_last_build(tmp_path)
    assert ALL in rendered and "archives/index.html" in rendered, rendered
    assert "feeds/all.atom.xml" in rendered, rendered
    assert not {"about/index.html", "404.html", "search/index.html"} & set(rendered), rendered


def test_a_tags_edit_renders_the_tag_pages_and_what_shows_the_post(tmp_path):
    assert run_steps(tmp_path, seed=3, steps=1, edits=[["edit_tags"]]) is None
    rendered = rendered_by_the_last_build(tmp_path)
    assert "tags/index.html" in rendered, rendered
    assert not {"about/index.html", "404.html"} & set(rendered), rendered


def blind(*_):
    @contextlib.contextmanager
    def reads(*_):
        yield set()

    return reads


@pytest.mark.parametrize(
    ("reads", "edit"),
    [
        ("body_reads", "edit_body"),  # the feeds carry the old body
        ("attribute_reads", "edit_title"),  # the lists show the old title
        ("name_reads", "edit_tags"),  # the tags page lists the old tags
    ],
)
def test_a_memo_blind_to_what_a_call_read_is_caught(tmp_path, monkeypatch, reads, edit):
    """The deliberately broken dependencies: a memo that does not see which bodies, objects or
    names of the context a call read reuses stale pages after an edit of what it missed, and
    the comparison with a clean build says so."""
    monkeypatch.setattr(memo, reads, blind())
    found = run_steps(tmp_path, seed=3, steps=1, edits=[[edit]])
    assert found is not None and "files differ" in found, found


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean build of the site the tests below build twice (the same for all of them)."""
    folder = tmp_path_factory.mktemp("clean")
    return clean_build(Site(folder / "site", random.Random(5)), folder)


def site_built_twice(tmp_path, damage):
    """The golden site built, `damage(output, cache)` done, built again: (incremental, site)."""
    site = Site(tmp_path / "site", random.Random(5))
    output, cache = folders(tmp_path)
    build(site, output, cache)
    damage(output, cache)
    return build(site, output, cache), site


def test_a_published_file_changed_by_hand_is_rendered_again(tmp_path, clean):
    def edit_output(output, cache):
        with (output / ALL).open("a", encoding="utf-8") as page:
            page.write("<!-- edited in output/ -->")

    incremental, _ = site_built_twice(tmp_path, edit_output)
    assert incremental == clean
    assert rendered_by_the_last_build(tmp_path) == [ALL]


def test_a_damaged_record_is_no_record(tmp_path, clean):
    def damage(output, cache):
        (record,) = (cache / "outputs").glob("*/record.pickle")
        record.write_bytes(pickle.dumps({"format": "something else"})[:-3])

    incremental, _ = site_built_twice(tmp_path, damage)
    assert incremental == clean
    assert ALL in rendered_by_the_last_build(tmp_path)


def test_an_output_folder_removed_is_made_from_the_kept_files(tmp_path, clean):
    """`rm -rf output` with the cache kept: nothing is rendered, each file comes from the memo's
    files/ (hard links of what was published), and a kept file changed on disk is rendered."""

    def remove_output(output, cache):
        shutil.rmtree(output)

    incremental, site = site_built_twice(tmp_path, remove_output)
    assert incremental == clean
    assert rendered_by_the_last_build(tmp_path) == []
    output, cache = folders(tmp_path)
    shutil.rmtree(output)
    (kept,) = (cache / "outputs").glob("*/files")
    damaged = next(path for path in kept.iterdir() if b"</html>" in path.read_bytes())
    damaged.write_bytes(damaged.read_bytes() + b"<!-- changed in the cache -->")
    assert build(site, output, cache) == clean
    assert len(rendered_by_the_last_build(tmp_path)) == 1


def test_ignore_cache_renders_everything(tmp_path, clean):
    site = Site(tmp_path / "site", random.Random(5))
    output, cache = folders(tmp_path)
    build(site, output, cache)
    build_ok(site.settings, output, f'CACHE_PATH="{cache}"', "LOAD_CONTENT_CACHE=false")
    assert ALL in rendered_by_the_last_build(tmp_path)
    assert snapshot(output) == clean
