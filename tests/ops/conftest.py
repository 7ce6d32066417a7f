"""Fixtures of the operations tests."""

import io
import json
import logging

import pytest

from tests.conftest import load_migration_data


@pytest.fixture
def json_log():
    """The JSON lines the app's configured log handler ("console", to standard error) writes
    while the test runs, captured with that handler's own formatter and filters.
    Call it for the parsed lines; `json_log.text()` gives the raw text."""
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    capture = logging.StreamHandler(stream)
    capture.setFormatter(console.formatter)
    for log_filter in console.filters:
        capture.addFilter(log_filter)
    root = logging.getLogger()
    root.addHandler(capture)

    class Lines:
        def __call__(self) -> list[dict]:
            return [json.loads(line) for line in self.text().splitlines()]

        def text(self) -> str:
            return stream.getvalue()

        def requests(self) -> list[dict]:
            return [line for line in self() if line["logger"] == "sus.request"]

    try:
        yield Lines()
    finally:
        root.removeHandler(capture)


@pytest.fixture
def reference_data(transactional_db, migration_data_restored):
    """A transactional test ends by emptying every table, the migrations' data included: put
    it back before each test (and, by `migration_data_restored`, after the module)."""
    load_migration_data()
