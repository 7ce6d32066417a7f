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

Counting each participant once over a period does not add up over days, but it can be taken
apart into counts that do (`_participants_from_parts`), for riket (no office level or
comparison, where a move between offices would split the periods at an office):
- A participation's life, from its first step to its closing day, is one stretch of days, so
  "Samtliga" is everyone started by the last day less everyone closed before the first day.
- Its days in an active (or waiting) insatstyp form at most a few stretches, "episodes":
  GK, then ARF and ARL after PAF or PAL. Those counted are the episodes going on some time in
  the period, less one for each gap between two of them that lies wholly in the period. The
  episodes going on are those started by the last day less those ended by the first, and by
  the transition table each gap is a single period (PAF or PAL between GK and ARF/ARL, GK
  between BGK and PAF/PAL), so a gap is read off the step that ends it: its `previous_date`.
Each of these counts belongs to the day of one step: they are stored as report parts.
"""

import dataclasses
import datetime

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
from transitions.table import (
    ACTIVE_TYPES,
    CLOSING_TYPES,
    FIRST,
    TRANSITIONS,
    WAITING_TYPES,
    Insatstyp,
)

OPEN_TYPES = WAITING_TYPES + ACTIVE_TYPES
EPISODE_TYPES = {"current": ACTIVE_TYPES, "waiting": WAITING_TYPES}
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


def gap_types(types, rules=TRANSITIONS) -> tuple[str, ...] | None:
    """The insatstyper of the gaps between two episodes in `types`: the types X of the steps
    X → Y that enter `types` again. None unless every such gap is one period of X that
    follows a period in `types`, which the transition table decides (then the step ending the
    gap has the gap's first day as its `previous_date`)."""
    gaps = []
    entered_from = {rule.from_type for rule in rules if rule.to_type in types} - {None}
    for gap in sorted(entered_from - set(types)):
        before = {rule.from_type for rule in rules if rule.to_type == gap}
        if before == {None}:  # only ever the first period: entering `types` the first time
            continue
        if not before <= set(types):
            return None
        gaps.append(gap)
    return tuple(gaps)


GAP_TYPES = {name: gap_types(types) for name, types in EPISODE_TYPES.items()}


def _other(types) -> list[str]:
    return [t for t in Insatstyp.values if t not in types]


def episode_counts(scope: Scope) -> dict:
    """Per group, the steps of the period that start and end an episode in an active (or
    waiting) insatstyp, and the participations' first and closing steps."""
    steps = Transition.objects.filter(
        *participant_conditions(scope, FROM_TRANSITION),
        date__gte=scope.start,
        date__lte=scope.end,
    )
    counts = {
        "all_start": Count("pk", filter=Q(sequence=1, to_type=FIRST.to_type)),
        "all_end": Count("pk", filter=CLOSED),
    }
    for name, types in EPISODE_TYPES.items():
        counts[f"{name}_start"] = Count(
            "pk",
            filter=Q(to_type__in=types)
            & (Q(from_type__isnull=True) | Q(from_type__in=_other(types))),
        )
        counts[f"{name}_end"] = Count(
            "pk", filter=Q(from_type__in=types, to_type__in=_other(types))
        )
    return grouped(steps, Grouping.of(scope, FROM_TRANSITION.prefix), **counts)


def gap_counts(scope: Scope) -> dict:
    """Per group, the gaps between two episodes that end in the period, by their first day
    (as a day number): `{(name, first day): number}`."""
    grouping = Grouping.of(scope, FROM_TRANSITION.prefix)
    found: dict[tuple, dict] = {}
    for name, types in EPISODE_TYPES.items():
        rows = (
            Transition.objects.filter(
                *participant_conditions(scope, FROM_TRANSITION),
                date__gte=scope.start,
                date__lte=scope.end,
                to_type__in=types,
                from_type__in=GAP_TYPES[name],
            )
            .order_by()
            .values(*grouping.keys, "previous_date")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            key = (f"{name}_gap", row["previous_date"].toordinal())
            found.setdefault(grouping.key_of(row), {})[key] = row["n"]
    return found


def stored_parts() -> dict:
    return {
        "standard-closings": (closing_counts, True),
        "standard-episodes": (episode_counts, False),
        "standard-gaps": (gap_counts, False),
    }


def _parts_add_up(scope: Scope) -> bool:
    return (
        parts.adds_up(scope)
        and scope.compare_agency is None
        and level_condition(scope) == Q()
        and None not in GAP_TYPES.values()
    )


def _participants_from_parts(scope: Scope) -> dict | None:
    """The participants counted once per row and in all, from stored parts (see the module's
    description); None where the parts do not add up, or some are still missing."""
    if not _parts_add_up(scope):
        return None
    first = parts.first_month()
    if first is None or first > scope.end:
        return None
    day = datetime.timedelta(days=1)
    fill = parts.FILL_SECONDS / 4

    def summed(name, compute, start, end):
        if start > end:
            return {}
        period = dataclasses.replace(scope, start=start, end=end)
        return parts.computed(name, period, compute, whole=False, fill_seconds=fill)

    before = summed("standard-episodes", episode_counts, first, scope.start - day)
    on_first_day = summed("standard-episodes", episode_counts, scope.start, scope.start)
    after = summed("standard-episodes", episode_counts, scope.start + day, scope.end)
    gaps = summed("standard-gaps", gap_counts, scope.start + day, scope.end)
    if None in (before, on_first_day, after, gaps):
        return None
    by_first_day = parts.add(before, on_first_day)
    by_last_day = parts.add(by_first_day, after)
    first_day = scope.start.toordinal()
    results = {}
    for group, started in by_last_day.items():
        ended = by_first_day.get(group, {})
        counted = {"all": started["all_start"] - before.get(group, {}).get("all_end", 0)}
        for name in EPISODE_TYPES:
            inside = sum(
                n
                for (measure, gap_from), n in gaps.get(group, {}).items()
                if measure == f"{name}_gap" and gap_from > first_day
            )
            counted[name] = started[f"{name}_start"] - ended.get(f"{name}_end", 0) - inside
        results[group] = counted
    return parts.without_empty_groups(results, measure="all")


def _participants_from_rows(scope: Scope) -> dict:
    # The periods going on now, those that ended after the start and the closings: three
    # parts, each read from its own index alone (transition_open_period, the covering
    # (to_type, ended_on) and (to_type, date) indexes).
    periods = Transition.objects.filter(to_type__in=OPEN_TYPES, date__lte=scope.end)
    closed_in_period = CLOSED & Q(date__gte=scope.start, date__lte=scope.end)
    conditions = participant_conditions(scope, FROM_TRANSITION)
    return distinct_counted(
        [
            periods.filter(*conditions, ended_on__isnull=True),
            periods.filter(*conditions, ended_on__gt=scope.start),
            Transition.objects.filter(closed_in_period, *conditions),
        ],
        Grouping.of(scope, FROM_TRANSITION.prefix),
        current=Q(to_type__in=ACTIVE_TYPES),
        waiting=Q(to_type__in=WAITING_TYPES),
        all=None,
    )


def standard_report(scope: Scope) -> Table:
    # The participants counted once, from stored parts or from the steps alone (no join
    # with the answers) ...
    participants = _participants_from_parts(scope)
    if participants is None:
        participants = _participants_from_rows(scope)
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
