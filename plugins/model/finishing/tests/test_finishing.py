"""Finishing steps run by phase, then in the order they were added, once per build."""

import json
from pathlib import Path

from conftest import ROOT, build_ok

HELPERS = Path(__file__).parent / "test_data" / "helpers"


def test_steps_run_by_phase_whatever_the_order_they_were_added_in(tmp_path):
    log = tmp_path / "steps.log"
    build_ok(
        ROOT / "pelicanconf.py",
        tmp_path / "output",
        f"PLUGIN_PATHS={json.dumps([str(HELPERS)])}",
        'PLUGINS=["step_recorder"]',
        f'STEP_LOG="{log}"',
        content=ROOT / "content" / "pages",
    )
    assert log.read_text(encoding="utf-8").split() == [
        "write-1",
        "write-2",
        "check",
        "publish",
    ]
