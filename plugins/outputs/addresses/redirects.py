"""Redirects: an old address keeps working after its page moved or went.

Two kinds of redirect page, both written with the theme's `redirect.html` (a meta refresh and a
link, since a static host has no server-side redirects):

- **Aliases.** A post or page that replaces an old one lists the old addresses in its header,
  `Aliases: /old/, /older.html` (or `/old/; /older.html`: error_report.header.split_list, the
  rule of every list-valued field); a redirect page to the post is written at each.
  plugins/guard/content_guard checks each alias (a root path ending in `/` or `.html`, made of
  address
  segments), and plugins/guard/output_plan refuses an alias that claims another page's address.
- **Automatic redirects** (automatic.py). A published tag, category, topic or member page that
  the build no longer writes redirects to its family's index: those pages come and go with the
  posts. "Published" is what plugins/outputs/addresses says: an address in urls.lock on main.

Both are ordinary writer calls of RedirectGenerator, so plugins/guard/output_plan plans them like
every
other file. plugins/outputs/addresses checks afterwards that no published address disappeared; a
redirect
counts as the address still being written.
"""

from pelican import signals
from pelican.generators import Generator

from plugins.model.error_report import split_list
from plugins.outputs.addresses.lockfile import lock_state, save_as_of

from .automatic import automatic_redirects


def aliases_of(content):
    """The old addresses a post or page declares in `Aliases:`, in order: split by the one
    reader of list-valued fields, the one plugins/guard/content_guard checked them with."""
    return split_list(content.metadata.get("aliases"))


alias_save_as = save_as_of  # /old/ -> old/index.html


class RedirectGenerator(Generator):
    """Writes a redirect page at every old URL a post or page declares in `Aliases:`, and at
    every published tag, category, topic or member page that is gone (to its index)."""

    def generate_context(self):
        self.lock = lock_state(self.settings.get("URL_LOCK_FILE"))

    def generate_output(self, writer):
        contents = self.context.get("articles", []) + self.context.get("pages", [])
        for content in sorted(contents, key=lambda c: c.source_path):
            for alias in aliases_of(content):
                writer.write_file(
                    alias_save_as(alias),
                    self.get_template("redirect"),
                    self.context,
                    target=content,
                    alias=alias,
                )
        if not hasattr(self, "lock"):
            self.generate_context()
        redirects = automatic_redirects(self.lock.protected, self.context, self.settings)
        for url, index in redirects:
            # The target goes in the context, not as `target=`: plugins/guard/output_plan takes a
            # `target` keyword for a content source's alias; this page belongs to the site.
            writer.write_file(
                save_as_of(url), self.get_template("redirect"), {**self.context, "target": index}
            )


def add_generator(pelican):
    return RedirectGenerator


def register():
    signals.get_generators.connect(add_generator)
