"""A fixture site's content changed and built again, the build refused: what several plugins'
tests of content checks share (tests/ is on the path through the root conftest.py)."""

import shutil

from conftest import run_pelican, snapshot


def refused_change(tmp_path, site_data, changes, built=None):
    """Build a copy of `site_data`/content with `changes` ({relative path: text}) applied, with
    `site_data`/pelicanconf.py; assert the build is refused without a traceback and, when the
    previous output `built` is given, that the refused build left a copy of it untouched.
    Returns what the build printed."""
    content = tmp_path / "content"
    shutil.copytree(site_data / "content", content)
    for relative, text in changes.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    if built is not None:
        shutil.copytree(built, output)
    before = snapshot(output) if built is not None else None
    result = run_pelican(site_data / "pelicanconf.py", output, content=content, cwd=site_data)
    printed = result.stdout + result.stderr
    assert result.returncode != 0, printed
    assert "Traceback" not in printed, printed
    if built is not None:
        assert snapshot(output) == before, "a refused build changed the previous output"
    return printed
