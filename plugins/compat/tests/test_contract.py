"""The contract of plugins/compat with the installed Pelican, rich, livereload and Pagefind.

Each test checks one thing a compat function relies on, in-process and in milliseconds (one
small Pagefind run), and fails with a message naming the function and what changed. When one
fails after an upgrade: read that function's why, adapt it (or pin the dependency back), and
widen the upper bound in pyproject.toml only once this file passes.
"""

import inspect
import logging
import subprocess
import sys
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import pelican
from dateutil import rrule
from pelican import Pelican
from pelican.contents import Article, Page
from pelican.log import LimitFilter
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG, read_settings

import plugins.compat as compat
from plugins.compat import livereload as compat_livereload
from plugins.compat import pagefind
from plugins.compat.dateutil import dates_made_by_rrule

PLUGINS = Path(__file__).resolve().parents[2]


def in_order(source, steps, what):
    """Assert that the `steps` (substrings) appear in `source` in this order."""
    at = 0
    for step in steps:
        found = source.find(step, at)
        assert found >= 0, f"{what}: `{step}` not found after the previous step in:\n{source}"
        at = found + len(step)


# --- Pelican --------------------------------------------------------------------------------------


def test_pelican_run_keeps_its_order():
    """atomic_output (redirect_output), output_plan and finishing hook into Pelican.run at these
    points, in this order."""
    in_order(
        inspect.getsource(Pelican.run),
        [
            "output_path=self.output_path",  # generators made with the (redirected) output
            "self._get_generator_classes()",  # sends get_generators
            ".generate_context()",
            "signals.all_generators_finalized.send(",
            ".refresh_metadata_intersite_links()",
            "self._get_writer()",  # sends get_writer
            ".generate_output(writer)",
            "signals.finalized.send(",
        ],
        "Pelican.run changed its order (compat.redirect_output and the finishing steps)",
    )
    in_order(
        inspect.getsource(Pelican._get_generator_classes),
        ["signals.get_generators.send("],
        "get_generators is no longer sent while generators are made",
    )
    in_order(
        inspect.getsource(Pelican._get_writer),
        ["signals.get_writer.send(", "self.output_path"],
        "the writer no longer takes pelican.output_path after get_writer (redirect_output)",
    )


def test_redirect_output(tmp_path):
    settings = read_settings(
        None, override={"PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path / "o"), "PLUGINS": []}
    )
    instance = Pelican(settings)
    assert instance.output_path == str(tmp_path / "o"), "Pelican has no output_path any more"
    compat.redirect_output(instance, str(tmp_path / "staging"))
    assert instance.output_path == settings["OUTPUT_PATH"] == str(tmp_path / "staging")


def test_import_plugin_returns_the_module_pelican_would():
    module = compat.import_plugin("plugins.model.finishing", [str(PLUGINS)])
    assert callable(module.add_step)
    assert (
        compat.import_plugin("plugins.model.finishing", [str(PLUGINS)])
        is sys.modules[module.__name__]
    )


def test_log_handler_and_forgetting_shown_warnings():
    assert "LOG_HANDLERS[" in inspect.getsource(pelican.main), (
        "pelican.main no longer picks its handler from LOG_HANDLERS (use_rich_log_handler)"
    )
    assert "rich" in pelican.LOG_HANDLERS
    record = logging.LogRecord("pelican.x", logging.WARNING, "x", 1, "compat probe %s", (1,), None)
    limit = LimitFilter()
    assert isinstance(LimitFilter._raised_messages, set), "LimitFilter._raised_messages changed"
    assert isinstance(LimitFilter._group_count, dict), "LimitFilter._group_count changed"
    assert limit.filter(record) and not limit.filter(record), "LimitFilter no longer dedups"
    compat.forget_shown_warnings()
    assert limit.filter(record), "forget_shown_warnings no longer makes a warning new again"
    compat.forget_shown_warnings()


def article(body="<p>one</p>", summary="<p>short</p>"):
    settings = {**DEFAULT_CONFIG, "SITEURL": ""}
    metadata = {"title": "T", "summary": summary}
    return Article(body, metadata=metadata, settings=settings, source_path="x.md")


def test_body_and_summary_of_a_content_object():
    post = article()
    assert compat.body_html(post) == "<p>one</p>" == post.content
    assert compat.summary_html(post) == "<p>short</p>" == post.summary
    compat.set_body_html(post, "<p>two</p>")
    compat.set_summary_html(post, "<p>shorter</p>")
    assert post.content == "<p>one</p>", "Pelican no longer memoizes get_content"
    compat.forget_rendered(post)
    assert post.content == "<p>two</p>", "set_body_html/forget_rendered no longer change content"
    assert post.summary == "<p>shorter</p>", "set_summary_html no longer changes the summary"
    post.refresh_metadata_intersite_links()
    assert post.summary == post.metadata["summary"] == "<p>shorter</p>"


def test_body_reads_sees_every_way_to_a_body_even_memoized():
    """body_reads: `content`, `get_content`, a summary made from the body (not one set by
    `Summary:`), body_html; again when Pelican serves the memoized HTML; nested blocks."""
    post, other = article(), article(summary=None)
    del other.metadata["summary"]
    assert post.content and other.summary  # memoized now: the next reads come from the memo
    with compat.body_reads() as read:
        assert post.summary == "<p>short</p>"
    assert read == set(), "a Summary: line is metadata, not a read of the body"
    with compat.body_reads() as outer:
        assert post.get_content("")
        with compat.body_reads() as inner:
            assert other.summary
        assert inner == {other}
    assert outer == {post, other}, "Content.get_content/get_summary are no longer memoized"
    with compat.body_reads() as read:
        compat.body_html(post)
    assert read == {post}
    compat.forget_rendered(post)  # still finds Pelican's memo through the wrapper
    with compat.body_reads() as read:
        assert post.content == "<p>one</p>"
    assert read == {post}


def test_set_output_location():
    page = Page("<p>x</p>", metadata={"title": "T"}, settings=DEFAULT_CONFIG, source_path="t.md")
    compat.set_output_location(page, "topics/t/", "topics/t/index.html")
    assert (page.url, page.save_as) == ("topics/t/", "topics/t/index.html"), (
        "Content no longer reads override_url/override_save_as"
    )


def test_markdown_reader_internals(tmp_path):
    settings = {
        **DEFAULT_CONFIG,
        "MARKDOWN": {"extension_configs": {"markdown.extensions.toc": {}}},
    }
    completed = compat.markdown_settings(settings)
    assert "markdown.extensions.toc" in completed["extensions"]
    assert "markdown.extensions.meta" in completed["extensions"]
    assert "extensions" not in settings["MARKDOWN"], "markdown_settings changed its argument"
    source = tmp_path / "a.md"
    source.write_text("Title: A\n\nText\n", encoding="utf-8")
    reader = MarkdownReader({**DEFAULT_CONFIG, "MARKDOWN": completed})
    reader.read(str(source))
    assert "skip" in Article.allowed_statuses, "render_budget returns status skip for a file"


def test_run_exit_handlers_runs_them_now():
    """In a child process: running the atexit handlers here would run pytest's too."""
    code = "import atexit, compat; atexit.register(print, 'ran'); compat.run_exit_handlers()"
    code += "; import os; os._exit(0)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PLUGINS, capture_output=True, text=True, check=False
    )
    assert result.stdout == "ran\n", f"atexit._run_exitfuncs changed: {result.stderr}"


# --- livereload -----------------------------------------------------------------------------------


def test_livereload_internals():
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    class Handler(compat_livereload.StaticFileHandler):
        pass

    class Probe(compat_livereload.LiveReloadServer):
        static_handler = Handler

    server = Probe(watcher=compat_livereload.NoPollingWatcher())
    server.root, server.default_filename = ".", "index.html"
    assert server.get_web_handlers(b"")[-1][1] is Handler, "Server no longer routes to SFH"
    serve = inspect.getsource(Server.serve)
    in_order(serve, ["self._setup_logging()", "self.application("], "Server.serve changed")
    start = inspect.getsource(LiveReloadHandler.start_tasks)
    assert "watcher.start(" in start, "NoPollingWatcher: start_tasks no longer asks the watcher"
    server.attach_watcher(live_css=False)
    assert LiveReloadHandler.watcher is server.watcher and LiveReloadHandler.live_css is False
    assert "cls.live_css" in inspect.getsource(LiveReloadHandler.reload_waiters)
    LiveReloadHandler.reload_waiters("*")  # no page open: nothing to send, no error
    assert [path for path, _ in compat_livereload.live_reload_routes()] == [
        "/livereload",
        "/livereload.js",
    ]
    injector = compat_livereload.script_injector(b'<script src="/x.js"></script>')
    page = b"<head></head><body></body>"
    headers = {"Content-Type": "text/html", "Content-Length": str(len(page))}
    _, headers, chunk = injector(None).transform_first_chunk(200, headers, page, True)
    assert chunk == b'<head><script src="/x.js"></script></head><body></body>', (
        "LiveScriptInjector no longer injects its `script` attribute"
    )
    assert headers["Content-Length"] == str(len(chunk))
    assert compat_livereload.__all__


# --- Pagefind -------------------------------------------------------------------------------------


def test_pagefind_index_layout(tmp_path):
    """What compat.pagefind reads and rewrites, on an index the installed Pagefind makes."""
    from plugins.outputs.search.search import pagefind_command

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(
            f'<!doctype html><html lang="en"><head><title>{name}</title></head><body>'
            f"<main data-pagefind-body><h1>Page {name}</h1><p>about the reactor</p>"
            f'<span data-pagefind-filter="topic">t{name}</span>'
            '<span data-pagefind-filter="topic">common</span></main></body></html>',
            encoding="utf-8",
        )
    command = pagefind_command(tmp_path, "pagefind")
    subprocess.run(command, check=True, capture_output=True, timeout=600)  # a hang guard
    bundle = tmp_path / "pagefind"
    entry = pagefind.read_entry(bundle)
    installed = version("pagefind").split(".")[:2]
    assert entry["version"].split(".")[:2] == installed, f"entry file version: {entry}"
    language = entry["languages"]["en"]
    assert {"hash", "wasm", "page_count"} <= set(language), f"entry layout changed: {entry}"
    assert language["page_count"] == 2
    assert (bundle / f"wasm.{language['wasm']}.pagefind").is_file(), "wasm file name changed"
    meta = pagefind.read_pf(pagefind.meta_file(bundle, language["hash"]))
    assert isinstance(meta, list) and len(meta) >= 4, f"meta layout changed: {meta}"
    assert [name for name, _ in meta[3]] == ["topic"], f"meta[3] is not the filters: {meta}"
    (topic,) = pagefind.filters(bundle).values()
    assert topic[0] == "topic" and sorted(v for v, _ in topic[1]) == ["common", "ta", "tb"]
    assert sorted(pagefind.fragments(bundle)) == ["/a/", "/b/"], "fragment layout changed"
    pagefind.canonicalize(bundle)
    once = {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    pagefind.canonicalize(bundle)
    assert once == {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert pagefind.read_entry(bundle)["languages"]["en"]["page_count"] == 2


def test_dates_made_by_rrule_counts_every_date_of_a_series():
    series = rrule.rrule(rrule.DAILY, dtstart=datetime(2027, 1, 1), count=5)
    with dates_made_by_rrule() as made:
        assert len(list(series)) == 5
        assert series.after(datetime(2027, 1, 2)) == datetime(2027, 1, 3)
    assert len(made) == 5 + 3  # the five, then up to the first after 2 January
    list(series)
    assert len(made) == 8, "still counting after the block"
