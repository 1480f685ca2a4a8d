"""`make html`, `make publish`, `make serve`, `make lock`: Pelican's build, skipped when nothing it
reads has changed since the last build that succeeded.

A build's output is a function of what it reads: the content folder, the theme, the plugins
package (code and fonts), the settings (with every -e), urls.lock and the lock on main it is
checked against (plugins/outputs/addresses), the versions of Python and of every installed
distribution, and the day. The build's now reaches the output only as its UTC
date: a meeting is upcoming until the end of the UTC day it ends on (plugins/kinds/events/
series.py), and a post or meeting dated after now is refused, not held back, so no build that
succeeded depends on the hour (tests/test_build_tool.py builds the golden site at both ends of
one day). So after a build that succeeded, this records a fingerprint of all of that, taken
before the build, with one of the output folder the build published (every file's path, size
and modification time; recorded by a finishing step after atomic_output's, so an interrupted
build records nothing). The next run takes both again: when neither changed, the output folder
holds what Pelican would write, and the build is skipped. Anything else (one byte of any input,
another setting or argument, another UTC day, an output file touched, added or removed, no
record or an unreadable one) runs Pelican with the same arguments, exactly as `pelican` would.
`--ignore-cache` always builds, and `make clean` removes the record with the cache.

The record is `<CACHE_PATH>/build-record.json`. A file that changes while Pelican builds leaves a
record of its old bytes, so the next run builds again.
"""

import hashlib
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pelican
from pelican.settings import read_settings

from plugins.model.digests import code_digest, file_digest, installed_versions, tree_digest
from plugins.model.finishing import RECORD, add_step
from plugins.model.stable_text import describe
from plugins.outputs.addresses.lockfile import lock_on_main

RECORD_FILE = "build-record.json"


def output_digest(folder):
    """A hash of what is in the output folder: every file's path, size and modification time."""
    digest = hashlib.sha256()
    for root, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            status = os.stat(path)
            relative = os.path.relpath(path, folder).encode("utf-8", "surrogateescape")
            digest.update(relative + f"\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest() if os.path.isdir(folder) else None


def inputs_digest(settings, argv, today):
    """A hash of everything a build with these settings and arguments reads, on `today`."""
    lock = settings.get("URL_LOCK_FILE")
    parts = [
        sys.version,
        installed_versions(),
        list(argv),
        today.isoformat(),
        describe(settings),
        tree_digest(settings["PATH"]),
        tree_digest(settings["THEME"]),
        code_digest(),
        file_digest(lock) if lock and os.path.isfile(lock) else None,
        lock_on_main(lock)[0] if lock else None,  # what url_lock checks the lock against
    ]
    return hashlib.sha256(describe(parts).encode("utf-8")).hexdigest()


def record_path(settings):
    return Path(settings.get("CACHE_PATH") or "cache", RECORD_FILE)


def recorded(settings):
    try:
        return json.loads(record_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_record(settings, inputs, output):
    path = record_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"inputs": inputs, "output": output_digest(output)}
    temporary = path.with_name(f"{RECORD_FILE}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(record) + "\n", encoding="utf-8")
    temporary.replace(path)


class Pending:
    """The build this process runs (one a process, from main): the fingerprint of its inputs
    and its output folder, recorded by record_build once the build has published."""

    inputs = output = None


def record_build(pelican_instance):
    """Finishing step, after atomic_output has published: the output is the inputs' own."""
    if Pending.inputs:
        write_record(pelican_instance.settings, Pending.inputs, Pending.output)
        Pending.inputs = None


def main(argv=None, today=None):
    argv = sys.argv[1:] if argv is None else argv
    args = pelican.parse_arguments(argv)
    if args.autoreload or args.listen or args.settings is None:
        return pelican.main(argv)  # not a one-off build of the site: Pelican as it is
    settings = read_settings(args.settings, override=pelican.get_config(args))
    inputs = inputs_digest(settings, argv, today or datetime.now(UTC).date())
    record = recorded(settings) if settings.get("LOAD_CONTENT_CACHE", True) else None
    output = settings["OUTPUT_PATH"]
    if record == {"inputs": inputs, "output": output_digest(output)}:
        print(f"{output} is up to date: nothing the build reads has changed since the last build")
        return 0
    record_path(settings).unlink(missing_ok=True)
    Pending.inputs, Pending.output = inputs, output
    add_step(record_build, RECORD)
    pelican.main(argv)  # exits non-zero when the build fails
    return 0


if __name__ == "__main__":
    sys.exit(main())
