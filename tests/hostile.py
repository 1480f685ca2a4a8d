"""Helpers of tests/test_hostile_content.py: contributions to a copy of the real site (posts,
pages, files), the build that must refuse them cleanly, and the detector of injected script."""

import json
import re

import lxml.etree

from conftest import ROOT, run_pelican, snapshot

SETTINGS = ROOT / "pelicanconf.py"
FAST = ("SEARCH_INDEX=false",)  # refused builds stop before the search index anyway
EXCEPTION_NAME = re.compile(r"\b[A-Z]\w*(Error|Exception)\b")


def post(title="A contributed post", body="Text of the post.", **fields):
    """A valid post of the real site, with extra or replaced metadata (Event_URL -> Event-URL)."""
    fields = {key.replace("Event_", "Event-"): value for key, value in fields.items()}
    header = {
        "Title": title,
        "Date": "2026-01-15 10:00",
        "Authors": "duncan-mcgreggor",
        "Topics": "uls-systems",
        "Summary": "A post written by a test.",
        **fields,
    }
    return "".join(f"{key}: {value}\n" for key, value in header.items()) + "\n" + body + "\n"


def page(title="A contributed page", body="Text of the page.", **fields):
    header = {"Title": title, **fields}
    return "".join(f"{key}: {value}\n" for key, value in header.items()) + "\n" + body + "\n"


def add_files(content, files):
    """Write files into the content folder; a name ending in + is appended to."""
    for relative, text in files.items():
        if relative.endswith("+"):
            path = content / relative[:-1]
            text = path.read_text(encoding="utf-8") + text
        path = content / relative.rstrip("+")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def refused(contribution, files, *settings, fresh=False):
    """Add the files, build; the build must refuse cleanly and leave the output as it was."""
    content, output = contribution
    before = snapshot(output)
    add_files(content, files)
    result = run_pelican(SETTINGS, output, *FAST, *settings, content=content, fresh=fresh)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "Traceback" not in printed, printed
    assert "CRITICAL" not in printed or not EXCEPTION_NAME.search(printed), printed
    assert snapshot(output) == before, "a refused build changed the previous output"
    return printed.replace(str(content) + "/", "content/")


def injected(root):
    """Elements that run script: on* attributes, scripts not from the theme, javascript: URLs."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        found += [name for name in element.attrib if name.lower().startswith("on")]
        if element.tag in ("iframe", "object", "embed", "base"):
            found.append(element.tag)
        if element.tag == "script":
            source = element.get("src")
            if source and not source.startswith("/theme/"):
                found.append(f"script from {source}")
            if not source and element.get("type") != "application/ld+json":
                found.append("inline script")
        for name in ("href", "src"):
            if element.get(name, "").strip().lower().startswith("javascript:"):
                found.append(f"{name}=javascript:")
    return found


def embedded_html(path):
    """The HTML inside a feed: Atom content/summary, RSS description, JSON Feed content_html."""
    if path.suffix == ".json":
        return [item.get("content_html") or "" for item in json.loads(path.read_text())["items"]]
    tree = lxml.etree.parse(str(path))
    return [
        element.text
        for element in tree.iter()
        if isinstance(element.tag, str)
        and element.tag.rsplit("}", 1)[-1] in ("content", "summary", "description")
        and element.text
        and "<" in element.text
    ]
