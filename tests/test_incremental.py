"""An incremental build writes exactly what a clean build writes, after any sequence of edits.

The golden site (tests/golden) with three more posts is copied, theme included, then edited at
random, a few edits a step: a body, a title, a date, tags, topics, authors; a post added,
deleted, renamed, drafted or published again; a topic page, members.toml, the meeting, a
template, a setting that changes what Markdown writes; or, every other step, one or two bodies
alone. After each step the site is built the incremental way (the same output folder and
CACHE_PATH as every step before: plugins/model/read_cache, the output memo, the compiled
templates, the social cards, atomic_output's unchanged files) and the clean way (an empty
output folder and cache, READ_CACHE off), and every file is compared.

The default suite runs 3 steps from one seed; `INCREMENTAL_STEPS=1000 INCREMENTAL_SEED=26
pytest -m speed tests/test_incremental.py` runs a long sequence from another. A deliberately
broken dependency (the cache key blind to the settings) must make it fail.
"""

import os
import random
import re
import shutil

import pytest

from conftest import ROOT, build_ok, snapshot
from plugins.guard.output_plan import memo
from plugins.model.read_cache import read_cache

GOLDEN = ROOT / "tests" / "golden"
STEPS = int(os.environ.get("INCREMENTAL_STEPS", "3"))
SEED = int(os.environ.get("INCREMENTAL_SEED", "2009"))
EDITS_PER_STEP = 3
MEMBERS = ("ada-lovelace", "grace-hopper")
TOPICS = ("networking", "scale")
TAGS = ("testing", "python", "scale-out", "asyncio", "mesh")
# Posts the golden posts link to, and so never deleted, renamed or drafted (the build would stop).
LINKED = ("first-post.md", "second-post.md")


class Site:
    """A copy of the golden site and its theme, edited at random."""

    def __init__(self, folder, rng):
        self.folder, self.rng, self.counter = folder, rng, 0
        shutil.copytree(GOLDEN / "content", folder / "content")
        shutil.copytree(ROOT / "theme", folder / "theme")
        settings = (GOLDEN / "pelicanconf.py").read_text(encoding="utf-8")
        settings = settings.replace("Path(__file__).resolve().parent", f"Path({str(GOLDEN)!r})")
        settings += f"PATH = {str(folder / 'content')!r}\nTHEME = {str(folder / 'theme')!r}\n"
        self.settings = folder / "pelicanconf.py"
        self.settings.write_text(settings, encoding="utf-8")
        for _ in range(3):
            self.add_post()

    @property
    def posts(self):
        return sorted((self.folder / "content" / "posts").rglob("*.md"))

    def fresh(self, what):
        self.counter += 1
        return f"{what} {self.counter}"

    def add_post(self):
        name = self.fresh("post").replace(" ", "-")
        day = self.rng.randrange(1, 28)
        text = (
            f"Title: {self.fresh('A generated post')}\nDate: 2024-0{self.rng.randrange(1, 9)}-"
            f"{day:02d} 10:00\nAuthors: {self.rng.choice(MEMBERS)}\nTopics: "
            f"{self.rng.choice(TOPICS)}\nTags: {self.rng.choice(TAGS)}\nCategory: Essays\n"
            f"Summary: A post made by the incremental test.\n\n## A heading\n\nSome `code` and "
            f"*emphasis*.\n\n```python\nprint({day})\n```\n"
        )
        (self.folder / "content" / "posts" / "2025" / f"{name}.md").write_text(text, "utf-8")

    def header(self, path, key, value):
        """Set (or with value None, remove) a header field of a post."""
        text = path.read_text(encoding="utf-8")
        head, body = text.split("\n\n", 1)
        lines = [line for line in head.split("\n") if not line.startswith(f"{key}:")]
        if value is not None:
            lines.insert(2, f"{key}: {value}")
        path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")

    def unlinked(self):
        return [path for path in self.posts if path.name not in LINKED]

    # --- The edits: each one change a member could make in a pull request ---

    def edit_body(self):
        post = self.rng.choice(self.posts)
        post.write_text(post.read_text("utf-8") + f"\n{self.fresh('One more paragraph')}.\n")

    def edit_title(self):
        self.header(self.rng.choice(self.posts), "Title", self.fresh("A new title"))

    def edit_date(self):
        date = f"2024-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d} 09:30"
        self.header(self.rng.choice(self.posts), "Date", date)

    def edit_tags(self):
        tags = ", ".join(self.rng.sample(TAGS, self.rng.randrange(1, 4)))
        self.header(self.rng.choice(self.posts), "Tags", tags)

    def edit_topics(self):
        topics = ", ".join(self.rng.sample(TOPICS, self.rng.randrange(1, 3)))
        self.header(self.rng.choice(self.posts), "Topics", topics)

    def edit_authors(self):
        authors = ", ".join(self.rng.sample(MEMBERS, self.rng.randrange(1, 3)))
        self.header(self.rng.choice(self.posts), "Authors", authors)

    def delete_post(self):
        if len(self.unlinked()) > 1:
            self.rng.choice(self.unlinked()).unlink()

    def rename_post(self):
        if self.unlinked():
            post = self.rng.choice(self.unlinked())
            post.rename(post.with_name(self.fresh("renamed").replace(" ", "-") + ".md"))

    def draft_or_publish(self):
        if self.unlinked():
            post = self.rng.choice(self.unlinked())
            drafted = "\nStatus: draft\n" in post.read_text("utf-8").split("\n\n")[0] + "\n"
            self.header(post, "Status", None if drafted else "draft")

    def edit_topic(self):
        topic = self.folder / "content" / "topics" / f"{self.rng.choice(TOPICS)}.md"
        topic.write_text(topic.read_text("utf-8") + f"\n{self.fresh('More on the topic')}.\n")

    def edit_member(self):
        members = self.folder / "content" / "members.toml"
        text = members.read_text("utf-8")
        name = self.fresh("Grace Brewster Hopper")
        members.write_text(re.sub(r'name = "Grace[^"]*"', f'name = "{name}"', text), "utf-8")

    def edit_meeting(self):
        meeting = self.folder / "content" / "events" / "spring-meeting.md"
        self.header(meeting, "Title", self.fresh("The spring meeting"))
        text = meeting.read_text("utf-8")
        hour = self.rng.randrange(9, 16)
        text = re.sub(r"Event-Start: 2025-05-20 \d\d", f"Event-Start: 2025-05-20 {hour:02d}", text)
        text = re.sub(r"Event-End: 2025-05-20 \d\d", f"Event-End: 2025-05-20 {hour + 1:02d}", text)
        meeting.write_text(text, "utf-8")

    def edit_template(self):
        footer = self.folder / "theme" / "templates" / "partials" / "site_footer.html"
        footer.write_text(footer.read_text("utf-8") + f"<!-- {self.fresh('step')} -->\n")

    def edit_setting(self):
        """A setting that changes what Markdown writes: the heading anchors' title."""
        title = self.fresh("Link to this section")
        with self.settings.open("a", encoding="utf-8") as file:
            toc = {"permalink": True, "permalink_title": title}
            file.write(
                'MARKDOWN = {**MARKDOWN, "extension_configs": {**MARKDOWN["extension_configs"], '
                f'"markdown.extensions.toc": {toc!r}}}}}\n'
            )

    EDITS = (
        *("edit_body", "edit_title", "edit_date", "edit_tags", "edit_topics", "edit_authors"),
        *("add_post", "delete_post", "rename_post", "draft_or_publish", "edit_topic"),
        *("edit_member", "edit_meeting", "edit_template", "edit_setting"),
    )

    def step(self):
        """A third of the steps edit bodies alone (one or two posts), a third make one edit of any
        kind, a third three: the output memo (plugins/guard/output_plan/memo.py) renders only
        the writer calls that read what changed, so single edits are where it is asked most."""
        draw = self.rng.random()
        if draw < 1 / 3:
            edits = ["edit_body"] * self.rng.randrange(1, 3)
        else:
            edits = self.rng.sample(self.EDITS, 1 if draw < 2 / 3 else EDITS_PER_STEP)
        for edit in edits:
            getattr(self, edit)()
        return edits


def build(site, output, cache, *extra):
    build_ok(site.settings, output, f'CACHE_PATH="{cache}"', *extra)
    return snapshot(output)


def clean_build(site, work):
    """A build from nothing: an empty output folder and cache, no read cache."""
    shutil.rmtree(work / "clean", ignore_errors=True)
    return build(site, work / "clean" / "output", work / "clean" / "cache", "READ_CACHE=false")


def first_difference(steps, incremental, clean):
    differ = sorted(name for name in incremental.keys() | clean.keys()
                    if incremental.get(name) != clean.get(name))  # fmt: skip
    return f"after the edits {steps}: {len(differ)} files differ, e.g. {differ[:5]}"


def run_steps(tmp_path, seed, steps, edits=None, reused=None):
    """Build, then apply `steps` steps of random edits (or the given lists of edits), comparing
    the incremental build with a clean one after each; None, or where they first differ.
    `reused`: a list given gets, for each step, whether the memo reused any writer call."""
    rng = random.Random(seed)
    site = Site(tmp_path / "site", rng)
    output, cache = tmp_path / "incremental" / "output", tmp_path / "incremental" / "cache"
    build(site, output, cache)
    done = []
    for number in range(steps):
        if edits:
            for edit in edits[number]:
                getattr(site, edit)()
            done.append(edits[number])
        else:
            done.append(site.step())
        incremental, clean = build(site, output, cache), clean_build(site, tmp_path)
        if reused is not None:
            reused.append(memo.last_record({"CACHE_PATH": str(cache)}, output)["reused"] > 0)
        if incremental != clean:
            return first_difference(done, incremental, clean)
    return None


@pytest.mark.speed
def test_incremental_builds_equal_clean_builds_after_random_edits(tmp_path):
    reused = []
    assert run_steps(tmp_path, seed=SEED, steps=STEPS, reused=reused) is None
    print(f"\n{len(reused)} steps, {sum(reused)} of them answered partly by the output memo")


def test_a_cache_key_blind_to_the_settings_is_caught(tmp_path, monkeypatch):
    """The deliberately broken dependency: with a key that ignores the settings, a setting that
    changes the Markdown output is served stale pages, and the comparison says so."""
    monkeypatch.setattr(read_cache, "cache_key", lambda settings, code=None: "blind")
    found = run_steps(tmp_path, seed=1, steps=1, edits=[["edit_setting"]])
    assert found is not None and "files differ" in found, found
