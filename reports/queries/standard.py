"""Standardrapport – status (SPEC §7): how many participants are where.

For a period from F to T (a single day: F = T), counting each participant once per row:
- "Aktuella deltagare": in an active insatstyp (GK, ARF, ARL) at some time in the period, i.e.
  a period in such a type that starts on or before T and ends after F (or has not ended). The
  day a period ends belongs to the next insatstyp.
- "Deltagare i väntan på planerad insats": the same for the waiting types (BGK, PAF, PAL).
- "Avslutade": a closing transition (AVS, AVB, KS) dated in the period; split by their
  sysselsättning directly after (the Avslutat answers; AVB has none).
- "Anonyma deltagare": the anonymous counts registered for the years the period touches.
- "Samtliga": every identified participant counted above, once (the anonymous excepted).
On a single day the first three are disjoint; over a period one participant can be in several.
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from participants.models import AnonymousCount
from reports import parts
from reports.layout import Measure, count_table
from reports.queries.common import compared_offices, distinct_counted, grouped, merge
from reports.scope import (
    FROM_TRANSITION,
    Grouping,
    Scope,
    SexChoice,
    describe,
    level_condition,
    participant_conditions,
)
from reports.tables import Table
from transitions.models import Transition
from transitions.table import ACTIVE_TYPES, CLOSING_TYPES, WAITING_TYPES, Insatstyp

OPEN_TYPES = WAITING_TYPES + ACTIVE_TYPES
AFTER = "avslutatanswers__"
CLOSED = Q(to_type__in=CLOSING_TYPES)

MEASURES = (
    Measure("current", _("Aktuella deltagare")),
    Measure("waiting", _("Deltagare i väntan på planerad insats")),
    Measure("closed", _("Avslutade")),
    Measure("closed_working", _("Avslutade, varav arbetar")),
    Measure("closed_studying", _("Avslutade, varav studerar")),
    Measure("closed_seeking", _("Avslutade, varav arbetssökande")),
    Measure("closed_program", _("Avslutade, varav i arbetsmarknadspolitiskt program")),
    Measure("closed_none", _("Avslutade, varav ingen av dessa")),
    Measure("closed_interrupted", _("Avslutade, varav avbrutet samarbete")),
    Measure("closed_unanswered", _("Avslutade, varav uppgifter saknas")),
    Measure("anonymous", _("Anonyma deltagare")),
    Measure("all", _("Samtliga")),
)


def _closed(condition: Q | None = None):
    # one closing transition per participation: no DISTINCT needed
    return Count("pk", filter=CLOSED & (condition or Q()))


def _anonymous(scope: Scope) -> dict:
    """Anonymous counts: women and men are stored apart, so the kön split reads them."""
    counts = AnonymousCount.objects.filter(
        level_condition(scope), year__gte=scope.years[0], year__lte=scope.years[1]
    )
    by_office = Grouping(office=Grouping.of(scope).office, sex=None)
    rows = grouped(counts, by_office, women=Sum("women"), men=Sum("men"))
    found = {}
    for (office, _none), sums in rows.items():
        if scope.split_by_sex:
            found[(office, "K")] = {"anonymous": sums["women"]}
            found[(office, "M")] = {"anonymous": sums["men"]}
        else:
            shown = {SexChoice.WOMEN: ("women",), SexChoice.MEN: ("men",)}.get(
                scope.sex, ("women", "men")
            )
            found[(office, None)] = {"anonymous": sum(sums[name] for name in shown)}
    return found


def closing_counts(scope: Scope) -> dict:
    """The closings of the period with their Avslutat answers (only those steps joined)."""
    closed_in_period = CLOSED & Q(date__gte=scope.start, date__lte=scope.end)
    conditions = participant_conditions(scope, FROM_TRANSITION)
    grouping = Grouping.of(scope, FROM_TRANSITION.prefix)
    return grouped(
        Transition.objects.filter(closed_in_period).filter(*conditions),
        grouping,
        closed=_closed(),
        closed_working=_closed(Q(**{f"{AFTER}arbetar": True})),
        closed_studying=_closed(Q(**{f"{AFTER}studerar": True})),
        closed_seeking=_closed(Q(**{f"{AFTER}arbetssokande": True})),
        closed_program=_closed(Q(**{f"{AFTER}program": True})),
        closed_none=_closed(
            Q(
                **{
                    f"{AFTER}arbetar": False,
                    f"{AFTER}studerar": False,
                    f"{AFTER}arbetssokande": False,
                    f"{AFTER}program": False,
                }
            )
        ),
        closed_interrupted=_closed(Q(to_type=Insatstyp.AVB)),
        closed_unanswered=_closed(~Q(to_type=Insatstyp.AVB) & Q(**{f"{AFTER}isnull": True})),
    )


def stored_parts() -> dict:
    return {"standard-closings": (closing_counts, True)}


def standard_report(scope: Scope) -> Table:
    # The periods going on now, those that ended after the start and the closings: three
    # parts, each read from its own index alone (transition_open_period, the covering
    # (to_type, ended_on) and (to_type, date) indexes).
    periods = Transition.objects.filter(to_type__in=OPEN_TYPES, date__lte=scope.end)
    closed_in_period = CLOSED & Q(date__gte=scope.start, date__lte=scope.end)
    conditions = participant_conditions(scope, FROM_TRANSITION)
    grouping = Grouping.of(scope, FROM_TRANSITION.prefix)
    # The participants counted once, from the steps alone (no join with the answers) ...
    participants = distinct_counted(
        [
            periods.filter(*conditions, ended_on__isnull=True),
            periods.filter(*conditions, ended_on__gt=scope.start),
            Transition.objects.filter(closed_in_period, *conditions),
        ],
        grouping,
        current=Q(to_type__in=ACTIVE_TYPES),
        waiting=Q(to_type__in=WAITING_TYPES),
        all=None,
    )
    # ... and the closings with their Avslutat answers: each participant closes once, on one
    # day, so they add up over days, from stored parts.
    closings = parts.computed("standard-closings", scope, closing_counts)
    results = merge(participants, closings, _anonymous(scope))
    notes = (
        _(
            "En deltagare räknas en gång per rad; under en period kan samma deltagare finnas på "
            "flera rader. Samtliga räknar varje deltagare en gång, utom de anonyma."
        ),
    )
    if scope.start == scope.end:
        notes = (_("Samtliga räknar varje deltagare en gång, utom de anonyma."),)
    return count_table(
        caption=f"{_('Standardrapport – status')}, {describe(scope)}",
        scope=scope,
        offices=compared_offices(scope, results),
        measure_title=_("Situation"),
        measures=list(MEASURES),
        results=results,
        notes=notes,
    )
