"""Who may see and register which participant (SPEC §2.3). Deny by default; one place.

A deltagaransvarig may see and register a participation while its current office of the user's
agency is one the user holds a valid uppdrag for. Views never fetch a participation directly:
they call `get_participation_for_user`, and the services check `may_act_on` again.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from offices.selectors import caseworker_office_ids, caseworker_offices_by_agency
from transitions.models import Participation

NO_UPPDRAG_MESSAGE = _(
    "Du saknar uppdrag i organisation (kontor eller Arbetsförmedling) som ansvarar för denna "
    "deltagare. Du får därför inte se uppgifter om denna deltagare."
)


class NoAccess(PermissionDenied):
    """The user may not see this participant; the message is the one of SPEC §5.1.

    `person_ids` names the person asked about when the refusal came from a search, so that the
    access log finds the attempt under that person."""

    def __init__(self, message=NO_UPPDRAG_MESSAGE, *, person_ids=()):
        super().__init__(message)
        self.message = message
        self.person_ids = list(person_ids)


def may_act_on(user_or_acting, participation: Participation) -> bool:
    office_ids = caseworker_office_ids(user_or_acting)
    return participation.af_office_id in office_ids or participation.fk_office_id in office_ids


def ensure_may_act_on(user_or_acting, participation: Participation) -> None:
    if not may_act_on(user_or_acting, participation):
        raise NoAccess


def participations_for_user(user_or_acting):
    """Every participation the user may see (identified persons only; anonymous never)."""
    return Participation.objects.identified().at_offices(
        caseworker_offices_by_agency(user_or_acting)
    )


# The rows the participant pages show with a participation (transitions.selectors reads the
# history onto them).
PAGE_RELATED = ("person", "af_office", "fk_office", "municipality", "stadsdel", "consent")


def get_participation_for_user(user_or_acting, public_id, *, related=True) -> Participation:
    """The participation the user may see, with the rows its pages show (`related`), or the
    row alone for a change that the service reads again under its lock."""
    participations = participations_for_user(user_or_acting)
    if related:
        participations = participations.select_related(*PAGE_RELATED)
    participation = participations.filter(public_id=public_id).first()
    if participation is None:
        raise NoAccess
    return participation
