"""The contract of the read trackers the output memo keys its writer calls by (plugins/compat:
attribute_reads, name_reads, reading_context) with the installed Pelican, Jinja and CPython."""

import jinja2
import pytest
from jinja2.runtime import Context
from pelican.contents import Article, Content
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

import plugins.compat as compat

TEMPLATES = {
    "base.html": "{% block main %}{% endblock %}{% include 'footer.html' %}",
    "post.html": (
        "{% extends 'base.html' %}{% import 'macros.html' as m with context %}"
        "{% block main %}{{ post.title }}: {% for p in posts %}{{ m.name(p) }}{% endfor %}"
        "{% if 'extra' in extra_names %}!{% endif %}{% endblock %}"
    ),
    "macros.html": "{% macro name(p) %}{{ p.title }}{{ SEPARATOR }}{% endmacro %}",
    "footer.html": "{{ SITENAME }}",
}


def post(title, source):
    return Article("<p>body</p>", {"title": title}, settings=DEFAULT_CONFIG, source_path=source)


def test_attribute_reads_notes_the_objects_read_by_templates_and_python():
    assert "__getattribute__" not in vars(Content), "Content reads its own attributes now"
    shown, listed, unread = post("A", "a.md"), post("B", "b.md"), post("C", "c.md")
    template = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES)).get_template("post.html")
    with compat.attribute_reads() as read, compat.body_reads() as bodies:
        template.render(post=shown, posts=[listed], extra_names=[unread], SITENAME="S")
        assert unread._content  # the stored body, read directly
    assert read == {shown, listed, unread}
    assert bodies == {unread}
    with compat.attribute_reads() as outer:
        with compat.attribute_reads() as inner:
            assert listed.title
        assert shown.title
    assert inner == {listed} and outer == {listed, shown}
    assert "__getattribute__" not in vars(Content), "the reader was not removed"
    with compat.attribute_reads() as read:
        pass
    assert shown.title and read == set(), "reads after the block were noted"


def test_attribute_reads_refuses_a_class_that_reads_its_own_attributes():
    class Own:
        def __getattribute__(self, name):
            return object.__getattribute__(self, name)

    with pytest.raises(TypeError), compat.attribute_reads(Own):
        pass
    assert "__getattribute__" not in vars(Content)


def test_name_reads_notes_the_names_a_template_and_its_parts_look_up():
    resolve = Context.resolve_or_missing
    template = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES)).get_template("post.html")
    context = {"post": post("A", "a.md"), "posts": [post("B", "b.md")], "SITENAME": "S"}
    context |= {"SEPARATOR": ",", "extra_names": [], "unused": 1}
    with compat.name_reads() as read:
        assert template.render(context) == "A: B,S"
    assert {"post", "posts", "SITENAME", "SEPARATOR", "extra_names"} <= read, (
        "Jinja no longer looks names up through Context.resolve_or_missing"
    )
    assert "unused" not in read
    assert Context.resolve_or_missing is resolve, "the lookup was not restored"


def test_pelicans_writer_reads_its_context_through_a_reading_context(tmp_path):
    """Pelican copies the context with .copy() (so the copy notes too) and Jinja copies it
    with dict(), which reads no key of a dict subclass that keeps dict's __iter__."""
    with compat.name_reads() as read:
        dict(compat.reading_context({"a": 1}))
    assert read == set(), "dict() of a ReadingContext now reads every key"
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ shown }}"}))
    settings = {**DEFAULT_CONFIG, "OUTPUT_PATH": str(tmp_path)}
    context = compat.reading_context({"shown": "x", "unused": "y", "SITEURL": ""})
    with compat.name_reads() as read:
        Writer(str(tmp_path), settings).write_file("t.html", env.get_template("t.html"), context)
    assert (tmp_path / "t.html").read_text() == "x"
    assert "shown" in read and "localsiteurl" in read, "Pelican's writer no longer copies"
    assert "unused" not in read
