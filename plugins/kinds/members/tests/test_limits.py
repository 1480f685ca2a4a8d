"""members.toml as an attacker sends it: every limit refused with `members.toml:line`, never a
traceback, and the work done over the file counted rather than timed."""

import shutil
from pathlib import Path

import pytest

import plugins.kinds.members.fields as fields
from conftest import run_pelican
from plugins.kinds.members import limits
from plugins.kinds.members.fields import MemberError, control_character_problems
from plugins.kinds.members.members import parse_members_file
from plugins.model.hubs.hubs import posts_by_hub

TEST_DATA = Path(__file__).parent / "test_data"
HEADER = "# members\n"


def member(member_id, **extra):
    lines = [f"[{member_id}]", f'name = "Name of {member_id}"', 'role = "member"']
    lines += [f"{key} = {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def refused(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "members.toml"
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    with pytest.raises(MemberError) as error:
        parse_members_file(path)
    return str(error.value).replace(str(path), "members.toml")


def test_a_file_far_over_the_byte_limit_is_refused_before_it_is_read(tmp_path):
    text = HEADER + "".join(member(f"m{n}") for n in range(30_000))  # about 1.4 MB
    message = refused(tmp_path, text)
    assert message.startswith("members.toml:1: the members file is ")
    assert f"over the limit of {limits.MAX_BYTES:,}" in message


def test_one_member_over_the_limit_is_refused_at_its_table(tmp_path):
    text = HEADER + "".join(member(f"m{n}") for n in range(limits.MAX_MEMBERS + 1))
    line = 2 + 3 * limits.MAX_MEMBERS  # each table is 3 lines
    message = refused(tmp_path, text)
    assert message.startswith(f"members.toml:{line}: member 'm{limits.MAX_MEMBERS}' is one more")
    path = tmp_path / "members.toml"
    path.write_text(HEADER + "".join(member(f"m{n}") for n in range(limits.MAX_MEMBERS)))
    data, _ = parse_members_file(path)
    assert len(data) == limits.MAX_MEMBERS


@pytest.mark.parametrize(
    "extra, line, problem",
    [
        ({"bio": '"' + "b" * 2_001 + '"'}, 8, "bio of member 'zed' is 2,001 characters"),
        ({"bio": '"""\n' + "word " * 1_000 + '"""'}, 8, "bio of member 'zed' is 5,000"),
        ({"affiliation": '"' + "a" * 151 + '"'}, 8, "affiliation of member 'zed' is 151"),
        ({"url": '"https://e.org/' + "p" * 300 + '"'}, 8, "url of member 'zed' is 314"),
        ({"list_addresses": '["a@e.org"]', "mastodon": '"' + "m" * 301 + '"'}, 9, "mastodon"),
    ],
)
def test_a_text_field_over_its_limit_is_refused_at_its_line(tmp_path, extra, line, problem):
    message = refused(tmp_path, HEADER + member("amy") + member("zed", **extra))
    assert message.startswith(f"members.toml:{line}: {problem}"), message
    assert "(shorten it)" in message


def test_a_name_over_its_limit_is_refused(tmp_path):
    text = HEADER + f'[zed]\nrole = "member"\nname = "{"n" * 101}"\n'
    assert refused(tmp_path, text).startswith("members.toml:4: name of member 'zed' is 101")


def test_a_long_member_id_is_refused_at_its_table(tmp_path):
    message = refused(tmp_path, HEADER + member("amy") + member("x" * 65))
    assert message.startswith("members.toml:5: the member id 'xxxx")
    assert "65 characters, over the limit of 64" in message


@pytest.mark.parametrize(
    "addresses, problem",
    [
        ("[" + ", ".join(f'"a{n}@e.org"' for n in range(11)) + "]", "has 11 addresses"),
        ('["' + "a" * 300 + '@e.org"]', "has an address of 306 characters"),
        ('"' + "a" * 300 + '@e.org"', "has an address of 306 characters"),  # one, not a list
    ],
)
def test_list_addresses_are_bounded(tmp_path, addresses, problem):
    message = refused(tmp_path, HEADER + member("zed", list_addresses=addresses))
    assert message.startswith(f"members.toml:5: list_addresses of member 'zed' {problem}")


@pytest.mark.parametrize("opening", ["[", "{ a = ", "[{ a = "])
def test_values_nested_too_deep_are_refused_without_a_recursion_error(tmp_path, opening):
    closing = {"[": "]", "{ a = ": "}", "[{ a = ": "}]"}[opening]
    nested = opening * 3_000 + "1" + closing * 3_000
    message = refused(tmp_path, HEADER + member("zed") + f"deep = {nested}\n")
    assert message.startswith("members.toml:5: values are nested too deep")


def test_bytes_that_are_not_utf8_are_refused_at_their_line(tmp_path):
    text = (HEADER + member("zed")).encode() + b'bio = "caf\xe9"\n'
    assert refused(tmp_path, text).startswith("members.toml:5: bytes that are not UTF-8")


def test_control_characters_cost_a_bounded_number_of_scans(monkeypatch):
    """Each problem's line is a scan of the file; a file full of problems (here keys that no
    scan finds, the worst case) is reported up to MAX_REPORTED of them, not one scan each."""
    count = 2_000
    text = "".join(f'[m{n}]\n"odd\\u001bkey{n}" = "x"\n' for n in range(count))
    import tomllib

    scans = []
    real_key_line = fields.key_line
    monkeypatch.setattr(fields, "key_line", lambda *a: scans.append(a) or real_key_line(*a))
    problems = control_character_problems(tomllib.loads(text), text, "m.toml")
    assert len(problems) == fields.MAX_REPORTED
    assert len(scans) <= fields.MAX_REPORTED
    assert problems[0].startswith("m.toml:1: ['odd\\x1bkey0'] of member 'm0' contains")


class Counted:
    """A hub that counts the comparisons and hashes done with it."""

    work = 0

    def __hash__(self):
        Counted.work += 1
        return id(self)

    def __eq__(self, other):
        Counted.work += 1
        return self is other


class Post:
    def __init__(self, day, hubs):
        self.date, self.members = day, hubs


def test_posts_by_hub_does_work_in_proportion_to_posts_and_hubs_not_their_product():
    hubs = [Counted() for _ in range(2_000)]
    posts = [Post(n, [hubs[n % 2_000], hubs[(n * 7) % 2_000]]) for n in range(2_000)]
    Counted.work = 0
    found = posts_by_hub(hubs, posts, "members")
    assert Counted.work <= 4 * (len(hubs) + 2 * len(posts))  # hubs x posts would be 4,000,000
    assert found[hubs[7]] == [posts[7], posts[1]]  # newest first
    assert found[hubs[0]] == [posts[0]]  # named twice, listed once


def test_a_build_with_members_over_the_limit_stops_with_the_line_and_no_traceback(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "content", content)
    members = content / "members.toml"
    extra = "".join(member(f"m{n}") for n in range(limits.MAX_MEMBERS))
    members.write_text(members.read_text(encoding="utf-8") + extra, encoding="utf-8")
    settings = TEST_DATA / "pelicanconf.py"
    result = run_pelican(settings, tmp_path / "output", content=content, cwd=TEST_DATA)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"{members}:" in output and f"limit of {limits.MAX_MEMBERS} members" in output
