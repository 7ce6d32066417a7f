"""Fixtures of the operations tests."""

import io
import json
import logging

import pytest


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
