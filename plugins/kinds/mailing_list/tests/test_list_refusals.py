"""Archive files the list cannot read, and list addresses that are not addresses, stop the build
with the file and line to fix (the hostile cases, messages as an attacker writes them, are in
test_hostile.py)."""

import pytest

from plugins.kinds.mailing_list.tests.helpers import build, fixture_content, refused


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("notes.zip", b"PK\x03\x04", "notes.zip:1: not a list archive"),
        ("2010-May.txt", b"Hello, this is not mbox\n", "2010-May.txt:1: not an mbox archive"),
        (
            "2010-June.txt.gz",
            b"\x1f\x8bnot gzip",
            "2010-June.txt.gz:1: the file does not decompress",
        ),
    ],
)
def test_bad_archive_files_stop_the_build_with_path_and_line(tmp_path, name, data, expected):
    content = fixture_content(tmp_path)
    (content / "list" / name).write_bytes(data)
    refused(build(tmp_path, content, output="out"), expected)


def test_a_bad_list_address_in_members_toml_is_refused(tmp_path):
    content = fixture_content(tmp_path)
    members = content / "members.toml"
    members.write_text(members.read_text().replace('["ada@example.org"]', '["not an address"]'))
    refused(
        build(tmp_path, content, output="out"),
        "members.toml:7: list_addresses of member 'ada-lovelace'",
    )
