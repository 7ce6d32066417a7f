"""Deltagarrapport – Bakgrund (SPEC §7), from the Begäran answers (SPEC §6.1): the situation
directly before the request of every participant in the collaboration at some time in the
period (started on or before its last day and not closed before its first).

One row per participation: its first transition (T1), which holds the Begäran answers.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

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


def background_report(scope: Scope) -> Table:
    firsts = Transition.objects.filter(
        Q(participation__closed_on__isnull=True) | Q(participation__closed_on__gte=scope.start),
        *participant_conditions(scope, FROM_TRANSITION),
        sequence=1,
        date__lte=scope.end,
    )
    grouping = Grouping.of(scope, FROM_TRANSITION.prefix)
    counts = {
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
    aliases = {key: f"m{i}" for i, key in enumerate(counts)}  # lookup keys are tuples
    found = grouped(
        firsts,
        grouping,
        **{aliases[key]: Count("pk", filter=condition) for key, (_l, condition) in counts.items()},
    )
    results = merge(
        {group: {key: values[aliases[key]] for key in counts} for group, values in found.items()},
        {
            group: {("F", pk): n for pk, n in values.items()}
            for group, values in counted_by(
                firsts, grouping, (f"{B}forsorjning",), Count("pk")
            ).items()
        },
    )
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
