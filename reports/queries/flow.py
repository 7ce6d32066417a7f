"""Deltagarrapport – Flöde (SPEC §7): the number of each transition of the transition table
dated in the period (steps, not participants: ARF ↔ ARL can be taken more than once)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from reports import parts
from reports.layout import Measure, count_table
from reports.queries.common import compared_offices, counted_by
from reports.scope import STEP, Grouping, Scope, describe, participant_conditions
from reports.tables import Table
from transitions.models import Transition
from transitions.table import TRANSITIONS

NEW = _("Ny medverkan")


def _measure(rule) -> Measure:
    start = rule.from_type.label if rule.from_type else NEW
    short_start = rule.from_type.value if rule.from_type else "–"
    return Measure(
        (rule.from_type.value if rule.from_type else None, rule.to_type.value),
        f"{start} → {rule.to_type.label}",
        f"{short_start} → {rule.to_type.value}",
    )


MEASURES = tuple(_measure(rule) for rule in TRANSITIONS)


def flow_counts(scope: Scope) -> dict:
    """`{(office, sex): {(from, to): number of steps}}` of the steps dated in the period."""
    transitions = Transition.objects.filter(
        *participant_conditions(scope, STEP),
        date__gte=scope.start,
        date__lte=scope.end,
    )
    return counted_by(
        transitions,
        Grouping.of(scope, STEP.prefix, office_prefix=STEP.office_prefix),
        ("from_type", "to_type"),
        Count("pk"),
    )


def stored_parts() -> dict:
    return {"flow": (flow_counts, True)}


def flow_report(scope: Scope) -> Table:
    # each step counts on its own day: the report is the sum of its days'
    results = parts.computed("flow", scope, flow_counts)
    return count_table(
        caption=f"{_('Flöde')}, {describe(scope)}",
        scope=scope,
        offices=compared_offices(scope, results),
        measure_title=_("Övergång"),
        measures=list(MEASURES),
        results=results,
        notes=(_("Antal övergångar daterade under perioden."),),
    )
