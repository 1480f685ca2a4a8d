"""Two builds in one process write the same bytes as builds in processes of their own: the
plugins keep their per-build state in the build object (plugins/model/build.py), which every run of
Pelican makes afresh, so nothing one build leaves in a process reaches the next, not even a
build that stopped half way on bad content."""

import json
import shutil

import buildfork

from conftest import ROOT, build_ok, snapshot

GOLDEN = ROOT / "tests" / "golden"
SETTINGS = GOLDEN / "pelicanconf.py"
COLUMNS = {"COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}
# Not blocking on its own: the build reads, sanitizes, renders and writes everything, and the
# guard stops it at the end (its problems, sanitized bodies and listed pages all recorded).
UNKNOWN_KEY = "Tgas: kept back until the end\n"


def arguments(content, output, *extra):
    return [str(content), "-o", str(output), "-s", str(SETTINGS), "--fatal", "errors", *extra]


def test_builds_in_one_process_write_what_builds_in_their_own_write(tmp_path):
    bad = tmp_path / "bad-content"
    shutil.copytree(GOLDEN / "content", bad)
    post = next(bad.glob("posts/**/*.md"))
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("\n", "\n" + UNKNOWN_KEY, 1), encoding="utf-8")
    good = GOLDEN / "content"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **COLUMNS}
    with_social = "SOCIAL_CARDS_CACHE_PATH=" + json.dumps(str(tmp_path / "cards"))

    def three_builds():
        codes = [
            buildfork.build(arguments(bad, tmp_path / "bad", "-e", with_social), ROOT, env),
            buildfork.build(arguments(good, tmp_path / "first", "-e", with_social), ROOT, env),
            buildfork.build(arguments(good, tmp_path / "second", "-e", with_social), ROOT, env),
        ]
        return 0 if codes[0] != 0 and codes[1:] == [0, 0] else 1

    result = buildfork.call_in_fork(three_builds, "three builds in one process", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unknown metadata key 'Tgas'" in result.stdout + result.stderr
    assert not (tmp_path / "bad").exists(), "a refused build left an output folder"
    build_ok(SETTINGS, tmp_path / "alone", with_social, content=good)
    alone = snapshot(tmp_path / "alone")
    assert snapshot(tmp_path / "first") == alone
    assert snapshot(tmp_path / "second") == alone
