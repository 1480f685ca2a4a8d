"""The header of a project's file (content/projects/<slug>.md), declared once for the content
checks (plugins/model/kinds.py Field) and read here: each check returns None or (problem, fix).

    Title: Twisted
    Summary: One sentence for lists, feeds and search results.
    Date: 2026-12-07                       the day it joined the directory
    Homepage: https://twisted.org/
    Repository: https://github.com/twisted/twisted
    Licence: MIT                           an SPDX licence expression
    State: active                          active, maintained or historical
    Topics: concurrency-and-networking     the topics it serves (slugs of content/topics/)
"""

import re
from urllib.parse import urlsplit

from plugins.model.kinds import Field

STATES = {
    "active": "new releases and development",
    "maintained": "kept working; releases are rare and new features few",
    "historical": "no longer developed; kept for what it taught",
}
# An SPDX licence expression: identifiers (MIT, Apache-2.0, LGPL-3.0-or-later, LicenseRef-x)
# joined by AND, OR or WITH, with parentheses.
LICENCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]{0,63}")
LICENCE_WORDS = ("AND", "OR", "WITH")
MAX_URL = 300


def web_address(value):
    """An https (or http) address of a web page: scheme, host, nothing a page could not link."""
    fix = "write the full address, e.g. https://example.org/"
    if len(value) > MAX_URL:
        return f"the address is {len(value)} characters, more than {MAX_URL}", fix
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname or "." not in parts.hostname:
        return f"{value!r} is not a web address", fix
    if any(c.isspace() or c in "<>\"'`\\" or ord(c) < 32 for c in value):
        return f"{value!r} has a space or a character an address cannot hold", fix
    return None


def is_expression(tokens):
    """tokens (words and parentheses) make `term (AND|OR|WITH term)*`, a term an identifier
    or a parenthesised expression; consumes them."""
    while True:
        token = tokens.pop(0) if tokens else None
        if token == "(":
            if not is_expression(tokens) or (tokens.pop(0) if tokens else None) != ")":
                return False
        elif token is None or token in LICENCE_WORDS or not LICENCE_ID.fullmatch(token):
            return False
        if not tokens or tokens[0] == ")":
            return True
        if tokens.pop(0) not in LICENCE_WORDS:
            return False


def licence(value):
    """An SPDX expression such as MIT, Apache-2.0, MIT AND PSF-2.0, (MIT OR X) AND Y."""
    tokens = value.replace("(", " ( ").replace(")", " ) ").split()
    if len(tokens) > 24 or not is_expression(tokens) or tokens:
        fix = "write the SPDX identifier the project declares, e.g. MIT, Apache-2.0, BSD-3-Clause"
        return f"Licence {value!r} is not an SPDX licence expression", fix
    return None


def state(value):
    if value not in STATES:
        choices = ", ".join(f"{name} ({meaning})" for name, meaning in STATES.items())
        return f"State {value!r} is not one of the states", f"write one of: {choices}"
    return None


FIELDS = (
    Field("Homepage", required=True, check=web_address),
    Field("Repository", required=True, check=web_address),
    Field("Licence", required=True, check=licence),
    Field("State", required=True, check=state),
)
REQUIRED = ("title", "summary", "date", "homepage", "repository", "licence", "state", "topics")
UNIQUE = ("title", "homepage", "repository")  # two files of one project: the second refused
