"""Atomic output: a build is written to a staging folder next to OUTPUT_PATH and swapped in
only when everything succeeded, so a failed or interrupted build leaves the previous output
exactly as it was, and at every instant output/ is either the old complete site or the new one.

Pelican creates its generators and writer with `pelican.output_path` at the start of every
build (`Pelican.run`), right after asking plugins for generators: this plugin answers the
`get_generators` signal by pointing `pelican.output_path` at a fresh staging folder (so a
`pelican --listen` that builds nothing serves the real output). The swap is a PUBLISH
finishing step (plugins/model/finishing), after every other plugin's work on the staging folder.

Folders next to output/ (`<pid>` is the building process; folders.REMOVING is `-removing`):

    .output-staging-<pid>            being written by the build: never a complete site
    .output-staging-<pid>-complete   a complete site: the new one until it is published,
                                     the old one right after an exchange
    .output-retired-<pid>            the old site, moved aside by the two-rename fallback
    <any of these>-removing          being deleted: never restored

Publishing (swap_in): link unchanged files (only the staging folder changes), rename staging
to `-complete` (the build passed every check: it is now a complete site), then
- on Linux, exchange `-complete` and output/ in one step (renameat2 RENAME_EXCHANGE): output/
  is never missing, even for an instant; the old site is now at `-complete`;
- where exchange is unavailable (ENOSYS/EINVAL, another OS, a file system without it): rename
  output/ to `retired`, then `-complete` to output/ (put `retired` back if that fails);
- the first publication (no output/ yet) is a plain rename;
and finally rename the old site to `.output-retired-<pid>-removing` and `rm -rf` it in the
background.

A build killed at any point (SIGKILL: no cleanup at all) leaves its folders behind under a dead
pid. The next build, refused or not, calls `recover` before it stages anything: if output/ is
missing, it renames the abandoned `retired` folder (else a `-complete` one) back to output/;
only then does it delete the other leftovers, each first renamed to `-removing` so that a
deletion cut short never leaves a partial copy under a name that could be restored. `retired`
wins over `-complete`: the build that was cut short never finished, so its previous output
stays. What the next build finds, for a kill after each step:

    killed after                    output/   leftovers, and what the next build does
    writing staging, linking        old       staging: deleted
    staging -> -complete            old       -complete (new): deleted
    the exchange (before the old    new       -complete (the old site, at a dead pid's name):
      site is renamed to retired)               deleted, output/ holds the new site
    fallback: output/ -> retired    missing   retired (old): restored; -complete (new): deleted
    fallback: -complete -> output/  new       retired (old): deleted
    first: staging -> -complete     missing   -complete (new): restored (there was no old site,
                                                and the new one passed every check)
    first: -complete -> output/     new       none
    old site -> retired-removing    new       -removing (maybe half deleted): deleted
    a recovery cut short            as above  the restore is one rename; a deletion cut short
                                                leaves only a -removing name

Every step is one rename (or one exchange), which is atomic, so these are the only states. The
hard links of unchanged files are shared by the old and new sites: deleting either one leaves
the other whole. Leftovers of a live process (a concurrent build) are left alone; those of this
process's own pid come from an earlier build of it (`pelican --autoreload`): abandoned too.

A folder that cannot be written (read-only, full, a file in the way) stops the build with one
line, `output: cannot publish (<reason>; <how to fix>)`, and the previous output/ untouched.
"""

import atexit
import errno
import logging
import os
import re
import shutil
from contextlib import suppress

from pelican import signals

from plugins.compat import redirect_output
from plugins.model.error_report import ContentError, display_path
from plugins.model.finishing import PUBLISH, add_step

from . import folders

logger = logging.getLogger(__name__)

ANOTHER = "build into another folder with -o"
FIXES = {
    errno.EACCES: "make the folder writable or build into another with -o",
    errno.EPERM: "make the folder writable or build into another with -o",
    errno.EROFS: f"the file system is read-only: remount it read-write or {ANOTHER}",
    errno.ENOSPC: f"the disk is full: free some space or {ANOTHER}",
    errno.EDQUOT: f"the disk quota is used up: free some space or {ANOTHER}",
    errno.ENOTDIR: f"a file stands where a folder should be: move it away or {ANOTHER}",
}


class PublishError(ContentError):
    """The output folder cannot be written: error_report prints the line, no traceback."""

    headline = "Build stopped: the site could not be published into the output folder."


def cannot_publish(error, shown):
    """The message for an OSError met while preparing or publishing into `shown`."""
    code = error.errno
    if code == errno.EEXIST:  # os.makedirs: a file where a parent folder should be
        code = errno.ENOTDIR
    detail = os.strerror(code) if code else (str(error).splitlines() or [type(error).__name__])[0]
    reason = f"{detail}: '{shown}'"  # the output as given, not the staging folder's name
    fix = FIXES.get(code, f"check that it and its parent folder can be written, or {ANOTHER}")
    return PublishError(f"output: cannot publish ({reason}; {fix})")


class StagedOutput:
    """The final output folder and the folders a build stages and retires it through."""

    def __init__(self, final_path, pid=None):
        self.pid = os.getpid() if pid is None else pid
        self.final = os.path.abspath(final_path)
        self.shown = display_path(final_path)
        self.parent, name = os.path.split(self.final)
        self.staging = os.path.join(self.parent, f".{name}-staging-{self.pid}")
        self.complete = self.staging + "-complete"
        self.retired = os.path.join(self.parent, f".{name}-retired-{self.pid}")
        self.leftover = re.compile(
            rf"\.{re.escape(name)}-(staging|retired)-(\d+)(-complete)?({folders.REMOVING})?"
        )

    def prepare(self, retained_names):
        try:
            if os.path.lexists(self.final) and not os.path.isdir(self.final):
                raise NotADirectoryError(errno.ENOTDIR, "Not a directory", self.final)
            os.makedirs(self.parent, exist_ok=True)  # `-o new/dir/output` works
            self.recover()
            os.makedirs(self.staging)
            # Files Pelican is told to keep across builds (OUTPUT_RETENTION) come along.
            for name in retained_names:
                source = os.path.join(self.final, name)
                if os.path.isdir(source):
                    shutil.copytree(source, os.path.join(self.staging, name), symlinks=True)
                elif os.path.exists(source):
                    shutil.copy2(source, os.path.join(self.staging, name))
        except OSError as error:
            self.discard()
            raise cannot_publish(error, self.shown) from None

    def swap_in(self):
        """Publish the staging folder; return how many files have new bytes."""
        changed = folders.keep_unchanged_files(self.staging, self.final)
        try:
            os.rename(self.staging, self.complete)
            old = self.publish()
        except OSError as error:
            raise cannot_publish(error, self.shown) from None
        if old is not None:
            self.retire(old)
        return changed

    def publish(self):
        """Put `-complete` at the final path; return where the old site went (None if none)."""
        if not os.path.lexists(self.final):
            os.rename(self.complete, self.final)
            return None
        try:
            folders.exchange(self.complete, self.final)
            return self.complete
        except folders.ExchangeUnsupported:
            pass
        os.rename(self.final, self.retired)
        try:
            os.rename(self.complete, self.final)
        except OSError:
            with suppress(OSError):
                os.rename(self.retired, self.final)
            raise
        return self.retired

    def retire(self, old):
        doomed = self.retired + folders.REMOVING
        try:
            os.rename(old, doomed)
        except OSError as error:  # the new site is published: the next build deletes the old
            logger.warning("output: the previous site stays at %s for now (%s)", old, error)
            return
        folders.remove_in_background(doomed)

    def discard(self):
        folders.remove_now(self.staging)
        folders.remove_now(self.complete)

    def discard_if_owner(self, owner_pid):
        if os.getpid() == owner_pid:
            self.discard()

    def abandoned(self):
        """{folder name: match} of the leftovers of builds that no longer run."""
        found = {}
        for entry in os.listdir(self.parent):
            match = self.leftover.fullmatch(entry)
            if match:
                pid = int(match[2])
                if pid == self.pid or not folders.process_exists(pid):
                    found[entry] = match
        return found

    def recover(self):
        """Bring back a site an interrupted build left aside, then delete the leftovers."""
        leftovers = self.abandoned()
        if not os.path.lexists(self.final):
            candidates = []
            for entry, match in leftovers.items():
                kind, complete, removing = match[1], match[3], match[4]
                if not removing and (kind == "retired" or complete):
                    with suppress(OSError):
                        mtime = os.stat(os.path.join(self.parent, entry)).st_mtime
                        candidates.append((kind == "retired", mtime, entry))
            if candidates:
                entry = max(candidates)[2]
                os.rename(os.path.join(self.parent, entry), self.final)
                del leftovers[entry]
                logger.warning(
                    "output: restored %s from %s (a build was cut short)", self.shown, entry
                )
        for entry in leftovers:
            folders.remove_now(os.path.join(self.parent, entry))


def stage(pelican):
    """get_generators: a build starts; send everything it writes to a staging folder."""
    staged = StagedOutput(pelican.output_path)
    staged.prepare(pelican.settings.get("OUTPUT_RETENTION", []))
    pelican.staged_output = staged
    redirect_output(pelican, staged.staging)
    # Whatever happens (an error, Ctrl-C), an unfinished staging folder does not outlive us
    # (a process forked from the build leaves it to the build process).
    atexit.register(staged.discard_if_owner, os.getpid())
    return None  # no generator of our own


def swap(pelican):
    """PUBLISH step: everything succeeded; the staging folder becomes the output."""
    staged = pelican.staged_output
    changed = staged.swap_in()
    logger.info("Output swapped into %s (%d files changed)", staged.final, changed)
    # `pelican --autoreload` builds again with the same instance.
    redirect_output(pelican, staged.final)


def register():
    signals.get_generators.connect(stage)
    add_step(swap, PUBLISH)
