"""The `devserver` fixture: the dev server on a copy of test_data (helpers.run_devserver)."""

import pytest

from plugins.devserver.tests.helpers import run_devserver


@pytest.fixture
def devserver(tmp_path):
    with run_devserver(tmp_path) as server:
        yield server
