""" "Sök" on a personnummer, shared by "Registrera medverkan", "Historik enskild deltagare" and
"Byt kontor": what the user may learn about the person, decided in one place."""

from dataclasses import dataclass
from enum import Enum

from participants.models import Person, Stadsdel
from participants.register import RegisterEntry
from participants.services import lookup_in_register
from transitions.access import may_act_on
from transitions.models import Participation
from transitions.services import participant_protect


class Found(Enum):
    PROTECTED = "protected"  # protected identity: register as anonymous, show nothing
    NO_ACCESS = "no_access"  # the participant belongs to another office
    NEW = "new"  # no open participation: a first registration (T1) may follow
    OPEN = "open"  # an open participation the user may act on


@dataclass(frozen=True)
class SearchResult:
    found: Found
    entry: RegisterEntry | None = None
    person: Person | None = None
    # The user's participation of the person: the open one, or for NEW the latest closed one
    # when the user's office held it last (None otherwise).
    participation: Participation | None = None
    # "Eventuell tidigare registrerad uppgift om stadsdel" (SPEC §4.3): the stadsdel of the
    # person's latest participation, offered again at a new first registration.
    stadsdel: Stadsdel | None = None


def participant_search(*, personnummer, acting) -> SearchResult:
    """Look the person up in the population register and in SUS.

    Raises ValidationError for an invalid personnummer or an unknown person. A person found to
    have protected identity is protected (`participant_protect`: an open participation is
    closed, the personal data SUS held is removed, SPEC §3.3) and reported as PROTECTED; a
    person whose participation belongs to another office as NO_ACCESS.
    """
    entry = lookup_in_register(personnummer)
    person = Person.objects.filter(personnummer=entry.personnummer.value).first()
    if entry.protected_identity:
        if person is not None:
            participant_protect(person=person)  # by the system (SPEC §3.3), not the searcher
        return SearchResult(Found.PROTECTED)
    if person is None:
        return SearchResult(Found.NEW, entry=entry)
    latest = (
        Participation.objects.filter(person=person)
        .select_related("af_office", "fk_office", "municipality", "stadsdel", "person")
        .order_by("-started_on", "-id")
        .first()
    )
    if latest is None:
        return SearchResult(Found.NEW, entry=entry, person=person)
    allowed = may_act_on(acting, latest)
    if latest.is_open:
        if not allowed:
            return SearchResult(Found.NO_ACCESS, entry=entry, person=person)
        return SearchResult(Found.OPEN, entry=entry, person=person, participation=latest)
    return SearchResult(
        Found.NEW,
        entry=entry,
        person=person,
        participation=latest if allowed else None,
        # Told only to those who may see that participation.
        stadsdel=latest.stadsdel if allowed else None,
    )
