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
table allows no way back), so each participant counts at most once per derived row.
"""

from django.db.models import FilteredRelation, Q
from django.utils.translation import gettext_lazy as _

from reports.layout import Measure, days_table
from reports.queries.common import DaysBetween, compared_offices, distribution
from reports.scope import (
    FROM_PARTICIPATION,
    STEP,
    Grouping,
    Scope,
    describe,
    participant_conditions,
)
from reports.tables import Table
from transitions.models import Participation, Transition
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


def _milestones():
    """Each participation with its GK step, its planned step and its first active step joined
    (each at most one row, so no participation is repeated)."""
    t = "transitions__"
    return Participation.objects.annotate(
        gk=FilteredRelation("transitions", condition=Q(**{f"{t}to_type": T.GK})),
        planned=FilteredRelation("transitions", condition=Q(**{f"{t}to_type__in": PLANNED})),
        first_active=FilteredRelation(
            "transitions",
            condition=Q(**{f"{t}from_type__in": PLANNED, f"{t}to_type__in": ACTIVE_EFFORTS}),
        ),
    )


def _keyed(measure: str, results: dict) -> dict:
    return {(measure, office, sex): stat for (_none, office, sex), stat in results.items()}


def lead_times_report(scope: Scope) -> Table:
    period = (scope.start, scope.end)
    periods = Transition.objects.filter(
        *participant_conditions(scope, STEP),
        to_type__in=PERIOD_TYPES,
        ended_on__range=period,
    )
    results = distribution(
        periods,
        days=DaysBetween("ended_on", "date"),
        grouping=Grouping.of(scope, STEP.prefix, office_prefix=STEP.office_prefix),
        by="to_type",
    )
    for measure, step, days in (
        (BGK_TO_GK, "gk", DaysBetween("gk__date", "started_on")),
        (GK_TO_ACTIVE, "first_active", DaysBetween("first_active__date", "gk__date")),
        (
            PLANNED_TO_ACTIVE,
            "first_active",
            DaysBetween("first_active__date", "planned__date"),
        ),
    ):
        # Counted at the office pair of the step that ends the lead time.
        via = FROM_PARTICIPATION.at(f"{step}__")
        participations = _milestones().filter(
            *participant_conditions(scope, via), **{f"{step}__date__range": period}
        )
        grouping = Grouping.of(scope, via.prefix, office_prefix=via.office_prefix)
        found = distribution(participations, days=days, grouping=grouping)
        results.update(_keyed(measure, found))
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
