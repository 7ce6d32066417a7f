"""The rules for combining roles and giving uppdrag. One place: model validation, admin forms
and the services that grant roles and uppdrag all call these functions."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.choices import OFFICE_UPPDRAG_ROLES, Agency, Role

INCOMPATIBLE_ROLES_MESSAGE = _(
    "Behörighetsrollen deltagaransvarig kan inte kombineras med "
    "samverkansadministratör eller beställare."
)

# Pairs of roles one user may not hold at the same time (SPEC §2.2).
INCOMPATIBLE_ROLE_PAIRS = frozenset(
    {frozenset({Role.DELTAGARANSVARIG, Role.SAMVERKANSADMINISTRATOR})}
)
# Roles that cannot be combined with the beställare flag.
INCOMPATIBLE_WITH_BESTALLARE = frozenset({Role.DELTAGARANSVARIG})

Period = tuple[str, datetime.date, datetime.date | None]


def _overlap(a: Period, b: Period) -> bool:
    _ra, a_from, a_to = a
    _rb, b_from, b_to = b
    return (a_to is None or b_from <= a_to) and (b_to is None or a_from <= b_to)


def role_conflict(grants: Iterable[Period], *, is_bestallare: bool, today: datetime.date) -> bool:
    """Whether a set of role periods (and the beställare flag) breaks an incompatibility."""
    grants = list(grants)
    for i, first in enumerate(grants):
        for second in grants[i + 1 :]:
            pair = frozenset({first[0], second[0]})
            if pair in INCOMPATIBLE_ROLE_PAIRS and _overlap(first, second):
                return True
    if is_bestallare:
        return any(
            role in INCOMPATIBLE_WITH_BESTALLARE and (valid_to is None or valid_to >= today)
            for role, _from, valid_to in grants
        )
    return False


def validate_role_combination(
    *,
    user,
    proposed: Iterable[Period] = (),
    is_bestallare: bool | None = None,
    replacing: Iterable[int] | int | None = None,
    existing: Iterable[Period] | None = None,
) -> None:
    """Raise ValidationError when the user's roles plus the proposed ones are incompatible.

    `replacing` names grants (by pk) that the proposal replaces; `existing`, when given, is used
    instead of the grants stored for the user (an admin form edits them all at once).
    """
    if existing is None:
        replaced = {replacing} if isinstance(replacing, int) else set(replacing or ())
        # Read through the user's relation: this module is imported by the models it validates.
        existing = (
            user.role_grants.exclude(pk__in=replaced).values_list("role", "valid_from", "valid_to")
            if user.pk
            else []
        )
    if is_bestallare is None:
        is_bestallare = user.is_bestallare
    grants = [*existing, *proposed]
    if role_conflict(grants, is_bestallare=is_bestallare, today=timezone.localdate()):
        raise ValidationError(INCOMPATIBLE_ROLES_MESSAGE, code="incompatible_roles")


def validate_uppdrag(uppdrag) -> None:
    """The uppdrag targets what its role needs and the user holds that role for the period."""
    if uppdrag.role in OFFICE_UPPDRAG_ROLES:
        if not uppdrag.office_id:
            raise ValidationError({"office": _("Välj det kontor uppdraget gäller.")})
        agency = uppdrag.office.agency
    else:
        if uppdrag.office_id:
            raise ValidationError(
                {
                    "office": _(
                        "Samverkansadministratörens uppdrag gäller organisationen, inte ett kontor."
                    )
                }
            )
        if not uppdrag.agency:
            raise ValidationError({"agency": _("Välj organisation.")})
        agency = uppdrag.agency
    if not uppdrag.user_id or not uppdrag.role or not uppdrag.valid_from:
        return
    user = uppdrag.user
    if not user.is_active:
        raise ValidationError(
            _("%(user)s är inte en aktiv användare och kan inte få uppdrag.") % {"user": user}
        )
    if user.agency != agency:
        if not user.agency:
            raise ValidationError(
                _("Ange arbetsgivare för %(user)s innan uppdrag ges.") % {"user": user}
            )
        raise ValidationError(
            _("%(user)s är anställd vid %(employer)s och kan bara få uppdrag där.")
            % {"user": user, "employer": Agency(user.agency).label}
        )
    holds_role = user.role_grants.filter(role=uppdrag.role).valid_on(uppdrag.valid_from).exists()
    if not holds_role:
        raise ValidationError(
            _("%(user)s saknar behörighetsrollen %(role)s den dag uppdraget börjar.")
            % {"user": user, "role": Role(uppdrag.role).label.lower()}
        )


# Who gives which uppdrag (SPEC §2.2, §5.6): an insatsansvarig gives deltagaransvarig-uppdrag
# at the offices (insatser) it administers; a samverkansadministratör gives insatsansvarig-uppdrag
# at the offices of its agency's collaboration organisation.
GRANTED_BY = {
    Role.DELTAGARANSVARIG: Role.INSATSANSVARIG,
    Role.INSATSANSVARIG: Role.SAMVERKANSADMINISTRATOR,
}
