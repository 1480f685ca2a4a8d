"""A seeded synthetic corpus in this site's exact content format, for build benchmarks.

    python bench/corpus.py --n 1000 --out bench/work/n1000

writes <out>/content/: a copy of the real content/ (pages, topics, events, posts, members.toml,
so that every {filename} link of the real site still resolves) plus N generated posts at
posts/<year>/<slug>.md, with the real topic slugs and member ids, a Zipf-distributed tag
vocabulary, ~650 words each (## and ### headings, lists, a fenced code block, a quote, internal
{filename} links to earlier generated posts, external links, an image with alt text), and a few
small real PNG files in images/. Same N and seed: byte-identical files. Every post passes
plugins/guard/content_guard (Dates are in the past, ids exist, images have alt text).
"""

import argparse
import random
import re
import shutil
import struct
import tomllib
import zlib
from datetime import datetime, timedelta
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent
CONTENT = SITE / "content"
FIRST_DATE = datetime(2009, 5, 1, 9, 0)
LAST_DATE = datetime(2026, 10, 31, 18, 0)  # before the real posts' drafts; never in the future
WORDS_PER_POST = 620

TAGS = (
    *("twisted", "stackless", "jython", "xmpp", "asyncio", "soa", "benchmarks", "concurrency"),
    *("game-servers", "history", "research", "sei-study", "meta-sig", "community", "events"),
    *("announcement", "contributing", "follow-up-sketch", "interest-areas", "mailing-list"),
    *("federation", "presence", "pubsub", "message-queues", "amqp", "zeromq", "grpc", "rest"),
    *("http", "websockets", "tls", "dns", "load-balancing", "sharding", "replication"),
    *("consensus", "raft", "paxos", "crdt", "eventual-consistency", "caching", "cdn"),
    *("observability", "tracing", "logging", "metrics", "alerting", "incident-review"),
    *("capacity-planning", "autoscaling", "kubernetes", "containers", "virtual-machines"),
    *("jvm", "java-interop", "pypy", "cpython", "gil", "free-threading", "subinterpreters"),
    *("multiprocessing", "threads", "greenlets", "gevent", "eventlet", "tasklets", "channels"),
    *("actors", "backpressure", "flow-control", "rate-limiting", "circuit-breakers"),
    *("retries", "timeouts", "idempotency", "workflows", "bpel", "business-processes"),
    *("enterprise", "integration", "esb", "schemas", "protobuf", "json", "xml", "serialization"),
    *("databases", "postgresql", "sqlite", "key-value-stores", "object-stores", "storage"),
    *("testing", "load-testing", "chaos-engineering", "simulation", "fault-injection"),
    *("security", "authentication", "authorization", "privacy", "governance", "licensing"),
    *("mmorpg", "persistent-worlds", "eve-online", "zones", "interest-management", "latency"),
    *("networking", "protocols", "udp", "tcp", "peer-to-peer", "mesh", "edge-computing"),
    *("deployment", "packaging", "configuration", "upgrades", "migrations", "legacy-systems"),
    *("documentation", "teaching", "talks", "conferences", "open-space", "sprints", "meeting"),
)
PHRASES = {  # topic slug -> noun phrases used in titles and prose
    "concurrency-and-networking": ("event loops", "microthreads", "connection pools"),
    "messaging-and-presence": ("federated messaging", "presence updates", "pubsub nodes"),
    "multiplayer-worlds": ("shared game worlds", "zone servers", "player sessions"),
    "python-on-the-jvm": ("Jython services", "Java interop", "mixed-language stacks"),
    "services-and-processes": ("service contracts", "business workflows", "long-lived APIs"),
    "uls-systems": ("ultra-large-scale systems", "decentralised control", "emergent behaviour"),
}
LEADS = (
    *("Notes on", "Lessons from", "A field guide to", "Measuring", "Rethinking", "Scaling"),
    *("Debugging", "Testing", "Operating", "Designing for", "What we learned about"),
    *("Ten years of", "Small steps towards", "Failure modes of", "Patterns for"),
)
ANGLES = (
    *("in practice", "under load", "at the edges", "for newcomers", "after the outage"),
    *("without a central owner", "across organisations", "on a budget", "in the long run"),
)
SUBJECTS = (
    *("The group", "A team at a large operator", "One member", "The reference design"),
    *("A typical deployment", "Our prototype", "The original proposal", "Every large system"),
)
VERBS = (
    *("depends on", "struggles with", "gains from", "measures", "replaces", "hides"),
    *("exposes", "simplifies", "multiplies", "tolerates", "isolates", "documents"),
)
OBJECTS = (
    *("partial failure", "slow consumers", "clock skew", "schema drift", "hot partitions"),
    *("thundering herds", "stale caches", "unbounded queues", "cross-team ownership"),
    *("version skew between services", "retries that amplify load", "silent data loss"),
)
CLAUSES = (
    *("when the traffic doubles overnight", "long before anyone notices", "in every release"),
    *("because no single team owns the whole", "which the SEI study predicted"),
    *("as the mailing list discussed at length", "unless the protocol says otherwise"),
    *("even with generous timeouts", "once thousands of clients reconnect at the same time"),
)
LINKS = (
    ("Twisted", "https://twisted.org/"),
    ("Stackless", "https://github.com/stackless-dev/stackless"),
    ("Jython", "https://www.jython.org/"),
    ("XMPP", "https://xmpp.org/"),
    ("the SEI report", "https://www.sei.cmu.edu/"),
    ("the list archive", "https://mail.python.org/pipermail/uls-sig/"),
    ("PEP 703", "https://peps.python.org/pep-0703/"),
    ("asyncio", "https://docs.python.org/3/library/asyncio.html"),
)
IMAGES = (  # file name, alt text, colour
    ("queue-depth.png", "a chart of queue depth rising under load", (52, 101, 164)),
    ("three-tiers.png", "a diagram of three service tiers", (115, 210, 22)),
    ("zone-map.png", "a map of game zones split across servers", (204, 0, 0)),
    ("federation.png", "two federated servers exchanging messages", (117, 80, 123)),
    ("latency-histogram.png", "a histogram of request latencies", (237, 212, 0)),
)
CODE = (
    (
        "python",
        "from twisted.internet import reactor, task\n\n\ndef tick(counter):\n"
        "    counter[0] += 1\n    if counter[0] > {n}:\n        reactor.stop()\n\n\n"
        "loop = task.LoopingCall(tick, [0])\nloop.start({delay})\nreactor.run()",
    ),
    (
        "python",
        "import asyncio\n\n\nasync def worker(queue):\n    while True:\n"
        "        item = await queue.get()\n        await asyncio.sleep({delay})\n"
        "        queue.task_done()\n\n\nasync def main():\n    queue = asyncio.Queue(maxsize={n})\n"
        "    workers = [asyncio.create_task(worker(queue)) for _ in range(8)]\n"
        "    await queue.join()",
    ),
    (
        "toml",
        '[service]\nname = "presence"\nreplicas = {n}\ntimeout_seconds = {delay}\n\n'
        '[service.retry]\nattempts = 3\nbackoff = "exponential"',
    ),
    (
        "console",
        '$ python -m timeit -n {n} "sum(range(1000))"\n{n} loops, best of 5: {delay} usec per loop',
    ),
)


def png(width, height, colour):
    """A real PNG file (RGB, a horizontal gradient of `colour`), without any imaging library."""
    rows = []
    for _ in range(height):
        row = bytearray([0])  # filter type 0 per scanline
        for x in range(width):
            shade = 0.4 + 0.6 * x / (width - 1)
            row += bytes(int(c * shade) for c in colour)
        rows.append(bytes(row))

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"".join(rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def zipf_weights(count, exponent=1.07):
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


class Writer:
    """Draws every random choice from one seeded generator, in a fixed order."""

    def __init__(self, seed, topics, members):
        self.rng = random.Random(seed)
        self.topics = topics
        self.members = members
        self.tag_weights = zipf_weights(len(TAGS))
        self.parts = {}  # title slug -> parts so far

    def sentence(self):
        rng = self.rng
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        return text + (f" {rng.choice(CLAUSES)}." if rng.random() < 0.7 else ".")

    def paragraph(self, sentences, earlier):
        parts = [self.sentence() for _ in range(sentences)]
        roll = self.rng.random()
        if roll < 0.35 and earlier:
            year, slug, title = self.rng.choice(earlier)
            parts.append(
                f"We covered part of this in [{title}]({{filename}}/posts/{year}/{slug}.md)."
            )
        elif roll < 0.6:
            label, url = self.rng.choice(LINKS)
            parts.append(f"See [{label}]({url}) for the details.")
        elif roll < 0.75:
            parts.append(f"The `{self.rng.choice(TAGS).replace('-', '_')}` setting matters here.")
        return " ".join(parts)

    def body(self, topics, earlier):
        rng, blocks = self.rng, []
        blocks.append(self.paragraph(4, earlier))
        topic = rng.choice(topics)
        blocks.append(
            f"This post belongs to the [{PHRASES[topic][0]} topic]({{filename}}/topics/{topic}.md);"
            " questions go to the [mailing list]({filename}/pages/mailing-list.md)."
        )
        headings = rng.sample([f"{lead} {obj}" for lead in LEADS[:6] for obj in OBJECTS], 5)
        for number, heading in enumerate(headings):
            blocks.append(f"## {heading}")
            blocks.append(self.paragraph(rng.randint(3, 5), earlier))
            if number == 0:
                blocks.append("\n".join(f"- {self.sentence()}" for _ in range(rng.randint(3, 5))))
            elif number == 1:
                language, code = rng.choice(CODE)
                filled = code.format(n=rng.randint(2, 500), delay=rng.choice((0.1, 0.5, 2)))
                blocks.append(f"```{language}\n{filled}\n```")
            elif number == 2:
                name, alt, _ = rng.choice(IMAGES)
                blocks.append(f"![{alt}]({{static}}/images/{name})")
                blocks.append(f"### {rng.choice(ANGLES).capitalize()}")
                blocks.append(self.paragraph(3, earlier))
            elif number == 3:
                items = [f"{i}. {self.sentence()}" for i in range(1, rng.randint(3, 5) + 1)]
                blocks.append("\n".join(items))
                blocks.append(f"> {self.sentence()} {self.sentence()}")
        while len(" ".join(blocks).split()) < WORDS_PER_POST:
            blocks.append(self.paragraph(4, earlier))
        return "\n\n".join(blocks) + "\n"

    def post(self, date, taken, earlier):
        """(slug, title, file text) of one post."""
        rng = self.rng
        topics = rng.sample(self.topics, rng.choice((1, 1, 2, 2, 3)))
        title = self.title(topics, taken)
        authors = rng.sample(self.members, 2 if rng.random() < 0.15 else 1)
        count = rng.choice((2, 3, 3, 4, 5))
        tags = []
        while len(tags) < count:
            tag = rng.choices(TAGS, weights=self.tag_weights)[0]
            tags += [tag] if tag not in tags else []
        category = "Essays" if rng.random() < 0.6 else "Announcements"
        summary = (
            f"{self.sentence()} A look at {rng.choice(PHRASES[topics[0]])} {rng.choice(ANGLES)}."
        )
        header = [
            f"Title: {title}",
            f"Date: {date:%Y-%m-%d %H:%M}",
            f"Authors: {', '.join(authors)}",
            f"Topics: {', '.join(topics)}",
            f"Tags: {', '.join(tags)}",
            f"Category: {category}",
            f"Summary: {summary}",
        ]
        if rng.random() < 0.1:
            modified = min(date + timedelta(days=rng.randint(1, 400)), LAST_DATE)
            header.insert(2, f"Modified: {modified:%Y-%m-%d %H:%M}")
        return slugify(title), title, "\n".join(header) + "\n\n" + self.body(topics, earlier)

    def title(self, topics, taken):
        rng = self.rng
        while True:
            phrase = rng.choice(PHRASES[rng.choice(topics)])
            title = f"{rng.choice(LEADS)} {phrase} {rng.choice(ANGLES)}"
            base = slugify(title)
            if base in taken:  # a series: "..., part 2", "..., part 3"
                self.parts[base] = self.parts.get(base, 1) + 1
                title += f", part {self.parts[base]}"
            if slugify(title) not in taken:
                return title


def generate(out, n, seed=2009):
    """(Re)write out/content with the real content and n generated posts; returns their paths."""
    out = Path(out)
    content = out / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(CONTENT, content)
    with open(CONTENT / "members.toml", "rb") as members_file:
        members = sorted(tomllib.load(members_file))
    topics = sorted(path.stem for path in (CONTENT / "topics").glob("*.md"))
    images = content / "images"
    images.mkdir(exist_ok=True)
    for index, (name, _, colour) in enumerate(IMAGES):
        (images / name).write_bytes(png(160 + 16 * index, 90, colour))

    writer = Writer(seed, topics, members)
    taken = {path.stem for path in (CONTENT / "posts").rglob("*.md")}
    span = (LAST_DATE - FIRST_DATE) / max(n, 1)
    earlier, paths = [], []
    for index in range(n):
        jitter = timedelta(minutes=writer.rng.randint(0, 600))
        date = (FIRST_DATE + span * index + jitter).replace(second=0, microsecond=0)
        slug, title, text = writer.post(date, taken, earlier[-200:])
        taken.add(slug)
        path = content / "posts" / str(date.year) / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        earlier.append((date.year, slug, title))
        paths.append(path)
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of generated posts")
    parser.add_argument("--seed", type=int, default=2009)
    parser.add_argument("--out", default=str(SITE / "bench" / "work" / "corpus"))
    args = parser.parse_args()
    paths = generate(args.out, args.n, args.seed)
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in paths)
    print(f"{len(paths)} posts, {words / max(len(paths), 1):.0f} words each, in {args.out}/content")


if __name__ == "__main__":
    main()
