"""The consistency checker: every rule a participation's history must obey, checked against
what is stored. Used by `manage.py check_histories` and the tests. Reports no personal data."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from types import SimpleNamespace

from django.db.models import Prefetch

from transitions.models import OfficePeriod, Participation, Transition, lead_dates
from transitions.table import FIRST, Insatstyp, is_closing, rule_for


@dataclass(frozen=True)
class Problem:
    participation: str  # the public id
    message: str

    def __str__(self):
        return f"{self.participation}: {self.message}"


def _label(insatstyp) -> str:
    return Insatstyp(insatstyp).label if insatstyp else "(ingen)"


def problems_of(participation: Participation) -> list[str]:
    """Every broken rule of one participation (transitions and office periods prefetched)."""
    found = []
    transitions = list(participation.transitions.all())
    periods = list(participation.office_periods.all())
    if not transitions:
        return ["saknar övergångar"]
    if [t.sequence for t in transitions] != list(range(1, len(transitions) + 1)):
        found.append("övergångarnas ordningsnummer har luckor eller dubbletter")
    first = transitions[0]
    if first.from_type is not None or first.to_type != FIRST.to_type:
        found.append(f"första övergången är {_label(first.from_type)} → {_label(first.to_type)}")
    for previous, current in pairwise(transitions):
        if is_closing(previous.to_type):
            found.append(f"övergång efter avslutande insatstyp {_label(previous.to_type)}")
        if current.from_type != previous.to_type:
            found.append(
                f"övergång {current.sequence} utgår från {_label(current.from_type)} men "
                f"föregående gick till {_label(previous.to_type)}"
            )
        if current.date < previous.date:
            found.append(f"övergång {current.sequence} är daterad före föregående övergång")
        if previous.ended_on != current.date:
            found.append(f"period {previous.sequence} slutar inte när nästa övergång börjar")
    for transition in transitions:
        if transition.sequence > 1 and rule_for(transition.from_type, transition.to_type) is None:
            found.append(
                f"övergång {transition.sequence} ({_label(transition.from_type)} → "
                f"{_label(transition.to_type)}) finns inte i övergångstabellen"
            )
    found += _lead_date_problems(transitions)
    last = transitions[-1]
    if last.ended_on is not None:
        found.append("den senaste perioden har ett slutdatum")
    if participation.current_type != last.to_type or participation.current_since != last.date:
        found.append("aktuell insatstyp stämmer inte med historiken")
    expected_closed = last.date if is_closing(last.to_type) else None
    if participation.closed_on != expected_closed:
        found.append("avslutsdatum stämmer inte med historiken")
    if participation.started_on != first.date:
        found.append("startdatum stämmer inte med första övergången")
    due = min((t.date for t in transitions if not t.answers_complete), default=None)
    if participation.answers_due_since != due:
        found.append("datum för saknade svar stämmer inte med stegen")
    if participation.personal_data_held != (participation.person.personnummer is not None):
        found.append("uppgiften om kvarvarande personuppgifter stämmer inte med personen")
    try:
        participation.consent  # noqa: B018 (selected with the participation)
    except Participation.consent.RelatedObjectDoesNotExist:
        found.append("saknar samtycke")
    found += _office_problems(participation, periods, transitions)
    return found


def _lead_date_problems(transitions) -> list[str]:
    """The earlier dates each step carries, against those the history gives (each step's
    expected dates follow from the previous step's date and expected GK date)."""
    found, previous = [], None
    for transition in transitions:
        expected = lead_dates(previous, to_type=transition.to_type, date=transition.date)
        previous = SimpleNamespace(date=transition.date, gk_date=expected["gk_date"])
        if transition.previous_date != expected["previous_date"]:
            found.append(
                f"övergång {transition.sequence} har fel datum för föregående övergång"
                if transition.sequence > 1
                else "första övergången har ett datum för föregående övergång"
            )
        if transition.gk_date != expected["gk_date"]:
            found.append(f"övergång {transition.sequence} har fel datum för gemensam kartläggning")
    return found


def _office_problems(participation, periods, transitions) -> list[str]:
    if not periods:
        return ["saknar handläggande kontor"]
    found = []
    if [p.sequence for p in periods] != list(range(1, len(periods) + 1)):
        found.append("kontorsperiodernas ordningsnummer har luckor eller dubbletter")
    if periods[0].valid_from != transitions[0].date:
        found.append("första kontorsperioden börjar inte vid första övergången")
    for previous, current in pairwise(periods):
        if current.valid_from < previous.valid_from:
            found.append(f"kontorsperiod {current.sequence} överlappar föregående")
    current = periods[-1]
    if (participation.af_office_id, participation.fk_office_id) != (
        current.af_office_id,
        current.fk_office_id,
    ):
        found.append("aktuella kontor stämmer inte med kontorshistoriken")
    stored = participation.current_office_period()
    if (stored.sequence, stored.valid_from, stored.fenced_sequence) != (
        current.sequence,
        current.valid_from,
        current.fenced_sequence,
    ):
        found.append("aktuell kontorsperiod stämmer inte med kontorshistoriken")
    for period in periods[1:]:
        for transition in transitions:
            if transition.registered_at > period.registered_at and (
                transition.date < period.valid_from
            ):
                found.append(
                    f"övergång {transition.sequence} registrerades efter flytt "
                    f"{period.sequence} men är daterad före datum för flytt"
                )
    return found


def check_participations(
    participations: Iterable[Participation] | None = None, *, chunk_size: int = 2000
) -> Iterator[Problem]:
    """Yield the problems of every participation (all of them by default), a chunk at a time."""
    queryset = participations if participations is not None else Participation.objects.all()
    queryset = queryset.select_related("consent", "person").prefetch_related(
        Prefetch("transitions", queryset=Transition.objects.order_by("sequence")),
        Prefetch("office_periods", queryset=OfficePeriod.objects.order_by("sequence")),
    )
    for participation in queryset.order_by("pk").iterator(chunk_size=chunk_size):
        for message in problems_of(participation):
            yield Problem(str(participation.public_id), message)
