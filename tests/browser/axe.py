"""Running axe-core in a page under the site's real Content-Security-Policy."""

import json

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page, axe_path):
    """Inject axe-core and run it over the whole document; return its violations.

    The site's CSP forbids inline script, so axe is evaluated through the DevTools protocol
    (which CSP does not govern) instead of an injected <script> element: the page under test
    keeps its real policy.
    """
    page.evaluate(axe_path.read_text(encoding="utf-8") + "\n;true")
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    return page.evaluate(f"async () => (await axe.run(document, {json.dumps(options)})).violations")


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
