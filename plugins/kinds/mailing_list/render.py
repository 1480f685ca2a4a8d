"""A message's plain text as safe HTML: paragraphs, quoted parts collapsed, signature dimmed.

The text is escaped as a whole (nothing in a message is markup); only what this module makes is:
`<p>`, `<br>`, `<details class="list-quote">` around each run of quoted lines (`> ...`), a
`<div class="list-signature">` after the `-- ` line, and links for http(s) URLs with
rel="nofollow ugc noopener". Addresses were masked when the message was read.
"""

import re
from html import escape

URL = re.compile(r"https?://[^\s<>\"'`\[\]{}|\\^]+", re.IGNORECASE)
TRAILING = ".,;:!?)'\""
SIGNATURE = re.compile(r"^--\s?$")
MAX_SIGNATURE_LINES = 12  # a longer "signature" is text after a stray "--"


def linkify(line):
    """One line of text, escaped, its http(s) URLs made links."""
    out, done = [], 0
    for found in URL.finditer(line):
        url = found.group()
        end = found.end()
        while url and url[-1] in TRAILING and not (url[-1] == ")" and "(" in url):
            url, end = url[:-1], end - 1
        if len(url) <= len("https://"):
            continue
        out += [escape(line[done : found.start()], quote=False)]
        href = escape(url, quote=True)
        out += [f'<a href="{href}" rel="nofollow ugc noopener">{escape(url, quote=False)}</a>']
        done = end
    out.append(escape(line[done:], quote=False))
    return "".join(out)


def paragraphs(lines):
    """<p> per run of non-blank lines, lines joined with <br>."""
    html, run = [], []
    for line in [*lines, ""]:
        if line.strip():
            run.append(linkify(line.rstrip()))
        elif run:
            html.append("<p>" + "<br>\n".join(run) + "</p>")
            run = []
    return html


def is_quoted(line):
    return line.lstrip().startswith(">")


def unquote(line):
    stripped = line.lstrip()[1:]
    return stripped[1:] if stripped.startswith(" ") else stripped


def split_signature(lines):
    """(body lines, signature lines): the signature is what follows the last `-- ` line."""
    for index in range(len(lines) - 1, -1, -1):
        if SIGNATURE.match(lines[index]):
            signature = lines[index + 1 :]
            if len(signature) <= MAX_SIGNATURE_LINES:
                return lines[:index], signature
            break
    return lines, []


def quote_block(lines):
    count = sum(1 for line in lines if line.strip())
    label = "1 quoted line" if count == 1 else f"{count} quoted lines"
    inner = "\n".join(paragraphs([unquote(line) for line in lines]))
    return (
        f'<details class="list-quote"><summary>{label}</summary>'
        f"<blockquote>{inner}</blockquote></details>"
    )


def body_html(text):
    """The HTML of a message body (see the module's docstring)."""
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    lines, signature = split_signature(lines)
    html, run, quoted = [], [], False
    for line in [*lines, None]:
        kind = None if line is None else (is_quoted(line) or (quoted and not line.strip()))
        if line is not None and kind == quoted:
            run.append(line)
            continue
        if run:
            html += [quote_block(run)] if quoted else paragraphs(run)
        run, quoted = ([line], kind) if line is not None else ([], False)
    if signature:
        html.append('<div class="list-signature">' + "\n".join(paragraphs(signature)) + "</div>")
    return "\n".join(html) or "<p>(This message has no text.)</p>"
