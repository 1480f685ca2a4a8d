"""A tiny site for the dev server: the repository's settings, with the plugins that print content
errors (error_report, content_guard) and keep a failed build away from the output (atomic_output),
and a probe plugin (helpers/devserver_probe) that crashes on request and catches state leaking from
one build to the next. The tests copy all of it into a temporary folder."""

from pathlib import Path

from plugins.model.testing import real_site_settings

HERE = Path(__file__).resolve().parent
globals().update(real_site_settings())  # the real site's settings, then ours

PATH = str(HERE / "content")
PLUGIN_PATHS = [str(HERE / "helpers")]  # the test's own plugins; the site's are the package
PLUGINS = [
    "plugins.outputs.template_cache",
    "devserver_probe",
    "plugins.model.error_report",
    "plugins.guard.content_guard",
    "plugins.guard.sanitize",
    "plugins.guard.atomic_output",
]
# Only the templates this tiny site needs, so the tests do not depend on other plugins.
DIRECT_TEMPLATES = ["index", "archives", "404"]
SITEURL = ""
