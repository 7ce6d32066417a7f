"""A report runs in a transaction of its own on PostgreSQL: a longer statement limit, more
memory per sort (so a year of lead times does not spill to disk) and no JIT compilation; the
settings end with it and never reach the next request on the same connection."""

import pytest
from django.db import connection

from sus.db import statement_timeout

pytestmark = pytest.mark.django_db(transaction=True)


def settings_now() -> dict:
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('statement_timeout'), current_setting('work_mem'), "
            "current_setting('jit')"
        )
        timeout, work_mem, jit = cursor.fetchone()
    return {"statement_timeout": timeout, "work_mem": work_mem, "jit": jit}


def test_a_report_transaction_sets_its_limits_and_they_end_with_it():
    before = settings_now()
    seen = {}

    @statement_timeout(12, work_mem="48MB")
    def report_view():
        seen.update(settings_now())
        return "report"

    assert report_view() == "report"
    if connection.vendor == "postgresql":
        assert seen == {"statement_timeout": "12s", "work_mem": "48MB", "jit": "off"}
        assert settings_now() == before
        assert before["work_mem"] != "48MB"
    else:
        assert seen == {}  # SQLite has none of these; the view simply runs
