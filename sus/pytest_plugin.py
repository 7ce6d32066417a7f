"""A pytest plugin for the whole suite (pyproject: addopts -p sus.pytest_plugin), here so that
it is importable before pytest has read the test folders.

- The scan of every log record of the run for personnummer: a personnummer in any record's
  message or structured fields fails the test during which it was logged, naming the records.
- Between transactional tests pytest-django empties the test database; on SQLite that is a
  DELETE, which the append-only triggers refuse, so the teardown runs on the retention path.
  Tests themselves run with the triggers in force.
"""

import logging
import re

import pytest
from stdnum.se import personnummer

CANDIDATE = re.compile(r"(?<!\d)(?:19|20)?\d{6}[-+]?\d{4}(?!\d)")
OWN_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def personnummer_in(text: str) -> list[str]:
    return [match for match in CANDIDATE.findall(text) if personnummer.is_valid(match)]


class PersonnummerScanHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.hits: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            text = str(record.msg)
        extra = {k: v for k, v in vars(record).items() if k not in OWN_FIELDS}
        found = personnummer_in(f"{text} {extra}")
        if found:
            self.hits.append(f"{record.name}: {text[:120]!r} ({', '.join(found)})")


SCAN = PersonnummerScanHandler()
HITS_BEFORE = pytest.StashKey[int]()


def pytest_configure(config):
    logging.getLogger().addHandler(SCAN)


def pytest_unconfigure(config):
    logging.getLogger().removeHandler(SCAN)


def pytest_runtest_setup(item):
    item.stash[HITS_BEFORE] = len(SCAN.hits)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    from audit.append_only import sqlite_log_rewrite_allowed

    with sqlite_log_rewrite_allowed():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A test during which a log record carried a personnummer fails (at its teardown, so the
    test's own outcome stays visible), naming the records; also under pytest-xdist."""
    report = yield
    if call.when == "teardown" and report.passed:
        hits = SCAN.hits[item.stash.get(HITS_BEFORE, len(SCAN.hits)) :]
        if hits:
            report.outcome = "failed"
            report.longrepr = "Personnummer in log records:\n" + "\n".join(hits[:20])
    return report
