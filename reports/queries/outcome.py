"""Deltagarrapport – Sysselsättning och försörjning efter samarbetet (SPEC §7), from the
Avslutat answers (SPEC §6.3) of the participants who closed in the period.

Rows count participants closed by a transition dated in the period: how they closed, then —
among those with Avslutat answers (AVS and KS; AVB has no such set) — their sysselsättning,
försörjning (one or more each) and continued support directly after.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from reports import parts
from reports.layout import Measure, count_table
from reports.queries.common import compared_offices, counted_by, grouped, merge
from reports.scope import FROM_TRANSITION, Grouping, Scope, describe, participant_conditions
from reports.tables import Table
from transitions.models import Forsorjning, InvolveradAktor, Transition
from transitions.table import CLOSING_TYPES, Insatstyp

A = "avslutatanswers__"
ANSWERED = Q(avslutatanswers__isnull=False)

# measure key → (label, condition on the closing transition)
COUNTS = {
    "closed": (_("Avslutade"), Q()),
    **{
        f"type_{t.value}": (_("Avslut: %(typ)s") % {"typ": t.label}, Q(to_type=t))
        for t in (Insatstyp(value) for value in CLOSING_TYPES)
    },
    "answered": (_("Med uppgifter om situationen efter"), ANSWERED),
    "working": (_("Arbetar"), Q(**{f"{A}arbetar": True})),
    "subsidised": (
        _("Arbetar, varav subventionerat arbete"),
        Q(**{f"{A}arbete_subventionerat": True}),
    ),
    "unsubsidised": (
        _("Arbetar, varav ej subventionerat arbete"),
        Q(**{f"{A}arbete_ej_subventionerat": True}),
    ),
    "studying": (_("Studerar"), Q(**{f"{A}studerar": True})),
    "seeking": (_("Arbetssökande"), Q(**{f"{A}arbetssokande": True})),
    "program": (_("Arbetsmarknadspolitiskt program"), Q(**{f"{A}program": True})),
    "registered_af": (_("Inskriven hos Arbetsförmedlingen"), Q(**{f"{A}inskriven_af": True})),
    "continued_fk": (
        _("Fortsatt handläggning hos Försäkringskassan"),
        Q(**{f"{A}fortsatt_fk": True}),
    ),
    "continued_af": (
        _("Fortsatt handläggning hos Arbetsförmedlingen"),
        Q(**{f"{A}fortsatt_af": True}),
    ),
    "continued_kommun": (_("Fortsatt stöd av kommunen"), Q(**{f"{A}fortsatt_kommun": True})),
}


def _prefixed(prefix: str, results: dict) -> dict:
    return {
        group: {(prefix, key): n for key, n in values.items()} for group, values in results.items()
    }


def outcome_counts(scope: Scope) -> dict:
    """`{(office, sex): {measure: number}}` of the participants closed in the period."""
    closed = Transition.objects.filter(
        *participant_conditions(scope, FROM_TRANSITION),
        to_type__in=CLOSING_TYPES,
        date__gte=scope.start,
        date__lte=scope.end,
    )
    grouping = Grouping.of(scope, FROM_TRANSITION.prefix)
    counts = grouped(
        closed,
        grouping,
        **{key: Count("pk", filter=condition) for key, (_label, condition) in COUNTS.items()},
    )
    # a closing transition has each försörjning (aktör) at most once: Count("pk") counts people
    return merge(
        counts,
        _prefixed("F", counted_by(closed, grouping, (f"{A}forsorjning",), Count("pk"))),
        _prefixed("I", counted_by(closed, grouping, (f"{A}involverade_aktorer",), Count("pk"))),
    )


def stored_parts() -> dict:
    return {"outcome": (outcome_counts, True)}


def outcome_report(scope: Scope) -> Table:
    # each participant counts on the day it closed: the report is the sum of its days'
    results = parts.computed("outcome", scope, outcome_counts)
    forsorjning = list(Forsorjning.objects.order_by("position", "label"))
    aktorer = list(InvolveradAktor.objects.order_by("position", "label"))
    measures = [Measure(key, label) for key, (label, _condition) in COUNTS.items()]
    measures += [Measure(("F", f.pk), _("Försörjning: %(f)s") % {"f": f}) for f in forsorjning]
    measures += [Measure(("I", a.pk), _("Involverade aktörer: %(a)s") % {"a": a}) for a in aktorer]
    return count_table(
        caption=f"{_('Sysselsättning och försörjning efter samarbetet')}, {describe(scope)}",
        scope=scope,
        offices=compared_offices(scope, results),
        measure_title=_("Situation efter samarbetet"),
        measures=measures,
        results=results,
        notes=(_("Deltagare som avslutats under perioden."),),
    )
