"""A stored part computed while another transaction is changing its days is not used once that
change is committed: the part's snapshot is the lowest transaction still running when it was
computed, so the change's number is at or above it. Real threads with their own connections,
on committed data (a transactional test)."""

import threading

import pytest
from django.db import connection, transaction

from reports import parts
from reports.models import ReportPart
from reports.queries.outcome import outcome_report
from tests.conftest import load_migration_data
from tests.reports.test_reports_history import build_history, numbers
from transitions.models import AvslutatAnswers

pytestmark = pytest.mark.django_db(transaction=True)

CONTINUED = "Fortsatt stöd av kommunen"


@pytest.fixture(autouse=True)
def reference_data(transactional_db, migration_data_restored):
    load_migration_data()


def continued(scope) -> list[int]:
    return numbers(outcome_report(scope))[CONTINUED]


def test_a_change_running_while_a_part_is_computed_makes_it_stale_when_committed(
    monkeypatch, today
):
    monkeypatch.setattr(parts, "FILL_SECONDS", 3600)
    history = build_history()
    scope = history.scope()
    answers = AvslutatAnswers.objects.get(transition__participation=history.participations["A"])
    assert not answers.fortsatt_kommun
    before = continued(scope)
    writing, computed = threading.Event(), threading.Event()
    failures = []

    def change_and_wait():
        try:
            with transaction.atomic():
                AvslutatAnswers.objects.filter(pk=answers.pk).update(fortsatt_kommun=True)
                writing.set()
                assert computed.wait(timeout=30)  # committed only after the part is stored
        except Exception as error:  # reported to the test below
            failures.append(error)
            writing.set()
        finally:
            connection.close()

    writer = threading.Thread(target=change_and_wait)
    if connection.vendor == "sqlite":
        # one writer at a time: the report cannot run beside it; committed first, it is seen
        writer.start()
        assert writing.wait(timeout=30)
        computed.set()
        writer.join(timeout=30)
        assert not failures
        assert continued(scope) == [before[0] + 1]
        return
    writer.start()
    assert writing.wait(timeout=30)
    ReportPart.objects.all().delete()
    assert continued(scope) == before  # the change is not committed yet: not in the parts
    assert ReportPart.objects.exists()
    computed.set()
    writer.join(timeout=30)
    assert not failures
    assert continued(scope) == [before[0] + 1]  # the stored May part was computed again
