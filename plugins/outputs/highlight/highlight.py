"""Syntax highlighting colours: one Pygments style for the light scheme, one for the dark.

Python-Markdown's codehilite already wraps every token of a fenced block in a span with a
Pygments class (`<span class="k">def</span>`); this plugin writes the stylesheet that colours
them. The CSP allows no inline style, so the colours live in a file, and the file's name carries
the hash of its bytes (`theme/pygments-<sha256[:12]>.css`) so it can be cached for good like the
theme's own assets. The name is known when Pelican starts (`PYGMENTS_CSS`, for base.html); the
file is written by a generator through `writer.write_own_file`, so plugins/guard/output_plan plans
it
as one of the theme's assets and the build stays byte-identical from one run to the next.

Code keeps the theme's background (`pre` is `--surface` in site.css) and plain code text keeps
`--fg`; only the tokens get colours. Every token colour of both styles meets WCAG AA (4.5:1)
against that background and against the background of highlighted lines (`hl_lines`), as
tests/test_highlight.py computes: Pygments' xcode (light, lowest 4.61:1) and monokai (dark,
lowest 4.61:1) pass as they are; their own page backgrounds are not used. Another style is
one setting away (HIGHLIGHT_LIGHT_STYLE, HIGHLIGHT_DARK_STYLE), and the test says if it fails.
"""

import hashlib

from pelican import signals
from pelican.generators import Generator
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES

import plugins.guard.output_plan as output_plan
from plugins.model.defaults import apply_defaults

SCOPE = ".highlight"  # codehilite's css_class in pelicanconf.py
DEFAULTS = {
    "HIGHLIGHT_LIGHT_STYLE": "xcode",
    "HIGHLIGHT_DARK_STYLE": "monokai",
    # Background of a highlighted line (hl_lines="2 3"); tokens meet AA on it too.
    "HIGHLIGHT_LIGHT_LINE": "#fff5c2",
    "HIGHLIGHT_DARK_LINE": "#0f1216",
}
# Declarations of a token, and the value that undoes each one (the dark block overrides the
# light one, so a property only the light style sets is reset there).
PLAIN = {
    "color": "inherit",
    "background-color": "transparent",
    "font-weight": "normal",
    "font-style": "normal",
    "text-decoration": "none",
}


def token_declarations(style):
    """{css class: {property: value}} of every standard token type the style gives a look."""
    rules = {}
    for token, css_class in STANDARD_TYPES.items():
        if not css_class:
            continue  # plain text keeps the theme's --fg
        look = style.style_for_token(token)
        declarations = {}
        if look["color"]:
            declarations["color"] = f"#{look['color'].lower()}"
        if look["bgcolor"]:
            declarations["background-color"] = f"#{look['bgcolor'].lower()}"
        if look["bold"]:
            declarations["font-weight"] = "bold"
        if look["italic"]:
            declarations["font-style"] = "italic"
        if look["underline"]:
            declarations["text-decoration"] = "underline"
        if declarations:
            rules[css_class] = declarations
    return rules


def rule(selector, declarations):
    body = "; ".join(f"{name}: {value}" for name, value in declarations.items())
    return f"{selector} {{ {body} }}"


def dark_overrides(light, dark):
    """The dark declarations that differ from the light ones, with resets where dark has none."""
    overrides = {}
    for css_class in sorted(set(light) | set(dark)):
        before, after = light.get(css_class, {}), dark.get(css_class, {})
        changed = {name: value for name, value in after.items() if before.get(name) != value}
        changed |= {name: PLAIN[name] for name in before if name not in after}
        if changed:
            overrides[css_class] = dict(sorted(changed.items()))
    return overrides


def stylesheet(settings):
    """The CSS text: the light style's token rules, then the dark one's in a media query."""
    light_name, dark_name = settings["HIGHLIGHT_LIGHT_STYLE"], settings["HIGHLIGHT_DARK_STYLE"]
    light = token_declarations(get_style_by_name(light_name))
    dark = token_declarations(get_style_by_name(dark_name))
    lines = [
        "/* Syntax highlighting, written by plugins/outputs/highlight: "
        f"Pygments' {light_name} (light) "
        f"and {dark_name} (dark) token colours on the theme's code background. */",
        rule(f"{SCOPE} .hll", {"background-color": settings["HIGHLIGHT_LIGHT_LINE"]}),
        *(rule(f"{SCOPE} .{name}", light[name]) for name in sorted(light)),
        "@media (prefers-color-scheme: dark) {",
        "  " + rule(f"{SCOPE} .hll", {"background-color": settings["HIGHLIGHT_DARK_LINE"]}),
        *(
            "  " + rule(f"{SCOPE} .{name}", declarations)
            for name, declarations in dark_overrides(light, dark).items()
        ),
        "}",
    ]
    return "\n".join(lines) + "\n"


def css_path(settings, text):
    """theme/pygments-<hash>.css: the name changes whenever the bytes do."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{settings.get('THEME_STATIC_DIR', 'theme')}/pygments-{digest}.css"


def set_stylesheet(pelican):
    """initialized: the styles' defaults, and PYGMENTS_CSS (the file's path) for the templates."""
    apply_defaults(pelican.settings, DEFAULTS)  # before reading them, in this same receiver
    pelican.settings["PYGMENTS_CSS"] = css_path(pelican.settings, stylesheet(pelican.settings))


class HighlightGenerator(Generator):
    """Writes the stylesheet (once, by the build process; output_plan records the write)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        text = stylesheet(self.settings)
        path = css_path(self.settings, text)
        folder = self.settings.get("THEME_STATIC_DIR", "theme")
        # Claimed as one of the theme's assets: the plan reserves theme/ for them.
        what = f"theme assets ({folder}/)"
        writer.write_own_file(path, lambda: text.encode("utf-8"), what, made_from=text)


def add_generator(pelican):
    return HighlightGenerator


def register():
    output_plan.register()  # the stylesheet is written with writer.write_own_file
    signals.initialized.connect(set_stylesheet)
    signals.get_generators.connect(add_generator)
