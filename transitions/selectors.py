"""Reads of participant data for the screens. Every one goes through the access rule."""

import dataclasses
import datetime
import uuid

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from offices.choices import Agency
from participants.models import full_name
from transitions.access import PAGE_RELATED, participations_for_user
from transitions.models import OfficePeriod, Participation, Transition


def _history_prefetches(*, office_history: bool):
    transitions = Prefetch(
        "transitions",
        queryset=Transition.objects.select_related(
            "af_office", "fk_office", "registered_by"
        ).order_by("sequence"),
    )
    if not office_history:
        return (transitions,)
    periods = OfficePeriod.objects.select_related("af_office", "fk_office", "registered_by")
    return (transitions, Prefetch("office_periods", queryset=periods.order_by("sequence")))


def participation_history(participation: Participation, *, office_history=False) -> Participation:
    """Load the history shown on the participant pages in a fixed number of queries: the
    transitions (one query) onto the row already read when it was read with its related rows
    (`get_participation_for_user` does), else onto a fresh read; with `office_history` (the
    page that shows it, Historik) the office periods too, with their offices and registering
    users. The other pages read the current period from the participation itself."""
    meta = participation._meta
    if not all(meta.get_field(name).is_cached(participation) for name in PAGE_RELATED):
        participation = (
            Participation.objects.select_related(*PAGE_RELATED).filter(pk=participation.pk).get()
        )
    prefetch_related_objects([participation], *_history_prefetches(office_history=office_history))
    return participation


def other_participations(acting, participation: Participation) -> QuerySet:
    """The person's other participations the user may see (earlier collaborations)."""
    return (
        participations_for_user(acting)
        .filter(person_id=participation.person_id)
        .exclude(pk=participation.pk)
        .order_by("-started_on")
    )


def participant_list(acting, *, filters: dict) -> QuerySet:
    """ "Visa deltagare": the user's participants, filtered, newest step first."""
    queryset = participations_for_user(acting).select_related("person", "af_office", "fk_office")
    if filters.get("insatstyp"):
        queryset = queryset.filter(current_type=filters["insatstyp"])
    queryset = queryset.with_status(filters.get("status"))
    if filters.get("fran"):
        queryset = queryset.filter(current_since__gte=filters["fran"])
    if filters.get("till"):
        queryset = queryset.filter(current_since__lte=filters["till"])
    if filters.get("office"):
        office = filters["office"]
        queryset = queryset.filter(**{Agency(office.agency).office_field: office})
    if filters.get("kon"):
        queryset = queryset.filter(person__sex=filters["kon"])
    return queryset.order_by("-current_since", "-id")


@dataclasses.dataclass(frozen=True, slots=True)
class ListedParticipation:
    """A participation as a row of Att göra shows it: the person's name and personnummer, and
    what its link and the access log need. Att göra lists up to a hundred: plain rows, not a
    participation and a person each (docs/performance.md)."""

    pk: int
    public_id: uuid.UUID
    person_id: int
    first_name: str
    last_name: str
    personnummer: str | None

    @property
    def name(self) -> str:
        return full_name(self.first_name, self.last_name)


_LISTED = (
    "pk",
    "public_id",
    "person_id",
    "person__first_name",
    "person__last_name",
    "person__personnummer",
)


def _listed(row: tuple) -> tuple[ListedParticipation, ...]:
    """A row read with the `_LISTED` fields first: the participation, then the rest."""
    width = len(_LISTED)
    return (ListedParticipation(*row[:width]), *row[width:])


@dataclasses.dataclass(frozen=True, slots=True)
class DueStep:
    """A step whose answers are missing, as Att göra lists it."""

    participation: ListedParticipation
    sequence: int
    to_type: str
    date: datetime.date


@dataclasses.dataclass(frozen=True, slots=True)
class WaitingParticipation:
    """A participant waiting too long, as Att göra lists it."""

    participation: ListedParticipation
    current_type: str
    current_since: datetime.date


def transitions_missing_answers(acting, *, limit: int) -> list[DueStep]:
    """The steps whose answers are due, oldest first. The `limit` earliest of them belong to
    the `limit` participations whose earliest due step is oldest (the stored
    `answers_due_since`, read in order from a partial index per office), so only their steps
    are read."""
    earliest = (
        participations_for_user(acting)
        .filter(answers_due_since__isnull=False)
        .order_by("answers_due_since", "id")
        .values("pk")[:limit]
    )
    rows = (
        Transition.objects.answers_missing()
        .filter(participation__in=earliest)
        .order_by("date", "id")
        .values_list(*(f"participation__{name}" for name in _LISTED), "sequence", "to_type", "date")
    )
    return [DueStep(*_listed(row)) for row in rows[:limit]]


def waiting_too_long(
    acting, *, today: datetime.date, days: int, limit: int
) -> list[WaitingParticipation]:
    rows = (
        participations_for_user(acting)
        .waiting()
        .filter(current_since__lt=today - datetime.timedelta(days=days))  # more than `days`
        .order_by("current_since", "id")
        .values_list(*_LISTED, "current_type", "current_since")
    )
    return [WaitingParticipation(*_listed(row)) for row in rows[:limit]]
