"""Outside plugins/compat, no Python file of the repository uses a known private name of
Pelican, rich, livereload or Pagefind: each one goes through a compat function, so that an
upgrade has one module to check (and test_contract.py checks it).

A hit names file:line; the fix is to call (or add) the compat function for it."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
COMPAT = ROOT / "plugins" / "compat"
SKIPPED_FOLDERS = {".venv", "node_modules", "output", "work", "__pycache__"}

# (pattern, what it is, where compat has it)
PRIVATE_NAMES = [
    (r"pelican\.plugins\._utils|load_legacy_plugin", "Pelican's plugin loader", "import_plugin"),
    (r"_raised_messages|_group_count", "LimitFilter's state", "forget_shown_warnings"),
    (r"LOG_HANDLERS", "pelican.LOG_HANDLERS", "use_rich_log_handler"),
    (r"\._lock\b|\._live(_stack)?\b", "rich's console locks", "(none needed yet)"),
    (r"_run_exitfuncs", "atexit._run_exitfuncs", "run_exit_handlers"),
    (r"_written_files|_overridden_files", "Writer's overwrite check", "(plugins/output_plan)"),
    (r"\._content\b|[\"']_content[\"']", "Content._content", "body_html / set_body_html"),
    (r"\._summary\b", "Content._summary", "summary_html / set_summary_html"),
    (r"\._context\b", "Content._context", "(none needed yet)"),
    (r"\._source_path\b|\._md\b", "MarkdownReader's state", "(none needed yet)"),
    (r"(get_content|get_summary|memoized)\.cache\b", "Pelican's memoized cache", "forget_rendered"),
    (r"override_url|override_save_as", "Content.override_*", "set_output_location"),
    (r"\._get_generator_classes|\._get_writer\b", "Pelican.run's steps", "redirect_output"),
    (r"\.output_path\s*=[^=]", "rewriting pelican.output_path", "redirect_output"),
    (
        r"\.SFH\b|LiveScriptInjector|reload_waiters|_setup_logging|LiveReloadHandler"
        r"|livereload\.(handlers|server|watcher)",
        "livereload internals",
        "compat.livereload",
    ),
    (
        r"pagefind_dcd|\.pf_meta\b|\.pf_filter\b|\.pf_fragment\b|pagefind-entry\.json",
        "Pagefind's index format",
        "compat.pagefind",
    ),
]


def python_files():
    for folder, subfolders, names in os.walk(ROOT):
        here = Path(folder)
        subfolders[:] = [
            name
            for name in subfolders
            if name not in SKIPPED_FOLDERS and not name.startswith(".") and here / name != COMPAT
        ]
        yield from (here / name for name in names if name.endswith(".py"))


def private_uses(text, patterns=PRIVATE_NAMES):
    """[(line number, what, compat function)] of the private names in `text`."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for pattern, what, instead in patterns:
            if re.search(pattern, line):
                found.append((number, what, instead))
    return found


def test_the_patterns_find_what_they_are_for():
    sample = "post._content = x\nLimitFilter._group_count.clear()\nself._snapshot = 1\n"
    assert [number for number, _, _ in private_uses(sample)] == [1, 2]
    assert private_uses("pelican.output_path = path\n")
    assert not private_uses("if pelican.output_path == path:\n")


def test_no_private_names_outside_compat():
    hits = []
    for path in sorted(python_files()):
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, what, instead in private_uses(text):
            hits.append(f"{path.relative_to(ROOT)}:{number}: {what} (use compat: {instead})")
    assert not hits, "private names used outside plugins/compat:\n" + "\n".join(hits)
