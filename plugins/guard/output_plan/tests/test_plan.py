"""The output plan's rules, in-process: who is blamed for a contested path, and how."""

import pytest

from plugins.guard.output_plan import PlannedWriter
from plugins.guard.output_plan.output_plan import UnplannedWriteError
from plugins.guard.output_plan.plan import OutputPlanError, Owner, Plan, normalized, site

POST = Owner("the post", "content/posts/2009/a.md", 1, "rename the file")
ALIAS = Owner("an alias in", "content/posts/2026/b.md", 6, "remove the alias")
PAGE = Owner("the page", "content/pages/feeds.md", 1, "rename the file")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("posts/2009/a/index.html", "posts/2009/a/index.html"),
        ("a/./b.html", "a/b.html"),
        ("../outside.html", None),
        ("a/../../outside.html", None),
        ("/etc/passwd", None),
        ("a\\..\\b.html", None),
        ("a/\x00.html", None),
        ("", None),
        ("a/../index.html", "index.html"),
    ],
)
def test_paths_are_normalized_or_refused(path, expected):
    assert normalized(path) == expected


def test_one_owner_per_path_is_fine():
    plan = Plan()
    plan.claim("posts/2009/a/index.html", POST)
    plan.claim("posts/2009/a/index.html", POST)  # the same owner twice is one claim
    assert plan.problems() == []
    plan.raise_problems()


def test_an_alias_on_a_post_is_blamed_and_the_post_is_not():
    plan = Plan()
    plan.claim("posts/2009/a/index.html", POST)
    plan.claim("posts/2009/a/index.html", ALIAS)
    assert plan.problems() == [
        (
            "content/posts/2026/b.md:6",
            "/posts/2009/a/ is already the address of the post content/posts/2009/a.md:1 "
            "(remove the alias)",
        )
    ]


def test_a_source_meeting_the_site_is_blamed_even_without_metadata():
    plan = Plan()
    plan.claim("feeds/index.html", site("feeds page"))
    plan.claim("feeds/index.html", PAGE)
    plan.claim("feeds/index.html", ALIAS)
    assert [where for where, _ in plan.problems()] == [
        "content/pages/feeds.md:1",
        "content/posts/2026/b.md:6",
    ]


def test_reserved_folders_case_and_escapes_are_refused_in_one_error():
    plan = Plan()
    plan.reserve_folder("pagefind", site("search index"))
    plan.claim("pagefind/x.html", ALIAS)
    plan.claim("About/index.html", PAGE)
    plan.claim("about/index.html", site("about page"))
    plan.claim("../../x.html", POST)
    with pytest.raises(OutputPlanError) as raised:
        plan.raise_problems()
    message = str(raised.value)
    assert message.startswith("output plan: 3 address problem(s)")
    assert (
        "content/posts/2026/b.md:6: /pagefind/x.html is already the address of the site's "
        "search index" in message
    )
    assert (
        "content/pages/feeds.md:1: /About/ differs only in case from the site's about page "
        "(about/index.html)" in message
    )
    assert "content/posts/2009/a.md:1: the address '../../x.html' is outside the site" in message


def test_two_parts_of_the_site_on_one_path_are_a_settings_problem():
    plan = Plan()
    plan.claim("index.html", site("index page"))
    plan.claim("index.html", site("members page"))
    ((where, text),) = plan.problems()
    assert where == "output plan"
    assert "change a setting" in text


def test_the_writer_refuses_a_file_the_plan_does_not_hold(tmp_path):
    plan = Plan()
    plan.claim("planned.html", POST)
    plan.write_order.append("planned.html")
    plan.planned_names = {"planned.html"}
    writer_class = type("BuildWriter", (PlannedWriter,), {"plan": plan})
    writer = writer_class(str(tmp_path), settings={"FEED_MAX_ITEMS": None})
    with pytest.raises(UnplannedWriteError):
        writer.write_file("surprise.html", None, {})
    with pytest.raises(UnplannedWriteError):
        writer.write_own_file("surprise.json", lambda: b"{}")
    assert not list(tmp_path.iterdir())
