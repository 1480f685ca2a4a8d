"""The content folder as a tree of files: nothing from outside it, and only inert files published.

Everything under content/ comes from pull requests, and Pelican trusts it twice over:

- it follows symbolic links, so a committed link (`images/key.png -> ~/.ssh/id_rsa`, or a folder
  linked to `/etc`) publishes a file of the machine that builds the site, and a link to
  `/dev/zero` or a named pipe hangs the build. `check_content_tree` refuses every link and every
  entry that is neither a regular file nor a folder, before any file is read;
- it copies static files (STATIC_PATHS, and any file a post links with `{static}` or `{attach}`)
  as they are, and a web server picks their Content-Type from the extension. A `.js` or `.html`
  file served from the site's own origin passes the CSP's `script-src 'self'`, and an SVG is a
  document that runs scripts. `check_static_files` publishes only an allow-list of inert types
  (images and PDF), and only when the bytes are of the type the extension announces, so that
  what a browser is told and what it receives agree. SVG is refused rather than sanitized: a
  sanitizer would have to understand all of SVG, and PNG or WebP export is always possible.
  Sizes are per kind: an image has a budget of 500 KB and at most 10,000 px a side, and a PDF
  (a document readers download on purpose) up to 5 MB (plugins/guard/images/budget.py says why).

Theme assets are trusted: Pelican copies them separately, they are never in `staticfiles`.
"""

import os
import stat

from pelican.utils import slugify

from plugins.guard.images.budget import MAX_IMAGE_BYTES, size_problem
from plugins.model.build import build_of
from plugins.model.plain_text import CONTROL

from .addresses import SEGMENT_RULE, is_segment
from .file_types import EXTENSIONS_TEXT, TYPE_OF_EXTENSION, detect_type, looks_like
from .problems import ContentGuardError, Problem
from .settings import MAX_STATIC_BYTES, setting
from .sources import SLUG_SUBSTITUTIONS
from .text_checks import describe

LINK_FIX = "replace it with the file itself, committed in the repository"
ALLOWED = "only images (PNG, JPEG, GIF, WebP, AVIF) and PDF documents are"
HEAD_BYTES = 512  # enough for every signature of file_types.py and a look at what else a file is

# Extensions some web server acts on (serves as a document, runs, or includes), refused even
# in the middle of a name: Apache, for one, applies the handler of every extension of
# `photo.php.png`, not only the last.
# fmt: off
ACTIVE_EXTENSIONS = frozenset((
    "htm", "html", "xhtml", "xht", "shtml", "shtm", "xml", "xsl", "xslt", "svg", "svgz", "js",
    "mjs", "cjs", "css", "json", "wasm", "swf", "hta", "php", "php3", "php4", "php5", "php7",
    "phtml", "phar", "pl", "py", "rb", "sh", "cgi", "asp", "aspx", "ascx", "jsp", "jspx", "exe",
))
# fmt: on


# --- The content tree ----------------------------------------------------------------------------


def check_content_tree(settings):
    """Problems of the content folder itself, before anything is read: links, pipes, devices.

    One walk with os.scandir, which answers from the directory entry (no extra stat per file)
    and never follows a link: a linked folder is reported, not entered.
    """
    problems, pending = [], [settings["PATH"]]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    problem = entry_problem(entry)
                    if problem:
                        problems.append(problem)
                    elif entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
        except OSError as error:
            message = f"the folder cannot be read: {error.strerror}"
            problems.append(Problem(folder, 1, message, "check its permissions", blocking=True))
    return problems


def entry_problem(entry):
    """The Problem of one entry of the content folder (a link, a pipe, a name with a control or
    hidden format character, which would show as another name in a review or break a report
    line), or None."""
    hidden = CONTROL.search(entry.name)
    if hidden:
        what = f"its name contains {describe(ord(hidden.group()))}"
        return Problem(entry.path, 1, what, "rename it using visible characters only", True)
    if entry.is_symlink():
        return link_problem(entry.path)
    if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return None
    return special_file_problem(entry.path, entry.stat(follow_symlinks=False).st_mode)


def link_problem(path):
    try:
        target = os.readlink(path)
    except OSError:
        target = "somewhere unreadable"
    # A link target is text from the pull request too: it must not break the one-line report.
    target = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in target)
    message = f"is a symbolic link (to {target}); the build does not follow links"
    return Problem(path, 1, message, LINK_FIX, blocking=True)


def special_file_problem(path, mode):
    kinds = (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    message = f"is {kind}, not a regular file; the build reads only files and folders"
    return Problem(path, 1, message, "remove it from the content folder", blocking=True)


# --- Static files --------------------------------------------------------------------------------


def name_problem(path):
    """The Problem of the file name of a static file (its extensions), or None."""
    name = os.path.basename(path)
    stem, extension = os.path.splitext(name)
    extension = extension.lower()
    if not extension:
        message = "the file name has no extension, so it cannot be published from content/"
        fix = f"{ALLOWED}; name it after its type: {EXTENSIONS_TEXT}"
        return Problem(path, 1, message, fix, blocking=True)
    if extension in (".svg", ".svgz"):
        message = f"a {extension} file cannot be published from content/: SVG can carry scripts"
        fix = "export the drawing as PNG or WebP, or ask an editor to add it to the theme"
        return Problem(path, 1, message, fix, blocking=True)
    if extension not in TYPE_OF_EXTENSION:
        message = f"a {extension} file cannot be published from content/"
        fix = f"{ALLOWED}; remove it, or convert it to one of them"
        return Problem(path, 1, message, fix, blocking=True)
    inner = [part for part in stem.lower().split(".")[1:] if part in ACTIVE_EXTENSIONS]
    if inner:
        message = f"the name {name} also has the extension .{inner[0]}, which web servers act on"
        fix = f"rename it without the inner extension, e.g. {stem.replace('.', '-')}{extension}"
        return Problem(path, 1, message, fix, blocking=True)
    return None


def content_problem(path, head):
    """The Problem of a static file whose bytes are not of the type its extension announces."""
    stem, extension = os.path.splitext(os.path.basename(path))
    expected = TYPE_OF_EXTENSION[extension.lower()]
    found = detect_type(head)
    if found is expected:
        return None
    what = f"its bytes {looks_like(head)}"
    if found:
        fix = f"{what}; rename it to {stem}{found.extensions[0]}"
    else:
        fix = f"{what}; export it again as {expected.short}, or remove it"
    return Problem(path, 1, f"the file is not {expected.label}", fix, blocking=True)


def static_file_problem(path, root):
    """The Problem of one file to be published from the content folder `root`, or None.

    A file that does not exist is left to the link checks, which name the post that links it.
    """
    inside = os.path.realpath(root) + os.sep
    if not os.path.realpath(path).startswith(inside):
        message = "a {static} or {attach} link publishes this file from outside the content folder"
        return Problem(path, 1, message, "link only to files under content/", blocking=True)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode):
        return link_problem(path)
    if stat.S_ISDIR(mode):
        fix = "link to a file in it, not to the folder"
        return Problem(path, 1, "is a folder, not a file to publish", fix, blocking=True)
    if not stat.S_ISREG(mode):
        return special_file_problem(path, mode)
    try:
        return name_problem(path) or content_problem(path, read_head(path))
    except OSError as error:
        message = f"the file cannot be read: {error.strerror}"
        return Problem(path, 1, message, "check its permissions", blocking=True)


def read_head(path):
    """The first bytes of a regular file; never follows a link nor waits on a pipe."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as opened:
        if not stat.S_ISREG(os.fstat(opened.fileno()).st_mode):
            return b""
        return opened.read(HEAD_BYTES)


def static_files_problems(staticfiles, root, max_bytes=MAX_STATIC_BYTES, max_image=MAX_IMAGE_BYTES):
    """The Problems of every static file Pelican is about to publish from `root`: its type,
    its address, then its size by kind (images/budget.py: an image's bytes and pixels)."""
    problems = []
    for static in staticfiles:
        path = os.path.join(root, static.source_path)
        problem = static_file_problem(path, root) or address_problem(path, static.save_as)
        if problem is None and os.path.isfile(path):
            found = size_problem(path, os.path.getsize(path), max_bytes, max_image)
            problem = Problem(path, 1, *found, blocking=True) if found else None
        if problem:
            problems.append(problem)
    return problems


def address_problem(path, save_as):
    """The address rule of plugins/guard/content_guard/addresses.py, for the file's published path:
    a name with a space, a quote or markup would be pasted into the pages that link it."""
    if all(is_segment(part) for part in (save_as or "").split("/")):
        return None
    stem, extension = os.path.splitext(os.path.basename(path))
    suggestion = slugify(stem, regex_subs=SLUG_SUBSTITUTIONS) or "image"
    message = "the file name cannot be part of an address"
    fix = f"rename it, e.g. to {suggestion}{extension.lower()}; {SEGMENT_RULE}"
    return Problem(path, 1, message, fix, blocking=True)


def check_static_files(generator):
    """static_generator_finalized: every static file from content/ is of an allowed type.

    Pelican sends the signal after listing the files and before writing anything, so raising
    here stops the build with the output untouched. The problems the source checks found so
    far (not blocking on their own) are listed with these, so the contributor sees one list.
    """
    settings = generator.settings
    max_bytes = setting(settings, "CONTENT_GUARD_MAX_STATIC_BYTES")
    max_image = setting(settings, "CONTENT_GUARD_MAX_IMAGE_BYTES")
    problems = static_files_problems(generator.staticfiles, settings["PATH"], max_bytes, max_image)
    if not problems:
        return
    guard = build_of(settings).guard
    if guard is not None:
        guard.problems += problems
        guard.stop_if(True)
    raise ContentGuardError(problems)
