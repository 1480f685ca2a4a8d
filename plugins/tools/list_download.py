"""Download the list's monthly archive files from its pipermail archive into content/list/.

    python -m plugins.tools.list_download [--archive URL] [--into content/list]
    make list-archive

The archive URL defaults to MAILING_LIST["archive"] of pelicanconf.py. Pipermail's index page
links every month as `2009-March.txt.gz` (or `.txt` for recent months); each is fetched with the
standard library (urllib) and written only when its bytes changed, so a second run downloads
everything again but rewrites nothing that is the same, and the build's cache (keyed by the
bytes) parses only the months that changed. This is the only part of the site that uses the
network: the build and the tests never do (the tests serve fixture files on loopback).
"""

import argparse
import os
import re
import runpy
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

MONTH_FILE = re.compile(r"""href\s*=\s*["']?(\d{4}-[A-Za-z]+\.txt(?:\.gz)?)["'\s>]""", re.I)
MAX_BYTES = 100_000_000  # a month of the busiest list is a few MB
TIMEOUT = 60
USER_AGENT = "uls-sig-site-list-archive/1 (+https://github.com/uls-sig/uls-sig.github.io)"
REPO = Path(__file__).resolve().parents[2]


class DownloadError(Exception):
    """The archive cannot be downloaded: the message says why."""


def fetch(url):
    if urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError(f"{url}: only http(s) archives can be downloaded")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
    except OSError as error:  # URLError, HTTPError, timeouts
        raise DownloadError(f"{url}: {error}") from None
    if len(data) > MAX_BYTES:
        raise DownloadError(f"{url}: larger than {MAX_BYTES:,} bytes, not downloaded")
    return data


def month_files(index_html):
    """The month files an index page links, one per month (the .gz when both are there)."""
    names = dict.fromkeys(MONTH_FILE.findall(index_html))
    chosen = {}
    for name in names:
        month = name.split(".", 1)[0]
        if name.endswith(".gz") or month not in chosen:
            chosen[month] = name
    return sorted(chosen.values())


def download(archive_url, folder, log=print):
    """Download every month into `folder`; return (written, unchanged) counts."""
    base = archive_url if archive_url.endswith("/") else archive_url + "/"
    index = fetch(base).decode("utf-8", "replace")
    names = month_files(index)
    if not names:
        raise DownloadError(f"{base}: the page links no month files (2009-March.txt.gz, ...)")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = unchanged = 0
    for name in names:
        data = fetch(urljoin(base, name))
        target = folder / name
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
        else:
            temporary = folder / f".{name}.part"
            temporary.write_bytes(data)
            os.replace(temporary, target)
            written += 1
            log(f"{target}: {len(data):,} bytes")
        other = folder / (name[: -len(".gz")] if name.endswith(".gz") else name + ".gz")
        if other.is_file():  # the same month in the other form: keep one
            other.unlink()
            log(f"{other}: removed ({name} replaces it)")
    log(f"{len(names)} months from {base}: {written} written, {unchanged} unchanged")
    return written, unchanged


def default_archive():
    settings = runpy.run_path(str(REPO / "pelicanconf.py"))
    return settings["MAILING_LIST"]["archive"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", help="the pipermail archive (default: pelicanconf.py's)")
    parser.add_argument("--into", default=str(REPO / "content" / "list"), help="target folder")
    args = parser.parse_args(argv)
    try:
        download(args.archive or default_archive(), args.into)
    except DownloadError as error:
        print(f"make list-archive: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
