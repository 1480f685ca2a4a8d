"""Threads from Message-ID, In-Reply-To and References; the subject only as a fallback.

A message's parent is the message it names in In-Reply-To, else the newest of its References
that the archive holds. A reply whose parent is not in the archive (or that names none but has a
"Re:" subject) joins the most recent thread with the same subject, once subjects are compared
without "Re:", "Fwd:" and the list's tag. Everything else starts a thread. Cycles (a message
naming its own descendant) are broken: the later link is ignored.
"""

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote

from plugins.model.plain_text import unescaped

from .privacy import address_hash, plain_masked

REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|aw|sv|antw)\s*(?:\[\d+\])?\s*:\s*|\[[^\]]*\]\s*)+", re.I
)

_ATOM = r"[A-Za-z0-9!#$'*+/=?^_`{|}~-]+"  # RFC 5322 atext but "&" and "%"
SAFE_ID = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")


@dataclass
class Post:
    """One message as the templates and feeds see it."""

    key: str
    message_id: str
    in_reply_to: str
    references: list
    subject: str
    author: str
    sender: str
    date: datetime
    date_guessed: bool
    text: str
    attachments: list
    html: str = ""  # the rendered body (render.py)
    new_subject: str = ""  # the subject when it is not the thread's (a reply that changed it)
    member: object = None  # the Member matched by address (members.toml), else None
    parent: "Post | None" = None
    thread: "Thread | None" = None
    where: str = ""  # path:line of the message in the archive, for errors

    @property
    def anchor(self):
        return f"m-{self.key[:12]}"


@dataclass
class Thread:
    """A root message and its replies, oldest first."""

    id: str
    posts: list = field(default_factory=list)
    url: str = ""
    save_as: str = ""
    feed_atom: str = ""
    feed_rss: str = ""
    reply_to: str = ""  # the Message-ID a reply from the thread page answers (the newest)

    @property
    def reply_subject(self):
        """The subject for a mailto: reply, plain text (no entity or tag left to decode, no
        control character) and masked: the template's `plain_line` leaves it as it is."""
        return plain_masked(self.subject)

    @property
    def root(self):
        return self.posts[0]

    @property
    def subject(self):
        return self.root.subject

    @property
    def started(self):
        return self.root.date

    @property
    def last(self):
        return self.posts[-1].date

    @functools.cached_property
    def authors(self):
        """Once per thread: a month page and the index list each thread (a thread with a
        message in every month would otherwise cost its length on each of its months)."""
        return list(dict.fromkeys(post.author for post in self.posts))

    @property
    def reply_count(self):
        return len(self.posts) - 1


def base_subject(subject):
    return " ".join(REPLY_PREFIX.sub("", subject).lower().split())


def is_reply(post):
    return bool(post.in_reply_to or post.references or REPLY_PREFIX.match(post.subject))


class Roots:
    """The root of each post's tree (union-find with path halving), so that threading a long
    chain of replies stays linear. A post gets its parent once, while it is still a root."""

    def __init__(self):
        self.up = {}

    def find(self, post):
        key = id(post)
        while self.up.get(key, key) != key:
            self.up[key] = self.up.get(self.up[key], self.up[key])
            key = self.up[key]
        return key

    def link(self, post, parent):
        self.up[id(post)] = self.find(parent)


def find_parent(post, by_id, roots):
    """The first post named (In-Reply-To, then References newest first) that is not in the
    post's own tree: `post` has no parent yet, so a candidate whose root is `post` is its
    descendant, and linking to it would make a cycle."""
    named = [post.in_reply_to] if post.in_reply_to else []
    named += reversed(post.references)
    for message_id in named:
        candidate = by_id.get(message_id)
        if candidate is not None and roots.find(candidate) != id(post):
            return candidate
    return None


def publishable_id(message_id, senders):
    """Whether a Message-ID may go in the thread page's mailto: In-Reply-To. Some mailers use
    an address as Message-ID (`<erin@example.org>`), so an id is published only when its local
    part has a digit (generated ids have timestamps, counters or random hex; a person's address
    rarely has one) and it is no sender's address anywhere in the archive (`senders`: hashes).
    The thread page then answers the newest message with such an id, or none.

    The id is decoded once as whatever reads it next would (character references, then
    %-escapes) and the decoded value judged: it must be the id itself, made of letters, digits
    and the signs of RFC 5322's dot-atom but "&" and "%" (no CR or LF to start a header)."""
    decoded = unquote(unescaped(message_id))
    if decoded != message_id or not SAFE_ID.fullmatch(decoded):
        return False
    local = message_id.rpartition("@")[0]
    if not any(char.isdigit() for char in local):
        return False
    return address_hash(message_id) not in senders


def unique(posts):
    """Posts without the copies of a message (same Message-ID) an archive may hold twice."""
    seen, kept = set(), []
    for post in posts:
        if post.message_id and post.message_id in seen:
            continue
        seen.add(post.message_id)
        kept.append(post)
    return kept


def build_threads(posts):
    """[Thread], newest activity first; each post gets `parent` and `thread`."""
    posts = sorted(unique(posts), key=lambda p: (p.date, p.key))
    by_id = {post.message_id: post for post in posts if post.message_id}
    by_subject = {}  # base subject -> the latest thread root with it
    roots = Roots()
    for post in posts:
        post.parent = find_parent(post, by_id, roots)
        subject = base_subject(post.subject)
        if post.parent is None and is_reply(post) and subject in by_subject:
            post.parent = by_subject[subject]  # a root processed before: never a cycle
        if post.parent is not None:
            roots.link(post, post.parent)
        elif subject:
            by_subject[subject] = post
    threads, by_root = {}, {id(post): post for post in posts}
    for post in posts:
        root = by_root[roots.find(post)]
        thread = threads.get(root.key)
        if thread is None:
            thread = threads[root.key] = Thread(id=root.key[:12])
        thread.posts.append(post)
        post.thread = thread
    senders = {post.sender for post in posts} - {""}
    for thread in threads.values():
        subject = base_subject(thread.subject)
        for post in thread.posts[1:]:
            post.new_subject = post.subject if base_subject(post.subject) != subject else ""
        ids = [p.message_id for p in reversed(thread.posts) if p.message_id]
        thread.reply_to = next((i for i in ids if publishable_id(i, senders)), "")
    return sorted(threads.values(), key=lambda t: (t.last, t.id), reverse=True)
