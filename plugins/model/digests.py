"""Hashes of what a build reads, for the keys of the caches (plugins/model/read_cache, the kept
search index) and the record of the last build (plugins/tools/build.py)."""

import hashlib
import importlib.metadata
import os
import stat
import sys
from pathlib import Path

PLUGINS_FOLDER = Path(__file__).resolve().parents[1]
NOT_CODE = {"__pycache__", "tests"}  # folders of the plugins package no build reads


def file_digest(path):
    """The SHA-256 of a regular file's bytes; a link, a pipe or a device is not opened (the
    build refuses them in content/): its kind and target stand for it."""
    status = os.lstat(path)
    if not stat.S_ISREG(status.st_mode):
        target = os.readlink(path) if stat.S_ISLNK(status.st_mode) else ""
        return f"{stat.S_IFMT(status.st_mode)}:{target}".encode("utf-8", "surrogateescape")
    with open(path, "rb") as file:  # read in chunks: a file of any size in little memory
        return hashlib.file_digest(file, "sha256").digest()


def tree_digest(folder, skipped=frozenset()):
    """A hash of every file under `folder` (its path and bytes); folders and files named in
    `skipped` left out."""
    digest = hashlib.sha256()
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in skipped)
        for name in sorted(name for name in names if name not in skipped):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, folder).encode("utf-8", "surrogateescape"))
            digest.update(b"\0" + file_digest(path))
    return digest.hexdigest()


def code_digest(folder=PLUGINS_FOLDER):
    """A hash of the plugins package as a build uses it: code, fonts, data; not its tests."""
    return tree_digest(folder, NOT_CODE)


def installed_versions():
    """'name version' of every installed distribution, sorted.

    Reading them all takes about 100 ms, so the list is kept for the process and read again when
    a folder of sys.path has changed: installing, upgrading or removing a distribution adds or
    removes its .dist-info folder there, which changes the folder's modification time (the dev
    server and the tests fork their builds from a process that has read it once)."""
    stamp = tuple((folder, modified_ns(folder)) for folder in sys.path)
    if stamp not in _versions_read:
        _versions_read.clear()
        distributions = importlib.metadata.distributions()
        _versions_read[stamp] = sorted({f"{d.metadata['Name']} {d.version}" for d in distributions})
    return list(_versions_read[stamp])


_versions_read = {}  # {sys.path's folders and their times: the versions read then}


def modified_ns(folder):
    try:
        return os.stat(folder or ".").st_mtime_ns
    except OSError:
        return None
