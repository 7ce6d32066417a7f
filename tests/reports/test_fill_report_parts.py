"""`manage.py fill_report_parts` computes the stored parts ahead, so that the first report
after a deploy or a night reads them instead of its rows."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports.models import ReportChange, ReportPart
from reports.queries import PARTICIPANT_REPORTS, ReportType

pytestmark = pytest.mark.django_db


def test_fills_every_stored_part_of_the_history_and_the_reports_then_read_them(history):
    # the history is written in the transaction around this module's tests: on PostgreSQL
    # its change records would make every part computed inside it stale at once
    ReportChange.objects.all().delete()
    out = io.StringIO()
    call_command("fill_report_parts", stdout=out)
    assert "Rapportdelar sparade från 2025-" in out.getvalue()
    names = set()
    for report in (
        ReportType.OUTCOME,
        ReportType.BACKGROUND,
        ReportType.LEAD_TIMES,
        ReportType.FLOW,
    ):
        with CaptureQueriesContext(connection) as context:
            PARTICIPANT_REPORTS[report](history.scope())
        names |= {
            q["sql"] for q in context.captured_queries if "transitions_transition" in q["sql"]
        }
    assert ReportPart.objects.filter(span="M").exists()
    assert names == set()  # no step read: every part of the period was stored


def test_with_all_choices_also_the_kon_split_and_the_comparisons(history):
    call_command("fill_report_parts", stdout=io.StringIO())
    riket = ReportPart.objects.count()
    ReportPart.objects.all().delete()
    call_command("fill_report_parts", "--all-choices", stdout=io.StringIO())
    # Ledtider compared over offices reads its rows: no parts for it
    assert riket < ReportPart.objects.count() < 4 * riket


def test_forgets_old_change_records_and_keeps_the_fresh(history):
    fresh = ReportChange.objects.count()
    ReportChange.objects.create(
        day=history.scope().start, xact=-5, created_at=timezone.now() - datetime.timedelta(days=2)
    )
    out = io.StringIO()
    call_command("fill_report_parts", stdout=out)
    assert not ReportChange.objects.filter(xact=-5).exists()
    assert ReportChange.objects.count() == fresh
    assert "(1 gamla ändringsposter borttagna)" in out.getvalue()


def test_a_slow_part_gets_the_batch_jobs_limit_and_the_connection_its_own_after(
    history, monkeypatch
):
    """A part slower than a request's 5 s (heavy disk writes) does not stop the run: on
    PostgreSQL the job's statements may run for `STATEMENT_SECONDS`, and after it the
    connection has its own limit again (SQLite has no statement limit)."""
    from reports.management.commands import fill_report_parts
    from reports.queries import flow

    def shown():
        if connection.vendor != "postgresql":
            return "none"
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            return cursor.fetchone()[0]

    before = shown()
    seen = []
    original = flow.flow_counts

    def watched(scope):
        seen.append(shown())
        return original(scope)

    monkeypatch.setattr(flow, "flow_counts", watched)
    call_command("fill_report_parts", stdout=io.StringIO())
    assert seen  # Flöde's parts were computed through it
    if connection.vendor == "postgresql":
        assert before == "5s"
        assert set(seen) == {f"{fill_report_parts.STATEMENT_SECONDS // 60}min"}
    assert shown() == before
