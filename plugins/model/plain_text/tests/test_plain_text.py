"""plain_text: one decoding for the content checks and the output; `plain_line` for one line."""

import html
import runpy
from pathlib import Path
from urllib.parse import unquote

import jinja2

from plugins.model.plain_text import decoded, plain_line, unescaped
from plugins.model.plain_text import plain_text as module

ROOT = Path(__file__).resolve().parents[4]
# What a hostile value may hide a header break behind (issue 24, class 1), each in a title.
HOSTILE = [
    "Hi&NewLine;Bcc: victim@example.org",
    "Hi&NewLine Bcc: x",
    "Hi&Tab;Bcc: x",
    "Hi&#x0A Bcc: x",
    "Hi&#13;&#10;Bcc: x",
    "Hi&amp;NewLine;Bcc: x",
    "Hi&amp;amp;#10;Bcc: x",
    "Hi&#38;NewLine;Bcc: x",
    "Hi&<i></i>NewLine;Bcc: x",
    "Hi&#8232;Bcc: x",
    "Hi\u2029Bcc: x",
    "Hi\x85Bcc: x",
    "Hi\r\nBcc: x",
    "Hi&#" + "0" * 5000 + "10;Bcc: x",
]


def test_every_hostile_value_becomes_one_line():
    for value in HOSTILE:
        line = plain_line(value)
        assert line.startswith("Hi") and line.endswith("Bcc: x" if "victim" not in value else "org")
        assert line.isprintable(), (value, line)


def test_what_stays_and_what_goes():
    assert plain_line("Q&amp;A: caf&eacute; &copy;2026 <em>now</em>\t AT&T") == (
        "Q&A: café ©2026 now AT&T"
    )
    assert plain_line("&#133; &#x80;") == "… €"  # as HTML decodes them (Windows-1252)
    assert plain_line("a < b and c > d") == "a d"  # Markup.striptags does the same
    assert plain_line(None) == "" and plain_line("") == ""
    assert decoded("&#" + "1" * 5000 + ";") == "\ufffd"  # html.unescape would raise


def test_one_round_reads_ordinary_text_as_html_does():
    text = "Q&amp;A &lt;b&gt; caf&eacute; &#233; &#x41; &copy2026 &notit; AT&T &#133; &amp;#10;"
    assert unescaped(text) == html.unescape(text)
    assert unescaped("{filename}&#" + "9" * 5000 + ";.md") == "{filename}\ufffd.md"  # no raise


def test_decoding_is_bounded_whatever_the_nesting(monkeypatch):
    """Each round is one pass of without_tags and one of the reference scan: count the rounds
    on a value nested far deeper than ROUNDS."""
    rounds = []
    original = module.without_tags
    monkeypatch.setattr(module, "without_tags", lambda text: rounds.append(1) or original(text))
    nested = "&" + "amp;" * 100_000 + "NewLine;"
    assert "\n" not in decoded(nested) and "&" not in decoded(nested)
    assert len(rounds) == 2 * module.ROUNDS


def test_a_tag_scan_is_one_pass():
    # An unclosed `<` stops the scan, as in Markup.striptags: no rescans from every `<`.
    assert module.without_tags("<" * 200_000 + "a") == "<" * 200_000 + "a"
    assert module.without_tags("<!--" * 100_000) == "<!--" * 100_000
    assert module.without_tags("a<b>c<!-- d -->e<f") == "ace<f"


def test_the_discuss_link_of_the_theme_has_one_subject_line():
    """The theme's partial, with the site's JINJA_FILTERS: no value gives the mailto: a second
    header (Bcc:) however it is written, and the subject keeps its words."""
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")),
        **settings["JINJA_ENVIRONMENT"],
    )
    environment.filters.update(settings["JINJA_FILTERS"])
    template = environment.from_string(
        '{% import "macros.html" as m %}{% include "partials/discuss_on_list.html" %}'
    )
    for value in HOSTILE:
        html = template.render(MAILING_LIST={"address": "list@example.org"}, discuss_subject=value)
        href = html.split('href="mailto:', 1)[1].split('"', 1)[0]
        subject = unquote(href.split("subject=", 1)[1])
        assert subject.isprintable() and subject.startswith("Re: Hi"), (value, subject)
        for encoded in ("%0A", "%0D", "%09", "%E2%80%A8", "%E2%80%A9", "%C2%85"):
            assert encoded not in href.upper(), (value, href)
