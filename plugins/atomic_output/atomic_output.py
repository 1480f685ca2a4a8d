"""Atomic output: a build is written to a staging folder next to OUTPUT_PATH and swapped in
only when everything succeeded, so a failed or interrupted build leaves the previous output
exactly as it was.

Pelican creates its generators and writer with `pelican.output_path` at the start of every
build (`Pelican.run`), right after asking plugins for generators: this plugin answers the
`get_generators` signal by pointing `pelican.output_path` at a fresh staging folder (so a
`pelican --listen` that builds nothing serves the real output). The swap happens in
`finalized`; list this plugin LAST in PLUGINS so that every other plugin's `finalized` work
(search index, sitemap, URL lock) runs on the staging folder before it.
"""

import atexit
import logging
import os
import shutil
import subprocess

from finishing import PUBLISH, add_step
from pelican import signals

logger = logging.getLogger(__name__)


class StagedOutput:
    """The final output folder and the staging folder a build writes into."""

    def __init__(self, final_path):
        self.final = os.path.abspath(final_path)
        parent, name = os.path.split(self.final)
        self.staging = os.path.join(parent, f".{name}-staging-{os.getpid()}")
        self.retired = os.path.join(parent, f".{name}-retired-{os.getpid()}")

    def prepare(self, retained_names):
        self.discard()
        os.makedirs(os.path.dirname(self.final), exist_ok=True)  # `-o new/dir/output` works
        self.discard_abandoned()
        os.makedirs(self.staging)
        # Files Pelican is told to keep across builds (OUTPUT_RETENTION) come along.
        for name in retained_names:
            source = os.path.join(self.final, name)
            if os.path.isdir(source):
                shutil.copytree(source, os.path.join(self.staging, name), symlinks=True)
            elif os.path.exists(source):
                shutil.copy2(source, os.path.join(self.staging, name))

    def swap_in(self):
        """Publish the staging folder; return how many files have new bytes."""
        changed = keep_unchanged_files(self.staging, self.final)
        if os.path.exists(self.final):
            os.rename(self.final, self.retired)
        os.rename(self.staging, self.final)
        remove_in_background(self.retired)
        return changed

    def discard(self):
        shutil.rmtree(self.staging, ignore_errors=True)

    def discard_if_owner(self, owner_pid):
        if os.getpid() == owner_pid:
            self.discard()

    def discard_abandoned(self):
        """Staging folders of builds that were killed outright (SIGKILL, SIGTERM)."""
        parent, name = os.path.split(self.final)
        for entry in os.listdir(parent):
            for prefix in (f".{name}-staging-", f".{name}-retired-"):
                pid = entry.removeprefix(prefix)
                if entry.startswith(prefix) and pid.isdigit() and not process_exists(int(pid)):
                    shutil.rmtree(os.path.join(parent, entry), ignore_errors=True)


def remove_in_background(path):
    """Delete the previous output without making the build wait for it (thousands of files take
    a good part of a second; the dev server reloads the browser when the build ends). If the
    removal is cut short, the next build finishes it (discard_abandoned)."""
    if os.path.exists(path):
        subprocess.Popen(
            ["rm", "-rf", "--", path],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def same_bytes(path, other):
    if os.path.getsize(path) != os.path.getsize(other):
        return False
    with open(path, "rb") as one, open(other, "rb") as two:
        return one.read() == two.read()


def keep_unchanged_files(staging, final):
    """Where a staged file has the same bytes as the published one, stage the published file
    itself (a hard link): a rebuild then replaces only the files that changed, and everything
    else keeps its inode and modification time (for rsync, caches and the dev server)."""
    changed = 0
    for folder, _, names in os.walk(staging):
        published_folder = os.path.join(final, os.path.relpath(folder, staging))
        for name in names:
            staged, published = os.path.join(folder, name), os.path.join(published_folder, name)
            if not os.path.isfile(published) or os.path.islink(staged):
                changed += 1
            elif same_bytes(staged, published):
                os.link(published, staged + ".unchanged")
                os.replace(staged + ".unchanged", staged)
            else:
                changed += 1
    return changed


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stage(pelican):
    """get_generators: a build starts; send everything it writes to a staging folder."""
    staged = StagedOutput(pelican.output_path)
    staged.prepare(pelican.settings.get("OUTPUT_RETENTION", []))
    pelican.staged_output = staged
    point_output_at(pelican, staged.staging)
    # Whatever happens (an error, Ctrl-C), an unfinished staging folder does not outlive us;
    # processes forked by the build (plugins/parallel_write) leave it to the build process.
    atexit.register(staged.discard_if_owner, os.getpid())
    return None  # no generator of our own


def swap(pelican):
    """finalized: everything succeeded; the staging folder becomes the output."""
    staged = pelican.staged_output
    changed = staged.swap_in()
    logger.info("Output swapped into %s (%d files changed)", staged.final, changed)
    # `pelican --autoreload` builds again with the same instance.
    point_output_at(pelican, staged.final)


def point_output_at(pelican, path):
    pelican.output_path = path
    pelican.settings["OUTPUT_PATH"] = path


def register():
    signals.get_generators.connect(stage)
    add_step(swap, PUBLISH)
