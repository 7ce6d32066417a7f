"""Sysselsättning efter and Bakgrund from stored parts (reports.parts) give the same tables as
from their rows: cold and warm, for the form's choices, and after every kind of change of the
history, whichever way it is written (services, a model's save, a queryset update)."""

import datetime
import json
import logging

import pytest
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participants.models import Person
from reports import parts
from reports.models import ReportChange, ReportPart, Span
from reports.queries.background import background_report
from reports.queries.flow import flow_report
from reports.queries.lead_times import lead_times_report
from reports.queries.outcome import outcome_counts, outcome_report
from reports.queries.standard import standard_report
from tests.builders import answer_all, d, latest
from tests.reports.test_reports_history import numbers
from transitions.models import (
    AvslutatAnswers,
    BegaranAnswers,
    Forsorjning,
    InvolveradAktor,
    Participation,
    Transition,
)
from transitions.services import transition_register
from transitions.services.transitions import transition_delete_latest

pytestmark = pytest.mark.django_db

REPORTS = {
    "efter": outcome_report,
    "bakgrund": background_report,
    "ledtider": lead_times_report,
    "flöde": flow_report,
    "standard": standard_report,  # its closings (the distinct participants from the rows)
}
COMPARED = ("efter", "bakgrund", "flöde", "standard", "ledtider")


@pytest.fixture(autouse=True)
def settled(history, monkeypatch):
    """Every missing part is computed, and the history is as if written long ago: its change
    records are forgotten. (Within one test all writes share the test's open transaction; a
    part computed in it could never be newer than those records.)"""
    monkeypatch.setattr(parts, "FILL_SECONDS", 3600)
    ReportChange.objects.all().delete()
    ReportPart.objects.all().delete()


def from_rows(monkeypatch, report, scope) -> dict:
    """The report read from its rows, as without stored parts."""
    with monkeypatch.context() as patched:
        patched.setattr(parts, "adds_up", lambda scope: False)
        return numbers(report(scope))


def queries_and_numbers(report, scope) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as context:
        table = report(scope)
    return len(context), numbers(table)


def warm(report, scope) -> dict:
    """The report twice: the second from the parts the first stored (fewer queries)."""
    cold, first = queries_and_numbers(report, scope)
    assert ReportPart.objects.exists()
    again, second = queries_and_numbers(report, scope)
    assert again < cold
    assert second == first
    return second


def days(first: datetime.date, last: datetime.date) -> list[parts.Piece]:
    count = (last - first).days + 1
    return [
        parts.Piece(Span.DAY.value, day, day)
        for day in (first + datetime.timedelta(days=n) for n in range(count))
    ]


def month(year: int, number: int) -> parts.Piece:
    first = d(year, number, 1)
    following = d(year + number // 12, number % 12 + 1, 1)
    return parts.Piece(Span.MONTH.value, first, following - datetime.timedelta(days=1))


# --- pieces ----------------------------------------------------------------------------------


def test_a_year_is_cut_into_the_days_around_its_whole_months():
    found = parts.pieces(d(2025, 12, 2), d(2026, 12, 1))
    assert found == [
        *days(d(2025, 12, 2), d(2025, 12, 31)),
        *(month(2026, n) for n in range(1, 12)),
        parts.Piece(Span.DAY.value, d(2026, 12, 1), d(2026, 12, 1)),
    ]
    assert len(found) == 30 + 11 + 1


def test_a_day_a_stretch_inside_a_month_and_one_whole_month():
    assert parts.pieces(d(2026, 3, 15), d(2026, 3, 15)) == days(d(2026, 3, 15), d(2026, 3, 15))
    assert parts.pieces(d(2026, 3, 10), d(2026, 3, 20)) == days(d(2026, 3, 10), d(2026, 3, 20))
    assert parts.pieces(d(2026, 1, 1), d(2026, 1, 30)) == days(d(2026, 1, 1), d(2026, 1, 30))
    assert parts.pieces(d(2026, 2, 1), d(2026, 2, 28)) == [month(2026, 2)]
    assert parts.pieces(d(2028, 2, 1), d(2028, 2, 29)) == [month(2028, 2)]
    assert parts.pieces(d(2026, 3, 2), d(2026, 3, 1)) == []


def test_a_long_period_is_cut_into_whole_years_and_the_months_and_days_around_them():
    found = parts.pieces(d(2023, 11, 15), d(2026, 2, 1))
    assert found == [
        *days(d(2023, 11, 15), d(2023, 11, 30)),
        month(2023, 12),
        parts.Piece(Span.YEAR.value, d(2024, 1, 1), d(2024, 12, 31)),
        parts.Piece(Span.YEAR.value, d(2025, 1, 1), d(2025, 12, 31)),
        month(2026, 1),
        parts.Piece(Span.DAY.value, d(2026, 2, 1), d(2026, 2, 1)),
    ]
    # a year up to its last day but one is months and days
    assert parts.pieces(d(2025, 1, 1), d(2025, 12, 30)) == [
        *(month(2025, n) for n in range(1, 12)),
        *days(d(2025, 12, 1), d(2025, 12, 30)),
    ]


# --- the same tables as from the rows ------------------------------------------------------

SCOPES = {
    "riket": {},
    "kön": {"sex": "UPPDELAT"},
    "jämför Af": {"compare": "AF"},
    "jämför FK": {"compare": "FK", "sex": "UPPDELAT"},
    "kontor": {"level": "KONTOR", "office": "af_malmo"},
    "FK-kontor": {"level": "KONTOR", "office": "fk_umea"},
    "område": {"level": "OMRADE", "area": "mo_syd"},
    "ålder": {"age": "35-44"},
    "initierad av": {"initierad_av": "FK"},
    "en dag": {"start": d(2026, 4, 1), "end": d(2026, 4, 1)},
    "till i dag": {"start": d(2026, 1, 1), "end": "today"},
    "hela historien": {"start": d(2025, 1, 1), "end": "today"},
}


STORED = [
    pytest.param(name, choices, id=f"{name}-{label}")
    for name in REPORTS
    for label, choices in SCOPES.items()
    if name in COMPARED or "compare" not in choices  # else: the test after this one
]


@pytest.mark.parametrize(("name", "choices"), STORED)
def test_stored_parts_give_the_table_of_the_rows(history, monkeypatch, today, name, choices):
    choices = {key: today if value == "today" else value for key, value in choices.items()}
    report, scope = REPORTS[name], history.scope(**choices)
    rows = from_rows(monkeypatch, report, scope)
    assert ReportPart.objects.count() == 0  # the rows store nothing
    assert warm(report, scope) == rows
    assert any(any(values) for values in rows.values())  # the scope counts someone


# --- a change of the history makes the parts of its days stale -----------------------------


def _close_b(history):
    b = history.participations["B"]
    step = transition_register(
        participation=b, to_type="AVS", date=d(2026, 6, 1), actor=history.caseworker
    )
    answer_all(step, history.caseworker)


def _delete_latest_of_a(history):
    a = history.participations["A"]
    transition_delete_latest(participation=a, actor=history.caseworker)


def _avslutat_of_a(history):
    return AvslutatAnswers.objects.get(transition__participation=history.participations["A"])


def _save_avslutat(history):
    answers = _avslutat_of_a(history)
    answers.fortsatt_kommun = True
    answers.save()


def _update_avslutat(history):
    AvslutatAnswers.objects.filter(pk=_avslutat_of_a(history).pk).update(fortsatt_af=True)


def _add_avslutat_forsorjning(history):
    _avslutat_of_a(history).forsorjning.add(Forsorjning.objects.get(label="Sjukpenning"))


def _add_avslutat_actor(history):
    # a choice of its own table (whose triggers' names were once too long for PostgreSQL)
    answers = _avslutat_of_a(history)
    answers.involverade_aktorer.add(
        InvolveradAktor.objects.exclude(pk__in=answers.involverade_aktorer.all()).first()
    )


def _add_begaran_forsorjning(history):
    answers = BegaranAnswers.objects.get(transition__participation=history.participations["B"])
    answers.forsorjning.add(Forsorjning.objects.get(label="Arbetslöshetsersättning"))


def _move_c_to_malmo(history):
    Participation.objects.filter(pk=history.participations["C"].pk).update(
        af_office=history.offices["af_malmo"]
    )


def _a_is_a_man(history):
    Person.objects.filter(pk=history.participations["A"].person_id).update(sex="M")


def _h_initiated_by_af(history):
    # H closed 2025-12-01, before the period: Bakgrund takes H off by the closing day's part
    BegaranAnswers.objects.filter(transition__participation=history.participations["H"]).update(
        initierad_av="AF"
    )


def _b_initiated_by_fk(history):
    # B (initierad av Af) has steps all through P: every one of their days counts again
    BegaranAnswers.objects.filter(transition__participation=history.participations["B"]).update(
        initierad_av="FK"
    )


def _f_forsorjning_removed(history):
    # F (arbetslöshetsersättning before) has PAF and ARF in P
    answers = BegaranAnswers.objects.get(transition__participation=history.participations["F"])
    answers.forsorjning.clear()


UNEMPLOYMENT = "Arbetslöshetsersättning"  # a Forsorjning, by its label

CHANGES = [
    # (change, report, choices, whether the period's numbers change)
    (_close_b, "efter", {}, True),
    (_close_b, "bakgrund", {"start": d(2026, 6, 2), "end": d(2026, 6, 30)}, True),
    (_delete_latest_of_a, "efter", {}, True),
    (_delete_latest_of_a, "bakgrund", {"start": d(2026, 5, 6), "end": d(2026, 6, 30)}, True),
    (_save_avslutat, "efter", {}, True),
    (_update_avslutat, "efter", {}, True),
    (_add_avslutat_forsorjning, "efter", {}, True),
    (_add_avslutat_actor, "efter", {}, True),
    (_add_begaran_forsorjning, "bakgrund", {}, True),
    (_move_c_to_malmo, "efter", {"compare": "AF"}, True),
    (_move_c_to_malmo, "bakgrund", {"compare": "AF"}, True),
    (_a_is_a_man, "efter", {"sex": "UPPDELAT"}, True),
    (_a_is_a_man, "bakgrund", {"sex": "UPPDELAT"}, True),
    (_h_initiated_by_af, "bakgrund", {}, False),
    (_h_initiated_by_af, "bakgrund", {"initierad_av": "AF"}, False),
    (_h_initiated_by_af, "bakgrund", {"start": d(2025, 6, 1), "end": d(2025, 12, 31)}, True),
    (_close_b, "ledtider", {}, True),
    (_close_b, "flöde", {}, True),
    (_close_b, "standard", {}, True),
    (_delete_latest_of_a, "standard", {"compare": "FK"}, True),
    (_delete_latest_of_a, "flöde", {"sex": "UPPDELAT"}, True),
    (_a_is_a_man, "flöde", {"sex": "UPPDELAT"}, True),
    (_delete_latest_of_a, "ledtider", {}, True),
    (_a_is_a_man, "ledtider", {"sex": "UPPDELAT"}, True),
    (_move_c_to_malmo, "ledtider", {"level": "KONTOR", "office": "af_malmo"}, False),
    (_b_initiated_by_fk, "flöde", {"initierad_av": "AF"}, True),
    (_b_initiated_by_fk, "ledtider", {"initierad_av": "AF"}, True),
    (_b_initiated_by_fk, "standard", {"initierad_av": "AF"}, True),
    (_f_forsorjning_removed, "flöde", {"forsorjning": UNEMPLOYMENT}, True),
    (_f_forsorjning_removed, "standard", {"forsorjning": UNEMPLOYMENT}, True),
    (_close_b, "standard", {"start": d(2026, 6, 2), "end": d(2026, 6, 30)}, True),
    (_delete_latest_of_a, "standard", {"start": d(2026, 2, 1), "end": d(2026, 4, 1)}, False),
]


@pytest.mark.parametrize(
    ("change", "name", "choices", "differs"),
    CHANGES,
    ids=[f"{change.__name__[1:]}-{name}-{i}" for i, (change, name, _c, _d) in enumerate(CHANGES)],
)
def test_after_a_change_the_report_follows_its_rows(
    history, monkeypatch, today, change, name, choices, differs
):
    if "forsorjning" in choices:
        choices = {**choices, "forsorjning": Forsorjning.objects.get(label=choices["forsorjning"])}
    report, scope = REPORTS[name], history.scope(**choices)
    before = warm(report, scope)
    change(history)
    after = numbers(report(scope))
    assert after == from_rows(monkeypatch, report, scope)
    assert (after != before) == differs


def test_ledtider_compared_over_offices_is_stored_per_office(history, monkeypatch):
    scope = history.scope(compare="FK", sex="UPPDELAT")
    rows = from_rows(monkeypatch, lead_times_report, scope)
    assert warm(lead_times_report, scope) == rows
    stored = ReportPart.objects.filter(key=parts.part_key("lead-times", scope))
    offices = {office for part in stored for office, _sex, _values in json.loads(part.results)}
    assert {history.offices["fk_umea"].pk, history.offices["fk_malmo"].pk} <= offices


def test_what_is_kept_in_memory_is_bounded_by_its_values(monkeypatch):
    kept = parts._Kept(budget=10)
    four = {(1, None): {"a": 1, "b": 2, "c": 3}}  # three values, and the group: four
    for key in "xyz":
        assert kept.get(key, lambda: dict(four)) == four
    assert len(kept) == 2 and kept.held == 8  # x went first, least recently used
    made = []
    assert kept.get("y", lambda: made.append(1) or four) == four
    assert not made  # y was kept, and is now the most recently used
    kept.get("w", lambda: four)
    assert len(kept) == 2 and kept.get("y", lambda: made.append(1) or four) and not made
    large = {(1, None): {n: n for n in range(20)}}
    assert kept.get("large", lambda: large) is large  # handed out, but larger than all kept
    assert len(kept) == 2 and kept.held == 8


def test_a_change_of_an_office_forgets_every_stored_part(history, monkeypatch):
    scope = history.scope(level="OMRADE", area="mo_nord")
    before = {name: warm(report, scope) for name, report in REPORTS.items()}
    lund = history.offices["af_lund"]
    lund.marknadsomrade = history.areas["mo_nord"]
    lund.save()
    assert ReportPart.objects.count() == 0
    for name, report in REPORTS.items():
        after = numbers(report(scope))
        assert after == from_rows(monkeypatch, report, scope)
        assert after != before[name]  # C and D of Af Lund now count in Nord


# --- what records a change -----------------------------------------------------------------


def test_columns_no_stored_part_reads_record_no_change(history):
    b = history.participations["B"]
    participation = Participation.objects.filter(pk=b.pk)
    participation.update(current_since=F("current_since"))
    participation.update(current_since=d(2026, 3, 12))
    participation.update(closed_on=None)  # B is open: its own value
    steps = Transition.objects.filter(participation=b)
    steps.update(ended_on=F("ended_on"))
    steps.update(date=F("date"), to_type=F("to_type"))  # listed columns, their own values
    assert not ReportChange.objects.exists()
    # a period counts on the day it ended: a new end records the old and the new day only
    gk = steps.get(to_type="GK")
    steps.filter(pk=gk.pk).update(ended_on=d(2026, 2, 28))
    ended = {gk.ended_on, d(2026, 2, 28)}
    assert set(ReportChange.objects.values_list("day", flat=True)) == ended
    ReportChange.objects.all().delete()
    # an answer set has no unread column: any update of it records its days
    AvslutatAnswers.objects.update(fortsatt_af=F("fortsatt_af"))
    closings = {d(2026, 5, 5), d(2025, 12, 1)}  # A's and H's (I's Avslutat is not answered)
    assert set(ReportChange.objects.values_list("day", flat=True)) == closings


def test_a_step_moved_to_another_day_records_both_days(history):
    step = latest(history.participations["B"])
    assert step.date == d(2026, 3, 11)
    Transition.objects.filter(pk=step.pk).update(date=d(2026, 3, 12))
    assert set(ReportChange.objects.values_list("day", flat=True)) == {
        d(2026, 3, 11),
        d(2026, 3, 12),
    }


# --- choices that do not add up, and filling cut short -------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_with_deltagarstatus_nothing_is_stored(history, monkeypatch, name):
    report, scope = REPORTS[name], history.scope(status="AVSLUTADE", sex="UPPDELAT")
    assert numbers(report(scope)) == from_rows(monkeypatch, report, scope)
    assert ReportPart.objects.count() == 0


@pytest.mark.parametrize("name", REPORTS)
def test_with_no_time_to_fill_the_report_is_still_right_and_stores_nothing(
    history, monkeypatch, name
):
    report = REPORTS[name]
    report(history.scope(start=d(2026, 3, 1), end=d(2026, 3, 31)))  # some parts stored
    stored = ReportPart.objects.count()
    monkeypatch.setattr(parts, "FILL_SECONDS", 0)
    for choices in ({}, {"sex": "UPPDELAT", "compare": "FK"}):
        scope = history.scope(**choices)
        assert numbers(report(scope)) == from_rows(monkeypatch, report, scope)
    assert ReportPart.objects.count() == stored


# --- forgetting old change records ---------------------------------------------------------


def test_an_old_change_record_is_forgotten_with_the_part_it_made_stale(history):
    outcome_report(history.scope())
    march, april, may = (
        ReportPart.objects.get(span=Span.MONTH.value, first_day=d(2026, n, 1)) for n in (3, 4, 5)
    )
    now = timezone.now()
    ReportChange.objects.create(
        day=d(2026, 3, 10), xact=march.snapshot, created_at=now - datetime.timedelta(days=2)
    )
    fresh = ReportChange.objects.create(day=d(2026, 5, 10), xact=may.snapshot, created_at=now)
    assert parts.forget_old_changes(now) == 1
    assert list(ReportChange.objects.all()) == [fresh]
    kept = ReportPart.objects.filter(span=Span.MONTH.value)
    assert not kept.filter(pk=march.pk).exists()
    assert kept.filter(pk=april.pk).exists()
    assert kept.filter(pk=may.pk).exists()  # stale, but its record is kept: recomputed when read


def test_a_change_after_every_record_was_forgotten_still_makes_parts_stale(history, monkeypatch):
    scope = history.scope()
    warm(outcome_report, scope)
    _update_avslutat(history)  # A's closing day changes: its part is computed again
    assert numbers(outcome_report(scope)) == from_rows(monkeypatch, outcome_report, scope)
    parts.forget_old_changes(timezone.now() + datetime.timedelta(days=2))
    assert not ReportChange.objects.exists()
    _save_avslutat(history)  # the same day changes again
    assert numbers(outcome_report(scope)) == from_rows(monkeypatch, outcome_report, scope), (
        "a part computed after a forgotten change record was read after a later change of "
        "its day: the change's number is below the part's snapshot"
    )


def test_parts_that_cannot_be_stored_leave_the_report_right(history, monkeypatch, caplog):
    """Another request storing the same parts holds them (a lock wait cut short): the report
    answers from what it computed and stores nothing."""

    def busy(*args, **kwargs):
        raise OperationalError("canceling statement due to lock timeout")

    monkeypatch.setattr(type(ReportPart.objects.using("default")), "bulk_create", busy)
    scope = history.scope()
    with caplog.at_level(logging.WARNING, logger="reports.parts"):
        assert numbers(outcome_report(scope)) == from_rows(monkeypatch, outcome_report, scope)
    assert ReportPart.objects.count() == 0
    assert "report parts not stored" in caplog.text


def test_a_change_of_one_day_of_a_stored_month_computes_only_that_day_again(history, monkeypatch):
    """A late answer changes one day of an old month: the month is read from its days, the
    changed one computed again, and the month stored again as their sum."""
    scope = history.scope()  # 2026-01-01 – 2026-06-30: six whole months
    warm(outcome_report, scope)
    assert not ReportPart.objects.filter(span=Span.DAY.value).exists()
    _save_avslutat(history)  # A closed on 2026-05-05
    first, after = queries_and_numbers(outcome_report, scope)
    assert after == from_rows(monkeypatch, outcome_report, scope)
    # as once the change is committed and every running transaction has ended (on PostgreSQL
    # this test's own transaction would keep every part computed in it stale: see `settled`)
    ReportChange.objects.all().delete()
    may = ReportPart.objects.filter(first_day__gte=d(2026, 5, 1), first_day__lte=d(2026, 5, 31))
    assert may.filter(span=Span.DAY.value).count() == 31
    assert may.filter(span=Span.MONTH.value).count() == 1
    warm_queries, again = queries_and_numbers(outcome_report, scope)
    assert again == after
    answers = _avslutat_of_a(history)
    answers.fortsatt_af = not answers.fortsatt_af
    answers.save()  # the same day changes again: now one day is computed, not 31
    second, changed = queries_and_numbers(outcome_report, scope)
    assert changed == from_rows(monkeypatch, outcome_report, scope)
    assert warm_queries < second < first


def test_a_month_read_from_its_days_is_stored_whole_again_and_read_whole(history, monkeypatch):
    """A month stale by a change its days already hold (numbered between two of their
    snapshots) is stored again whole, with a snapshot above that change, so the next report
    reads the month, not its 31 days."""
    scope = history.scope()  # six whole months
    queries_and_numbers(outcome_report, scope)  # stores the six months
    warm_queries, rows = queries_and_numbers(outcome_report, scope)
    may_first = d(2026, 5, 1)
    month = ReportPart.objects.get(span=Span.MONTH.value, first_day=may_first)
    # May's days stored as if computed one by one: the 5th last, after a change on it
    for n in range(31):
        day = may_first + datetime.timedelta(days=n)
        ReportPart.objects.create(
            key=month.key,
            span=Span.DAY.value,
            first_day=day,
            last_day=day,
            snapshot=30 if day.day == 5 else 10,
            results=parts._encode(outcome_counts(history.scope(start=day, end=day))),
        )
    ReportPart.objects.filter(pk=month.pk).update(snapshot=10)
    ReportChange.objects.all().delete()
    # a change in the 5th's part (below its snapshot), not in the month's
    ReportChange.objects.create(day=d(2026, 5, 5), xact=20, created_at=timezone.now())
    stale_queries, numbers_now = queries_and_numbers(outcome_report, scope)
    assert numbers_now == rows
    assert stale_queries > warm_queries  # the month's days were read
    assert ReportPart.objects.get(pk=month.pk).snapshot > 20
    assert queries_and_numbers(outcome_report, scope) == (warm_queries, rows)


@pytest.mark.parametrize("fill_seconds", [3600, 0], ids=["computing parts", "from rows"])
def test_a_part_past_its_statement_limit_gives_the_slow_answer_and_restores_the_planner(
    history, monkeypatch, fill_seconds
):
    """A statement of a part cancelled at its limit stays that error (the "slow" page, 503),
    and the planner setting of the parts is put back for the rest of the request."""
    from sus.db import unavailability

    def too_slow(scope):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('statement_timeout', '10', true)")
                cursor.execute("SELECT pg_sleep(1)")
            else:
                raise OperationalError("interrupted")
        return {}

    monkeypatch.setattr(parts, "FILL_SECONDS", fill_seconds)
    with transaction.atomic():
        before = _planner_cost()
        with pytest.raises(OperationalError) as raised:
            parts.computed("test-slow", history.scope(), too_slow)
        assert _planner_cost() == before
    if connection.vendor == "postgresql":
        assert unavailability(raised.value) == "slow"
    assert ReportPart.objects.count() == 0


def _planner_cost():
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('random_page_cost')")
        return cursor.fetchone()[0]


def test_a_year_is_stored_as_the_sum_of_its_months_and_read_whole(history, monkeypatch):
    """The whole history is read as its years: a year is stored once its months are, and a
    change of one of its days makes it stale, so it is read from its months (the changed
    month from its days) and stored again."""
    scope = history.scope(start=d(2025, 1, 1), end=d(2026, 6, 30))
    rows = from_rows(monkeypatch, outcome_report, scope)
    assert warm(outcome_report, scope) == rows
    year = ReportPart.objects.get(span=Span.YEAR.value, first_day=d(2025, 1, 1))
    assert year.last_day == d(2025, 12, 31)
    months = ReportPart.objects.filter(key=year.key, span=Span.MONTH.value, first_day__year=2025)
    assert months.count() == 12
    assert parts._decode(year.results) == parts.add(*(parts._decode(m.results) for m in months))
    warm_queries, _numbers = queries_and_numbers(outcome_report, scope)
    # H closed on 2025-12-01: a change of its answers makes the year and its December stale
    answers = AvslutatAnswers.objects.get(transition__participation=history.participations["H"])
    answers.fortsatt_af = not answers.fortsatt_af
    answers.save()
    stale_queries, after = queries_and_numbers(outcome_report, scope)
    assert after == from_rows(monkeypatch, outcome_report, scope)
    assert after != rows
    assert stale_queries > warm_queries
    december = ReportPart.objects.filter(
        key=year.key, first_day__gte=d(2025, 12, 1), first_day__lte=d(2025, 12, 31)
    )
    assert december.filter(span=Span.DAY.value).count() == 31
    # as once the change is committed and every running transaction has ended (see `settled`)
    ReportChange.objects.all().delete()
    assert queries_and_numbers(outcome_report, scope) == (warm_queries, after)


def test_what_a_report_reads_from_kept_parts_is_its_own(history):
    """Decoded parts and their sums are kept per process: a caller that changes the results
    it got changes nothing the next report reads."""
    scope = history.scope()
    filled = parts.computed("outcome", scope, outcome_counts)  # computes and stores the parts
    got = parts.computed("outcome", scope, outcome_counts)  # from the stored parts
    assert got == filled
    expected = {group: dict(values) for group, values in got.items()}
    for values in got.values():
        values.clear()
    got.clear()
    assert parts.computed("outcome", scope, outcome_counts) == expected


@pytest.mark.parametrize("name", ["efter", "ledtider", "flöde", "standard"])
def test_a_step_today_is_in_the_next_report_through_today(history, monkeypatch, today, name):
    """Today's parts are added on their own to the kept sum of the earlier ones: a step
    registered today is counted by the next report all the same."""
    report, scope = REPORTS[name], history.scope(start=d(2026, 1, 1), end=today)
    before = warm(report, scope)
    _close_b_today(history, today)
    after = numbers(report(scope))
    assert after == from_rows(monkeypatch, report, scope)
    assert after != before


def _close_b_today(history, today):
    b = history.participations["B"]
    step = transition_register(participation=b, to_type="AVS", date=today, actor=history.caseworker)
    answer_all(step, history.caseworker)
