"""The file operations behind atomic_output: exchanging two folders in one step, removing a
folder so that no half-removed copy is ever mistaken for a site, and the hard links that keep
unchanged files. atomic_output.py explains the order they are used in and why it is safe.
"""

import ctypes
import errno
import os
import shutil
import subprocess
import sys

REMOVING = "-removing"  # a folder being deleted: never published, never restored
AT_FDCWD = -100
RENAME_EXCHANGE = 2
# What renameat2 answers where the kernel, the C library or the file system cannot exchange.
NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


class ExchangeUnsupported(Exception):
    """renameat2(RENAME_EXCHANGE) is not available here: use two renames instead."""


_renameat2 = None


def exchange(one, other):
    """Swap the folders at `one` and `other` in a single step (Linux renameat2 with
    RENAME_EXCHANGE): no process ever sees either path missing. Raise ExchangeUnsupported
    where the OS, C library or file system cannot, OSError for any other failure."""
    global _renameat2
    if not sys.platform.startswith("linux"):
        raise ExchangeUnsupported(sys.platform)
    if _renameat2 is None:
        try:
            _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
        except (OSError, AttributeError) as error:  # a C library older than glibc 2.28
            raise ExchangeUnsupported(str(error)) from None
        _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p] * 2 + [ctypes.c_uint]
        _renameat2.restype = ctypes.c_int
    paths = os.fsencode(one), os.fsencode(other)
    if _renameat2(AT_FDCWD, paths[0], AT_FDCWD, paths[1], RENAME_EXCHANGE) == 0:
        return
    code = ctypes.get_errno()
    if code in NO_EXCHANGE:
        raise ExchangeUnsupported(os.strerror(code))
    raise OSError(code, os.strerror(code), other)


def remove_now(path):
    """Delete a folder, first renaming it to `<path>-removing` so that a removal cut short
    leaves a name nobody restores or publishes."""
    doomed = path if path.endswith(REMOVING) else path + REMOVING
    try:
        os.rename(path, doomed)
    except FileNotFoundError:
        return
    except OSError:
        doomed = path  # the -removing name is taken (or the folder cannot move): delete in place
    shutil.rmtree(doomed, ignore_errors=True)


def remove_in_background(path):
    """Delete `path` (a `-removing` name) without making the build wait for it (thousands of
    files take a good part of a second; the dev server reloads the browser when the build ends).
    If the removal is cut short, the next build finishes it."""
    if os.path.lexists(path):
        subprocess.Popen(
            ["rm", "-rf", "--", path],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:  # not a pid at all
        return False
    return True


def same_bytes(path, other):
    if os.path.getsize(path) != os.path.getsize(other):
        return False
    with open(path, "rb") as one, open(other, "rb") as two:
        return one.read() == two.read()


def keep_unchanged_files(staging, final):
    """Where a staged file has the same bytes as the published one, stage the published file
    itself (a hard link): a rebuild then replaces only the files that changed, and everything
    else keeps its inode and modification time (for rsync, caches and the dev server).
    Only the staging folder changes. A file that cannot be compared or linked (unreadable, a
    file system without hard links) is simply published as a new copy."""
    changed = 0
    for folder, _, names in os.walk(staging):
        published_folder = os.path.join(final, os.path.relpath(folder, staging))
        for name in names:
            staged, published = os.path.join(folder, name), os.path.join(published_folder, name)
            try:
                if not os.path.isfile(published) or os.path.islink(staged):
                    pass
                elif os.path.samefile(staged, published):  # linked already (the output memo)
                    continue
                elif same_bytes(staged, published):
                    link_over(published, staged)
                    continue
            except OSError:
                pass
            changed += 1
    return changed


def link_over(published, staged):
    temporary = staged + ".unchanged"
    os.link(published, temporary)
    try:
        os.replace(temporary, staged)
    except OSError:
        os.unlink(temporary)  # never leave the temporary name in the site
        raise
