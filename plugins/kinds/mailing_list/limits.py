"""The documented limits of the list archive: anything over one stops the build with `path:line`.

Each is a setting (its default below; pelicanconf.py may raise it). The work of a build is linear
in the archive's size, so these bound its time: at the defaults, a worst-case archive (every
message a thread of its own: a page and two feeds each) builds in about two minutes on one core.

    MAILING_LIST_MAX_MESSAGES          messages in content/list/ as a whole
    MAILING_LIST_MAX_FILE_MESSAGES     messages in one archive file (a month of a busy list)
    MAILING_LIST_MAX_MESSAGE_BYTES     bytes of one message, headers and attachments included
    MAILING_LIST_MAX_HEADER_FIELDS     header fields of one message (Received: lines included)
    MAILING_LIST_MAX_THREAD_MESSAGES   messages in one thread (its page and its feeds); it also
                                       bounds a thread's depth (no step of the build recurses)

Besides, archive.MAX_FILE_BYTES bounds a file (decompressed), and message.py cuts what is shown
of one header (16 KB) and of one body (200,000 characters), saying so on the page.
"""

from plugins.model.error_report import ContentError

LIMITS = {
    "MAILING_LIST_MAX_MESSAGES": 10_000,
    "MAILING_LIST_MAX_FILE_MESSAGES": 5_000,
    "MAILING_LIST_MAX_MESSAGE_BYTES": 5_000_000,
    "MAILING_LIST_MAX_HEADER_FIELDS": 500,
    "MAILING_LIST_MAX_THREAD_MESSAGES": 1_000,
}


class ListArchiveError(ContentError):
    """An archive that cannot be read: `path:line: what is wrong (how to fix it)`."""


def limit(settings, name):
    """The value of the limit MAILING_LIST_MAX_<name> in `settings`, else its default."""
    key = f"MAILING_LIST_MAX_{name}"
    return int(settings.get(key) or LIMITS[key])


def over(where, what, count, settings, name, fix):
    """The error for `count` <what> at `where` (path:line), over the limit `name`."""
    most = limit(settings, name)
    return ListArchiveError(
        f"{where}: {count:,} {what}, more than the list archive takes (at most {most:,}, "
        f"MAILING_LIST_MAX_{name}; {fix})"
    )


def check_threads(threads, settings):
    """Refuse a thread of more than MAX_THREAD_MESSAGES messages, at the first one over."""
    most = limit(settings, "THREAD_MESSAGES")
    for thread in threads:
        if len(thread.posts) > most:
            fix = "a thread this long is not a conversation; remove the messages that are not"
            raise over(thread.posts[most].where, "messages or more in one thread",
                       most + 1, settings, "THREAD_MESSAGES", fix)  # fmt: skip
