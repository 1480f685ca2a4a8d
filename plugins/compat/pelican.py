"""Every use of a Pelican internal by the site's code: private names and undocumented behaviour.

Pelican (4.12) documents its signals, settings and the content objects' public attributes; what
the site needs beyond that is here, one function each, with why. plugins/compat/tests/
test_contract.py fails, naming the function, when an installed Pelican changes any of it, and
pyproject.toml bounds Pelican below the next major version.
"""

import contextlib

import pelican
from pelican.contents import Content
from pelican.log import LimitFilter
from pelican.plugins._utils import load_legacy_plugin  # no public "import this plugin" exists
from pelican.readers import MarkdownReader

# --- plugins and settings -----------------------------------------------------------------------


def import_plugin(name, plugin_paths):
    """Import a plugin module as Pelican's own plugin loader would (same module, same name).

    Why: the dev server's warm builder imports the PLUGINS once, before forking its builds, so
    each build finds them in sys.modules; Pelican has no public function for it."""
    return load_legacy_plugin(name, plugin_paths)


def markdown_settings(settings):
    """The MARKDOWN setting as Pelican's MarkdownReader completes it, without changing `settings`.

    Why: MarkdownReader.__init__ adds the extensions named in extension_configs and the `meta`
    extension to settings["MARKDOWN"] in place (undocumented); code that configures Markdown
    like Pelican's reader does (the dev server's warm-up) needs that completed configuration."""
    markdown = dict(settings.get("MARKDOWN", {}))
    markdown["extensions"] = list(markdown.get("extensions", []))
    markdown["extension_configs"] = dict(markdown.get("extension_configs", {}))
    return MarkdownReader({**settings, "MARKDOWN": markdown}).settings["MARKDOWN"]


def redirect_output(pelican_instance, path):
    """Make the running build write to `path` (plugins/guard/atomic_output's staging folder).

    Why: Pelican.run creates its generators (right after get_generators) and its writer (at
    get_writer) with `pelican.output_path`; no setting or signal argument moves the output of a
    build already started, so the attribute is rewritten during get_generators."""
    pelican_instance.output_path = path
    pelican_instance.settings["OUTPUT_PATH"] = path


# --- logging --------------------------------------------------------------------------------------


def use_rich_log_handler(handler):
    """Make `handler` the one `pelican.main` installs for its default (rich) log output.

    Why: pelican.main picks its handler from the module-level LOG_HANDLERS dict by the
    --log-handler name; the dev server routes a build's log through its own error collector."""
    pelican.LOG_HANDLERS["rich"] = handler


def forget_shown_warnings():
    """Reset Pelican's log de-duplication, as in a fresh process.

    Why: LimitFilter keeps the messages it has shown and per-group counts in class attributes;
    a build forked from the dev server's warm builder would otherwise inherit them and hide a
    warning as "already shown"."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


# --- content objects ------------------------------------------------------------------------------


def body_html(content):
    """The body of a content object as read (links not resolved yet), or None.

    Why: Content keeps the reader's HTML in `_content`; `content.content` resolves {filename}
    links and is memoized, so plugins that change the HTML itself (sanitize, images, the dev
    server's preview) read and write the stored body."""
    if _body_reads is not None and hasattr(content, "_content"):
        _body_reads.add(content)
    return getattr(content, "_content", None)


_body_reads = None  # the set body_reads() is filling, or None
_attribute_reads = None  # the set attribute_reads() is filling, or None


def _noting_getattribute(content, name):
    """Content.__getattribute__ while attribute_reads() runs: note the object, then read."""
    if _attribute_reads is not None:
        _attribute_reads.add(content)
        if name == "_content" and _body_reads is not None:
            _body_reads.add(content)
    return object.__getattribute__(content, name)


@contextlib.contextmanager
def attribute_reads(*classes):
    """`with attribute_reads(Hub) as read:` -> the set of content objects (and of objects of
    `classes`) any attribute of which the code in the block read (a title, a url, a date, the
    stored body, any attribute a plugin gave it), by a template or by Python.

    Why: content objects have no hook for reads, so while the outermost block runs Content (and
    each of `classes`) gets a __getattribute__ that notes the object (and a direct read of
    `_content` as a read of the body, for body_reads); it is removed when that block ends.
    Content defines none of its own (the contract test checks), so removing it restores
    object's; so must `classes`."""
    global _attribute_reads
    patched = (Content, *classes) if _attribute_reads is None else ()
    for kind in patched:
        if "__getattribute__" in vars(kind):
            raise TypeError(f"{kind.__qualname__} reads its attributes itself: reads not seen")
    outer, _attribute_reads = _attribute_reads, set()
    for kind in patched:
        kind.__getattribute__ = _noting_getattribute
    try:
        yield _attribute_reads
    finally:
        inner, _attribute_reads = _attribute_reads, outer
        for kind in patched:
            del kind.__getattribute__
        if outer is not None:
            outer |= inner


class _ReadsBody:
    """Content.get_content or get_summary, noting the object in the set body_reads() fills.

    Why: both are `pelican.utils.memoized` objects, class attributes whose `__get__` binds the
    object; a later call is served from the memo without reading `_content`, so the read is
    noted here, where every call passes, and not inside. A summary set by `Summary:` is metadata
    (no body read), so get_summary notes only the objects without one."""

    def __init__(self, memoized, summary):
        self.memoized, self.summary = memoized, summary

    def __get__(self, content, owner):
        noted = content is not None and _body_reads is not None
        if noted and not (self.summary and "summary" in content.metadata):
            _body_reads.add(content)
        return self.memoized.__get__(content, owner)


@contextlib.contextmanager
def body_reads():
    """`with body_reads() as read:` -> the set of content objects whose body (`_content`,
    `content`, a summary made from it) the code in the block read."""
    global _body_reads
    if not isinstance(vars(Content)["get_content"], _ReadsBody):
        Content.get_content = _ReadsBody(vars(Content)["get_content"], summary=False)
        Content.get_summary = _ReadsBody(vars(Content)["get_summary"], summary=True)
    outer, _body_reads = _body_reads, set()
    try:
        yield _body_reads
    finally:
        if outer is not None:
            outer |= _body_reads
        _body_reads = outer


def set_body_html(content, html):
    """Replace the stored body (see body_html); call forget_rendered if it was already read."""
    content._content = html


def summary_html(content):
    """The Summary metadata as stored on the object (links not resolved yet), or None.

    Why: Pelican keeps it in `_summary` and copies it back to metadata["summary"] in
    refresh_metadata_intersite_links (a comment there invites plugins to write it)."""
    return getattr(content, "_summary", None)


def set_summary_html(content, html):
    """Replace the stored summary in both places Pelican reads it from."""
    content._summary = html
    content.metadata["summary"] = html


def forget_rendered(content):
    """Drop the body and summary Pelican memoized for `content` (after set_body_html).

    Why: Content.get_content and get_summary are wrapped in pelican.utils.memoized, whose cache
    (a dict on the decorator, keyed by (object, siteurl)) keeps the HTML with links resolved."""
    for memoized in (Content.get_content, Content.get_summary):
        for key in [key for key in memoized.cache if key and key[0] is content]:
            del memoized.cache[key]


def set_output_location(content, url, save_as):
    """Give a content object its URL and output path after it was made (a topic page).

    Why: the `url`/`save_as` metadata become `override_url`/`override_save_as` when the object
    is made; a page read before its topic knows its address has no other way to be moved, and
    `{filename}` links to it then resolve to the new address."""
    content.override_url = url
    content.override_save_as = save_as
