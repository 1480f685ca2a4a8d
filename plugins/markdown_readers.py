"""Put a behaviour into every Markdown reader of a build, whatever reader class it is.

plugins/render_budget (a time budget) and plugins/parallel_markdown (results from the pool) each
derive from Pelican's MarkdownReader; `readers_init` hands them the readers of the build, where an
extension may already have another plugin's subclass. `use_reader_mixin` swaps each Markdown
extension's class for one that has the mixin too, once (a class that has it is left alone)."""

import functools

from pelican.readers import MarkdownReader


@functools.cache
def with_mixin(reader_class, mixin, outer):
    """`reader_class` with `mixin`: before it in the MRO when `outer`, else right after it."""
    if reader_class is MarkdownReader:
        return mixin
    bases = (mixin, reader_class) if outer else (reader_class, mixin)
    return type(reader_class.__name__, bases, {})


def use_reader_mixin(readers, mixin, outer):
    """readers_init: every Markdown extension's reader class gets `mixin` (a MarkdownReader)."""
    for extension in MarkdownReader.file_extensions:
        reader_class = readers.reader_classes.get(extension)
        markdown = isinstance(reader_class, type) and issubclass(reader_class, MarkdownReader)
        if markdown and not issubclass(reader_class, mixin):
            readers.reader_classes[extension] = with_mixin(reader_class, mixin, outer)
