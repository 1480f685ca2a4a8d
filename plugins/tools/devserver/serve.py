"""`make devserver`: build the site, serve it on HOST:PORT, build again and reload on every change.

    python -m plugins.tools.devserver.serve --settings pelicanconf.py --host 127.0.0.1 --port 8000
    content

Builds are those of `make html` (the settings, `--fatal errors`, every plugin) plus Pelican's
content cache in --cache-path, FEED_DOMAIN set to the address served (feeds, their stylesheet
and the sitemap point at this server, whatever the port) and drafts rendered at their URLs
(builder.py). Settings overrides go in `-e KEY=JSON ...` as for pelican, and win; any other
option is passed on to pelican. See devserver.py for how it works.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from plugins.tools.devserver.devserver import main, server_url

REPO = Path(__file__).resolve().parents[3]


def parse_arguments(argv=None):
    """(serve.py's arguments, the pelican command line of every build)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", help="the content folder (default: PATH)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default="output")
    parser.add_argument("-b", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument("--cache-path", default=str(REPO / ".pelican-cache"))
    parser.add_argument(
        "-e", "--extra-settings", action="extend", nargs="+", default=[], metavar="KEY=JSON"
    )
    args, other_options = parser.parse_known_args(argv)
    settings = {
        "CACHE_PATH": os.path.abspath(args.cache_path),
        "FEED_DOMAIN": server_url(args.host, args.port),
    }
    overrides = [f"{key}={json.dumps(value)}" for key, value in settings.items()]
    pelican_args = [args.content] if args.content else []
    pelican_args += ["-o", os.path.abspath(args.output), "-s", args.settings, "--fatal", "errors"]
    pelican_args += [*other_options, "-e", *overrides, *args.extra_settings]
    return args, pelican_args


if __name__ == "__main__":
    sys.exit(main(*parse_arguments()))
