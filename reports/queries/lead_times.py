"""Deltagarrapport – Ledtider (SPEC §7): how long each step takes, as count, median and mean in
days. The day a period ends is the first day of the next insatstyp, so a period lasts
`ended_on − date` days.

- Each insatstyp BGK, GK, PAF, PAL, ARF, ARL: its periods that ended in the report period.
- "Begäran → gemensam kartläggning": from the request (T1) to the GK step, for GK steps dated
  in the period (a request withdrawn with AVB does not count).
- "Gemensam kartläggning → första aktiva insats": from the GK step to the first ARF/ARL step
  (through PAF/PAL), for first active steps dated in the period.
- "Planerad → aktiv insats": the PAF/PAL period of those same participants, i.e. the periods
  that ended in ARF/ARL (not in AVS/AVB).

Every participation passes GK, PAF/PAL and its first ARF/ARL at most once (the transition
table allows no way back), so each participant counts at most once per derived row. Each lead
time is read from the step that ends it alone: the step carries the dates it starts from
(`previous_date`, `gk_date`, copied when the step was registered), so no participation is
joined to its other steps.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports import parts
from reports.layout import Measure, days_table
from reports.queries.common import (
    DaysBetween,
    compared_offices,
    distribution,
    histogram,
    merge,
    stats_of,
)
from reports.scope import (
    STEP,
    Grouping,
    Scope,
    describe,
    participant_conditions,
)
from reports.tables import Table
from transitions.models import Transition
from transitions.table import ACTIVE_TYPES, WAITING_TYPES, Insatstyp

T = Insatstyp
PERIOD_TYPES = (T.BGK, T.GK, T.PAF, T.PAL, T.ARF, T.ARL)
PLANNED = (T.PAF, T.PAL)
ACTIVE_EFFORTS = (T.ARF, T.ARL)
BGK_TO_GK, GK_TO_ACTIVE, PLANNED_TO_ACTIVE = "BGK-GK", "GK-AKTIV", "PLANERAD-AKTIV"

MEASURES = (
    *(Measure(t.value, t.label, t.value) for t in PERIOD_TYPES),
    Measure(BGK_TO_GK, _("Begäran om gemensam kartläggning → gemensam kartläggning"), "BGK → GK"),
    Measure(GK_TO_ACTIVE, _("Gemensam kartläggning → första aktiva insats"), "GK → ARF/ARL"),
    Measure(
        PLANNED_TO_ACTIVE,
        _("Planerad insats (PAF/PAL) → aktiv insats (ARF/ARL)"),
        "PAF/PAL → ARF/ARL",
    ),
)
assert set(WAITING_TYPES + ACTIVE_TYPES) == set(PERIOD_TYPES)


# The lead times between steps: the steps that end one (their date counts), and the field of
# the date it starts from.
FIRST_ACTIVE = Q(from_type__in=PLANNED, to_type__in=ACTIVE_EFFORTS)
MILESTONES = {
    BGK_TO_GK: (Q(to_type=T.GK), "previous_date"),  # GK follows only BGK, the first step
    GK_TO_ACTIVE: (FIRST_ACTIVE, "gk_date"),
    PLANNED_TO_ACTIVE: (FIRST_ACTIVE, "previous_date"),
}


def milestone_steps(scope: Scope, measure: str) -> tuple:
    """The steps that end the lead time `measure` dated in the report's days, and its days."""
    ending, since = MILESTONES[measure]
    steps = Transition.objects.filter(
        ending, *participant_conditions(scope, STEP), date__range=(scope.start, scope.end)
    )
    return steps, DaysBetween("date", since)


def stored_parts() -> dict:
    return {"lead-times": (lead_time_histograms, True)}


def _keyed(measure: str, results: dict) -> dict:
    return {(measure, office, sex): stat for (_none, office, sex), stat in results.items()}


def _periods(scope: Scope):
    return Transition.objects.filter(
        *participant_conditions(scope, STEP),
        to_type__in=PERIOD_TYPES,
        ended_on__range=(scope.start, scope.end),
    )


def _grouping(scope: Scope) -> Grouping:
    # Each step counts at the office pair it was registered at.
    return Grouping.of(scope, STEP.prefix, office_prefix=STEP.office_prefix)


PERIOD_DAYS = DaysBetween("ended_on", "date")


def lead_time_histograms(scope: Scope) -> dict:
    """The days of every lead time, as histograms: each period counts on the day it ended,
    each lead time between steps on the day of the step that ended it, so they add up over
    days (stored parts)."""
    grouping = _grouping(scope)
    found = histogram(_periods(scope), days=PERIOD_DAYS, grouping=grouping, by="to_type")
    for measure in MILESTONES:
        steps, days = milestone_steps(scope, measure)
        found = merge(found, histogram(steps, days=days, grouping=grouping, name=measure))
    return found


def _from_rows(scope: Scope) -> dict:
    grouping = _grouping(scope)
    results = distribution(_periods(scope), days=PERIOD_DAYS, grouping=grouping, by="to_type")
    for measure in MILESTONES:
        steps, days = milestone_steps(scope, measure)
        found = distribution(steps, days=days, grouping=grouping)
        results.update(_keyed(measure, found))
    return results


def lead_times_report(scope: Scope) -> Table:
    if parts.adds_up(scope):
        histograms = parts.computed("lead-times", scope, lead_time_histograms)
        results = stats_of(histograms, split=scope.split_by_sex)
    else:
        results = _from_rows(scope)
    return days_table(
        caption=f"{_('Ledtider')}, {describe(scope)}",
        scope=scope,
        offices=compared_offices(scope, {(key[1], key[2]): None for key in results}),
        measure_title=_("Insatstyp eller steg"),
        measures=list(MEASURES),
        results=results,
        notes=(
            _(
                "Dagar från övergången till insatstypen till nästa övergång. Perioder som "
                "avslutats under rapportperioden."
            ),
        ),
    )
