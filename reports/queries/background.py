"""Deltagarrapport – Bakgrund (SPEC §7), from the Begäran answers (SPEC §6.1): the situation
directly before the request of every participant in the collaboration at some time in the
period (started on or before its last day and not closed before its first).

One row per participation: its first transition (T1), which holds the Begäran answers.
"""

import dataclasses
import datetime
import functools

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from reports import parts
from reports.layout import Measure, count_table
from reports.queries.common import compared_offices, counted_by, grouped, merge
from reports.scope import (
    AGE_BANDS,
    FROM_TRANSITION,
    Grouping,
    Scope,
    describe,
    participant_conditions,
)
from reports.tables import Table
from transitions.models import (
    Forsorjning,
    InitieradAv,
    TidOffentligForsorjning,
    Transition,
    Utbildningsniva,
)
from transitions.table import FIRST

B = "begarananswers__"


def _age(band) -> Q:
    condition = Q()
    if band.lowest is not None:
        condition &= Q(participation__age_at_start__gte=band.lowest)
    if band.highest is not None:
        condition &= Q(participation__age_at_start__lte=band.highest)
    return condition


def _counts() -> dict:
    """measure key → (label, condition on the participation's first transition)."""
    return {
        "all": (_("Samtliga deltagare"), Q()),
        "answered": (_("Med uppgifter från begäran"), Q(begarananswers__isnull=False)),
        **{
            f"age_{band.code}": (_("Ålder vid start: %(band)s") % {"band": band.label}, _age(band))
            for band in AGE_BANDS
        },
        **{
            f"initiated_{value}": (
                _("Initierad av: %(by)s") % {"by": label},
                Q(**{f"{B}initierad_av": value}),
            )
            for value, label in InitieradAv.choices
        },
        "employed": (_("Anställd"), Q(**{f"{B}anstalld": True})),
        "own_business": (_("Eget företag"), Q(**{f"{B}eget_foretag": True})),
        "registered_af": (_("Inskriven hos Arbetsförmedlingen"), Q(**{f"{B}inskriven_af": True})),
        "working": (_("Arbetar"), Q(**{f"{B}arbetar": True})),
        "studying": (_("Studerar"), Q(**{f"{B}studerar": True})),
        "seeking": (_("Arbetssökande"), Q(**{f"{B}arbetssokande": True})),
        "program": (_("Arbetsmarknadspolitiskt program"), Q(**{f"{B}program": True})),
    }


def _lookup_counts(prefix: str, title: str, field: str, rows) -> dict:
    return {(prefix, row.pk): (f"{title}: {row}", Q(**{f"{B}{field}": row.pk})) for row in rows}


def _measures() -> dict:
    return {
        **_counts(),
        **_lookup_counts(
            "T",
            _("Tid med offentlig försörjning"),
            "tid_offentlig_forsorjning",
            TidOffentligForsorjning.objects.order_by("position", "label"),
        ),
        **_lookup_counts(
            "U",
            _("Utbildningsnivå"),
            "utbildningsniva",
            Utbildningsniva.objects.order_by("position", "label"),
        ),
    }


def _counted(scope: Scope, firsts, counts: dict) -> dict:
    """`{(office, sex): {measure: number}}` of the participations whose first steps are
    `firsts`."""
    grouping = Grouping.of(scope, FROM_TRANSITION.prefix)
    aliases = {key: f"m{i}" for i, key in enumerate(counts)}  # lookup keys are tuples
    found = grouped(
        firsts,
        grouping,
        **{aliases[key]: Count("pk", filter=condition) for key, (_l, condition) in counts.items()},
    )
    return merge(
        {group: {key: values[aliases[key]] for key in counts} for group, values in found.items()},
        {
            group: {("F", pk): n for pk, n in values.items()}
            for group, values in counted_by(
                firsts, grouping, (f"{B}forsorjning",), Count("pk")
            ).items()
        },
    )


def _firsts(scope: Scope):
    # only the first step goes to Begäran: by type and date the steps are read from the index
    return Transition.objects.filter(
        *participant_conditions(scope, FROM_TRANSITION), sequence=1, to_type=FIRST.to_type
    )


def started_counts(scope: Scope, counts: dict) -> dict:
    """The participants whose participation started in the period (its first step's day)."""
    firsts = _firsts(scope).filter(date__gte=scope.start, date__lte=scope.end)
    return _counted(scope, firsts, counts)


def closed_counts(scope: Scope, counts: dict) -> dict:
    """The participants whose participation closed in the period, by their Begäran answers."""
    firsts = _firsts(scope).filter(
        participation__closed_on__gte=scope.start, participation__closed_on__lte=scope.end
    )
    return _counted(scope, firsts, counts)


def stored_parts() -> dict:
    counts = _measures()
    return {
        "background-started": (functools.partial(started_counts, counts=counts), True),
        "background-closed": (functools.partial(closed_counts, counts=counts), True),
    }


def _in_period(scope: Scope, counts: dict) -> dict:
    """Those in the collaboration some time in the period: started on or before its last day
    and not closed before its first. One who closed before the period also started before it,
    so that is everyone started by the last day less everyone closed before the first day:
    both add up over days from the first participation on, from stored parts."""
    first_day = parts.first_month() if parts.adds_up(scope) else None
    if first_day is not None and first_day <= scope.end:
        day_before = scope.start - datetime.timedelta(days=1)
        started = parts.computed(
            "background-started",
            dataclasses.replace(scope, start=first_day, end=scope.end),
            functools.partial(started_counts, counts=counts),
            whole=False,
            fill_seconds=parts.FILL_SECONDS / 2,
        )
        closed = (
            parts.computed(
                "background-closed",
                dataclasses.replace(scope, start=first_day, end=day_before),
                functools.partial(closed_counts, counts=counts),
                whole=False,
                fill_seconds=parts.FILL_SECONDS / 2,
            )
            if day_before >= first_day
            else {}
        )
        if started is not None and closed is not None:
            return parts.without_empty_groups(parts.subtract(started, closed), measure="all")
    # parts still missing (or a choice that does not add up): from the period's rows
    firsts = _firsts(scope).filter(
        Q(participation__closed_on__isnull=True) | Q(participation__closed_on__gte=scope.start),
        date__lte=scope.end,
    )
    return _counted(scope, firsts, counts)


def background_report(scope: Scope) -> Table:
    counts = _measures()
    results = _in_period(scope, counts)
    measures = [Measure(key, label) for key, (label, _condition) in counts.items()]
    forsorjning = [
        Measure(("F", f.pk), _("Försörjning: %(f)s") % {"f": f})
        for f in Forsorjning.objects.order_by("position", "label")
    ]
    answered = [m for m in measures if not isinstance(m.key, tuple)]
    measures = answered + forsorjning + [m for m in measures if isinstance(m.key, tuple)]
    return count_table(
        caption=f"{_('Bakgrund')}, {describe(scope)}",
        scope=scope,
        offices=compared_offices(scope, results),
        measure_title=_("Situation före samarbetet"),
        measures=measures,
        results=results,
        notes=(_("Deltagare i samarbetet någon gång under perioden, före begäran."),),
    )
