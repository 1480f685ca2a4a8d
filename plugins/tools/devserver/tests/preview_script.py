"""Run by test_preview.py: build, edit a post's body, preview it; print what it wrote, as JSON.

python preview_script.py SETTINGS CONTENT OUTPUT POST NEW_TEXT [KEY=json-value ...]

The settings after NEW_TEXT are passed to the build with -e, as conftest.run_pelican passes them.
"""

import json
import sys
from pathlib import Path

import pelican

from plugins.tools.devserver.preview import Preview

settings, content, output, post, new_text, *extra_settings = sys.argv[1:]
state = Preview()
state.connect()
try:
    extra = ["-e", *extra_settings] if extra_settings else []
    pelican.main([content, "-o", output, "-s", settings, "--fatal", "errors", *extra])
except SystemExit as stop:
    if stop.code:
        raise
source = Path(post)
source.write_text(source.read_text(encoding="utf-8") + f"\n{new_text}\n", encoding="utf-8")
print(json.dumps(state.update([str(source)])))
