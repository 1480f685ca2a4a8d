"""axe-core finds no WCAG 2.2 AA or best-practice violation on any kind of page."""

import json

import pytest

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page, axe_path):
    """Inject axe-core and run it over the whole document; return its violations."""
    page.add_script_tag(path=str(axe_path))
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280], ids=lambda width: f"{width}px")
def test_no_axe_violations(open_named, page_paths, axe_path, page_name, width, scheme):
    page = open_named(page_name, width=width, color_scheme=scheme).page
    violations = run_axe(page, axe_path)
    assert not violations, (
        f"axe found {len(violations)} violation(s) on {page_paths[page_name]} at {width}px, "
        f"{scheme} scheme:\n{format_violations(violations)}"
    )
