"""Deltagarrapport per månad: one measure of Ledtider or Flöde month by month, for a span of at
most `MAX_MONTHS` calendar months (the first and last month cut at the report's days).

The same rules as the period reports, one month at a time: a lead time belongs to the month its
period ended in (the month of the step that ends it), a step of Flöde to the month it is dated
in, both at the office pair the step was registered at. Each report is one query: the month is
a column of the query (TruncMonth) and the median window of `distribution` (Ledtider) or the
grouped count of `counted_by` (Flöde) runs per month in the database. The rows are months, so
the page, the diagram, CSV and Excel and the masking are the period reports' own
(`reports.layout`, `reports.masking`).
"""

import datetime
from dataclasses import replace

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from reports.layout import Measure, count_table, days_table
from reports.queries import flow, lead_times
from reports.queries.common import DaysBetween, counted_by, distribution
from reports.scope import (
    STEP,
    Comparison,
    Grouping,
    Scope,
    describe,
    participant_conditions,
)
from reports.tables import Table
from transitions.models import Transition

MAX_MONTHS = 36
ALL_STEPS = ""


def flow_value(key: tuple) -> str:
    start, end = key
    return f"{start or ''}>{end}"


LEAD_TIME_CHOICES = [(m.key, str(m.label)) for m in lead_times.MEASURES]
FLOW_CHOICES = [
    (ALL_STEPS, str(_("Alla övergångar"))),
    *((flow_value(m.key), str(m.label)) for m in flow.MEASURES),
]
DEFAULT_LEAD_TIME = lead_times.BGK_TO_GK


def month_count(start: datetime.date, end: datetime.date) -> int:
    """Calendar months from the month of `start` to that of `end`, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def months(scope: Scope) -> list[datetime.date]:
    """The first day of each month the report covers."""
    first = scope.start.replace(day=1)
    return [
        datetime.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
        for i in range(month_count(scope.start, scope.end))
    ]


def month_label(day: datetime.date) -> str:
    return formats.date_format(day, "F Y")


def short_labels(days: list[datetime.date]) -> list[tuple[str, str]]:
    """For the diagram's axis: "jan" and the year under January and the first month."""
    return [
        (formats.date_format(day, "b"), str(day.year) if i == 0 or day.month == 1 else "")
        for i, day in enumerate(days)
    ]


def _month(value) -> datetime.date:
    """TruncMonth's value as a date on every database (PostgreSQL may give a datetime)."""
    return value.date() if isinstance(value, datetime.datetime) else value


def _months_table(build, scope: Scope, *, title, label: str, results: dict, note) -> Table:
    """A table of `build` (`days_table` or `count_table`) with one row per month."""
    return build(
        caption=f"{title}: {label}, {describe(scope)}",
        scope=scope,
        offices=[],
        measure_title=_("Månad"),
        measures=[Measure(day, month_label(day)) for day in months(scope)],
        results=results,
        notes=(note,),
    )


def lead_times_by_month(scope: Scope, measure: str) -> Table:
    """Count, median and mean days of one Ledtider measure per month, in one query."""
    scope = replace(scope, compare=Comparison.NONE)
    period = (scope.start, scope.end)
    if measure in lead_times.MILESTONES:
        # the month and office pair of the step that ends the lead time count
        rows, days = lead_times.milestone_steps(scope, measure)
        rows = rows.annotate(month=TruncMonth("date"))
    else:
        rows = Transition.objects.filter(
            *participant_conditions(scope, STEP), to_type=measure, ended_on__range=period
        ).annotate(month=TruncMonth("ended_on"))
        days = DaysBetween("ended_on", "date")
    grouping = Grouping.of(scope, STEP.prefix, office_prefix=STEP.office_prefix)
    found = distribution(rows, days=days, grouping=grouping, by="month")
    return _months_table(
        days_table,
        scope,
        title=_("Ledtider per månad"),
        label=dict(LEAD_TIME_CHOICES)[measure],
        results={(_month(key[0]), *key[1:]): stat for key, stat in found.items()},
        note=_(
            "Dagar från övergången till nästa övergång, i den månad perioden avslutades. "
            "Median och medelvärde visas när de bygger på minst 5 perioder."
        ),
    )


def flow_by_month(scope: Scope, measure: str) -> Table:
    """The number of one transition (or of every transition) per month, in one query."""
    scope = replace(scope, compare=Comparison.NONE)
    condition = Q()
    if measure != ALL_STEPS:
        start, end = measure.split(">")
        condition = Q(to_type=end) & (Q(from_type=start) if start else Q(from_type__isnull=True))
    transitions = Transition.objects.filter(
        condition,
        *participant_conditions(scope, STEP),
        date__gte=scope.start,
        date__lte=scope.end,
    ).annotate(month=TruncMonth("date"))
    grouping = Grouping.of(scope, STEP.prefix, office_prefix=STEP.office_prefix)
    found = counted_by(transitions, grouping, ("month",), Count("pk"))
    return _months_table(
        count_table,
        scope,
        title=_("Flöde per månad"),
        label=dict(FLOW_CHOICES)[measure],
        results={
            group: {_month(month): n for month, n in values.items()}
            for group, values in found.items()
        },
        note=_("Antal övergångar daterade i månaden."),
    )
