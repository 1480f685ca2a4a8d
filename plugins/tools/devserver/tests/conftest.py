"""The dev server fixtures (helpers.run_devserver): `devserver`, a server of the test's own that
it may edit, and `unedited_devserver`, one server for the run that tests only read from."""

import pytest

from plugins.tools.devserver.tests.helpers import run_devserver


@pytest.fixture
def devserver(tmp_path):
    with run_devserver(tmp_path) as server:
        yield server


@pytest.fixture(scope="session")
def unedited_devserver(tmp_path_factory):
    """The dev server after its first build, shared: a test that uses it only requests pages
    (it edits nothing, so every test sees it as it started)."""
    with run_devserver(tmp_path_factory.mktemp("devserver")) as server:
        yield server
