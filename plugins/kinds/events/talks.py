"""Event-Talks: the agenda of a meeting, one talk a line (continuation lines indented by four
spaces), fields separated by `|`:

    Event-Talks: What a million sockets taught us | jim-baker, Ada Example | slides: https://...
        Queues at scale | steve-holden | video: https://... | slides: https://...

First the title, then the speakers (member ids from members.toml, or names, comma separated;
split by error_report.split_list, the rule of Authors: `Doe, Jane; Doe, John` is two names), then
any number of `label: https://...` links. A speaker written like an id (lower case,
digits and `-`, no space) must be a member: that is how a typo is caught.
"""

import re

from plugins.model.error_report import split_list

from .model import Speaker, Talk

TALK_FIX = (
    "write one talk a line as 'Title | speaker-id, Other Name | slides: https://...', "
    "more talks on lines indented by four spaces"
)
MEMBER_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
LINK = re.compile(r"^(?P<label>[^:|]{1,40}):\s*(?P<href>https?://\S+)$")
MAX_TALKS = 30


def talk_lines(value):
    """The talks of the metadata value: Pelican gives a list for continuation lines."""
    lines = value if isinstance(value, list | tuple) else [value]
    return [str(line).strip() for line in lines if str(line).strip()]


def parse_talks(value, fail):
    """[(title, [speaker words], [(label, href)])]; `fail(index, problem, fix)` raises the
    error for the talk on line `index` (0: the Event-Talks line)."""
    talks = []
    lines = talk_lines(value)
    if len(lines) > MAX_TALKS:
        fail(MAX_TALKS, f"more than {MAX_TALKS} talks", "a meeting lists a few talks")
    for index, line in enumerate(lines):
        fields = [part.strip() for part in line.split("|")]
        title = fields[0]
        if not title:
            fail(index, f"talk {line!r} has no title", TALK_FIX)
        speakers = split_list(fields[1] if len(fields) > 1 else "")
        if not speakers:
            fail(index, f"talk {title!r} names no speaker", TALK_FIX)
        links = []
        for field in fields[2:]:
            link = LINK.match(field)
            if not link:
                problem = f"{field!r} in talk {title!r} is not a link like 'slides: https://...'"
                fail(index, problem, TALK_FIX)
            links.append((link["label"].strip(), link["href"]))
        talks.append((title, speakers, links))
    return talks


def resolve_speakers(words, members, fail):
    """Speakers of a talk: a member id becomes the member (name and page), a name stays."""
    speakers = []
    for word in words:
        if MEMBER_ID.match(word):
            member = members.get(word)
            if member is None:
                known = ", ".join(sorted(members)) or "none"
                fail(f"unknown member id {word!r} as a speaker", f"known ids: {known}")
            speakers.append(Speaker(member.name, member.url, word))
        else:
            speakers.append(Speaker(word))
    return tuple(speakers)


def make_talks(parsed, members, article, fail_at):
    """Talk objects of one event; `fail_at(index)` gives the `fail(problem, fix)` of a line."""
    return tuple(
        Talk(title, resolve_speakers(words, members, fail_at(index)), tuple(links), article)
        for index, (title, words, links) in enumerate(parsed)
    )
