"""A synthetic mailing list for the importer's figures (bench/README.md, "Mailing list import").

    .venv/bin/python bench/list_corpus.py /tmp/list-bench [--messages 50000] [--months 120]

writes pipermail-style monthly files (`2009-March.txt`, fictional senders at example.org,
threads of 1-12 messages with In-Reply-To and References, quotes and signatures), then times the
plugin's import (plugins/kinds/mailing_list: read, thread, render) cold and with its cache, and
prints
the peak memory. Nothing here is committed: the corpus goes where you say.
"""

import argparse
import calendar
import random
import resource
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORDS = [
    *("python", "twisted", "stackless", "jython", "reactor", "queue"),
    *("scale", "latency", "presence", "actor", "shard"),
]


def message(number, sender, date, subject, parent_ids):
    lines = [
        f"From {sender} at example.org  {date:%a %b %d %H:%M:%S %Y}",
        f"From: {sender} at example.org ({sender.title()} Example)",
        f"Date: {date:%a, %d %b %Y %H:%M:%S +0000}",
        f"Subject: [uls-sig] {'Re: ' if parent_ids else ''}{subject}",
        f"Message-ID: <m{number}@mail.example.org>",
    ]
    if parent_ids:
        lines += [
            f"In-Reply-To: <{parent_ids[-1]}>",
            "References: " + " ".join(f"<{i}>" for i in parent_ids),
        ]
    body = [" ".join(random.choices(WORDS, k=12)) for _ in range(random.randint(3, 25))]
    quote = ["> " + " ".join(random.choices(WORDS, k=10)) for _ in range(3)] if parent_ids else []
    return "\n".join([*lines, "", *quote, "", *body, "", "-- ", sender, "", ""])


def write_corpus(folder, messages, months):
    random.seed(1)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2009, 3, 1, tzinfo=UTC)
    per_month = messages // months
    number = 0
    for month in range(months):
        year, index = 2009 + (month + 2) // 12, (month + 2) % 12 + 1
        first = datetime(year, index, 1, tzinfo=UTC)
        texts, thread = [], []
        for _ in range(per_month):
            number += 1
            if not thread or random.random() < 0.2:
                thread, subject = [], " ".join(random.choices(WORDS, k=4))
            date = first + timedelta(minutes=number % (27 * 24 * 60))
            sender = random.choice(["ada", "grace", "linus", "hedy", "zoe", "alan", "barbara"])
            texts.append(message(number, sender, date, subject, thread[-5:]))
            thread.append(f"m{number}@mail.example.org")
        name = f"{year}-{calendar.month_name[index]}.txt"
        (folder / name).write_text("".join(texts), encoding="utf-8")
    return number, start


def import_once(folder, cache):
    from plugins.kinds.mailing_list.archive import read_archives
    from plugins.kinds.mailing_list.mailing_list import to_post
    from plugins.kinds.mailing_list.threads import build_threads

    settings = {"MAILING_LIST_SUBJECT_PREFIX": r"^\s*\[uls-sig\]\s*"}
    started = time.perf_counter()
    files, parsed = read_archives(folder, cache, settings)
    posts = [to_post(record) for _, records in files for record in records]
    threads = build_threads(posts)
    return time.perf_counter() - started, len(posts), len(threads), parsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--months", type=int, default=120)
    args = parser.parse_args()
    archive, cache = args.folder / "list", args.folder / "cache"
    count, _ = write_corpus(archive, args.messages, args.months)
    size = sum(p.stat().st_size for p in archive.iterdir())
    print(f"corpus: {count} messages in {args.months} monthly files, {size / 1e6:.1f} MB")
    for label in ("cold (no cache)", "warm (cache)"):
        seconds, posts, threads, parsed = import_once(archive, cache)
        print(
            f"{label}: {seconds:.1f} s, {posts} messages, {threads} threads, {parsed} files parsed"
        )
    last = sorted(archive.iterdir())[-1]
    last.write_text(last.read_text() + "\n", encoding="utf-8")
    seconds, _, _, parsed = import_once(archive, cache)
    print(f"one month changed: {seconds:.1f} s, {parsed} file parsed")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
