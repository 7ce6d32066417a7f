"""A pytest plugin for the whole suite (pyproject: addopts -p sus.pytest_plugin), here so that
it is importable before pytest has read the test folders.

- The scan of every log record of the run for personnummer: at the end, a personnummer in any
  record's message or structured fields fails the run, with the records named.
- Between transactional tests pytest-django empties the test database; on SQLite that is a
  DELETE, which the append-only triggers refuse, so the teardown runs on the retention path.
  Tests themselves run with the triggers in force.
"""

import logging
import re

import pytest
from stdnum.se import personnummer

CANDIDATE = re.compile(r"(?<!\d)(?:19|20)?\d{6}[-+]?\d{4}(?!\d)")
OWN_FIELDS = set(vars(logging.makeLogRecord({})))


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


def pytest_configure(config):
    logging.getLogger().addHandler(SCAN)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    from audit.append_only import log_rewrite_allowed

    with log_rewrite_allowed():
        return (yield)


def pytest_sessionfinish(session, exitstatus):
    logging.getLogger().removeHandler(SCAN)
    if SCAN.hits:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = "\n".join(f"  {hit}" for hit in SCAN.hits[:20])
        if reporter:
            reporter.write_line(f"Personnummer in {len(SCAN.hits)} log record(s):\n{lines}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
