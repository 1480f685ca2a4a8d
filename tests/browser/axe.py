"""Running axe-core in a page under the site's real Content-Security-Policy."""

import functools

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


# Jump every running animation and transition to its end: axe then sees the final colours at once,
# without the browser rendering the frames in between.
SETTLE = """() => document.getAnimations().forEach(a => {
    try { a.finish(); } catch (endless) { a.cancel(); } })"""
RUN = "async options => (await axe.run(document, options)).violations"


@functools.cache
def axe_source(axe_path):
    return axe_path.read_text(encoding="utf-8") + "\n;true"


def inject_axe(page, axe_path):
    """Evaluate axe-core in the page through the DevTools protocol, which the CSP does not govern
    (the site's CSP forbids inline script): the page under test keeps its real policy."""
    page.evaluate(axe_source(axe_path))


# Only the violations are collected in full: axe still runs every rule on every node, but lists
# one node (not thousands) for the passes, the incomplete and the inapplicable results, which
# nothing here reads. That is a third of a run's time; the violations are the same.
OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# The rules of those tags that read colours: all a colour scheme can change, since the theme's
# schemes differ in colours alone (tests/test_colour_schemes.py holds that of the built CSS).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
COLOUR_OPTIONS = {
    "runOnly": {"type": "rule", "values": COLOUR_RULES},
    "resultTypes": ["violations"],
}


def axe_violations(page, options=OPTIONS):
    """Violations of an axe run over the whole document (axe injected before)."""
    return page.evaluate(RUN, options)


def run_axe(page, axe_path):
    """Inject axe-core and run it over the whole document; return its violations."""
    inject_axe(page, axe_path)
    return axe_violations(page)


def run_axe_each(page, axe_path, widths, schemes):
    """Yield (width, scheme, violations) for every width and colour scheme of the loaded page.

    One load and one injection serve them all: the viewport and `prefers-color-scheme` are
    switched in place (the theme's only reaction to either is CSS, which the browser re-applies
    at once), and the transitions the switch starts (links fade their colour) are finished before
    each run, so that axe measures final colours, as on a page loaded with that scheme. At each
    width the first scheme gets every rule, the others the rules that read colours (COLOUR_RULES):
    the other rules would see the same page again.
    """
    inject_axe(page, axe_path)
    height = page.viewport_size["height"]
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        for scheme in schemes:
            page.emulate_media(color_scheme=scheme)
            page.evaluate(SETTLE)
            options = OPTIONS if scheme == schemes[0] else COLOUR_OPTIONS
            yield width, scheme, axe_violations(page, options)


def format_violations(violations):
    """axe violations as readable text: rule id, impact, help, and each offending node."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)
