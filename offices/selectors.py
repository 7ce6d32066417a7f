"""Reads about who may act where. Every view that needs a user's offices goes through here."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from offices.choices import Agency, Role
from offices.models import Office, RoleGrant, Uppdrag, User
from offices.rules import GRANTED_BY


def uppdrag_for_user(*, user, on: datetime.date | None = None, role: str | None = None) -> QuerySet:
    """The uppdrag the user may act on, on a day (default today): the uppdrag and the role it
    is exercised in are both valid that day. One query, offices included."""
    if not user.is_authenticated:
        return Uppdrag.objects.none()
    on = on or timezone.localdate()
    role_held = RoleGrant.objects.valid_on(on).filter(user=OuterRef("user"), role=OuterRef("role"))
    queryset = (
        Uppdrag.objects.valid_on(on)
        .filter(user=user, user__is_active=True)
        .filter(Exists(role_held))
        .select_related("office")
        .order_by("role", "office__agency", "office__name", "office__series")
    )
    if role:
        queryset = queryset.filter(role=role)
    return queryset


def offices_for_user(*, user, role: str, on: datetime.date | None = None) -> QuerySet:
    """The offices the user may act for as `role` on a day."""
    return Office.objects.filter(
        pk__in=uppdrag_for_user(user=user, on=on, role=role).values("office")
    )


def roles_for_user(*, user, on: datetime.date | None = None) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    on = on or timezone.localdate()
    grants = RoleGrant.objects.valid_on(on).filter(user=user).order_by()  # a set: no join to sort
    return frozenset(grants.values_list("role", flat=True))


# The roles and uppdrag read for a request, kept in this process under the user's access stamp
# and the day. The user is read from the database on every request, so a change of the roles,
# uppdrag or their offices, which renews the stamp (offices/triggers.py), is read on the next
# request; meanwhile a request reads neither (two queries less). Kept as pickles: no request
# shares another's model instances.
_READINGS = LocMemCache("sus-acting", {"TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": 2000}})


def forget_readings() -> None:
    _READINGS.clear()


@dataclass
class Acting:
    """What the logged-in user may do today; attached to each request, loaded on first use.
    `kept`: the user was read from the database for this request (offices.middleware), so its
    access stamp is current and the process's reading under it may be used."""

    user: object
    on: datetime.date = field(default_factory=timezone.localdate)
    kept: bool = False

    @cached_property
    def _kept_reading(self) -> tuple[frozenset[str], list[Uppdrag]]:
        key = f"{self.user.pk}:{self.user.access_stamp}:{self.on.isoformat()}"
        reading = _READINGS.get(key)
        if reading is None:
            reading = (
                roles_for_user(user=self.user, on=self.on),
                list(uppdrag_for_user(user=self.user, on=self.on)),
            )
            _READINGS.set(key, reading)
        return reading

    @property
    def _keeps(self) -> bool:
        return self.kept and self.user.is_authenticated and self.user.is_active

    @cached_property
    def roles(self) -> frozenset[str]:
        if self._keeps:
            return self._kept_reading[0]
        return roles_for_user(user=self.user, on=self.on)

    @cached_property
    def uppdrag(self) -> list[Uppdrag]:
        if self._keeps:
            return self._kept_reading[1]
        return list(uppdrag_for_user(user=self.user, on=self.on))

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in Role.values if role in self.roles]

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def has_any_role(self) -> bool:
        return bool(self.roles)

    def offices(self, role: str) -> list[Office]:
        return [u.office for u in self.uppdrag if u.role == role and u.office_id]

    def office_ids(self, role: str) -> frozenset[int]:
        return frozenset(u.office_id for u in self.uppdrag if u.role == role and u.office_id)

    @property
    def caseworker_office_ids(self) -> frozenset[int]:
        return self.office_ids(Role.DELTAGARANSVARIG)

    def organisations(self) -> list[str]:
        """Agencies whose collaboration organisation the user administers."""
        return [u.agency for u in self.uppdrag if u.role == Role.SAMVERKANSADMINISTRATOR]


def _acting(user_or_acting) -> Acting:
    """Views pass `request.acting` (read once per request); services may pass the user, whose
    request's reading is reused (`offices.middleware.ActingMiddleware`) when it is today's."""
    if isinstance(user_or_acting, Acting):
        return user_or_acting
    read = getattr(user_or_acting, "sus_acting", None)
    if read is not None and read.on == timezone.localdate():
        return read
    return Acting(user=user_or_acting)


def caseworker_office_ids(user_or_acting) -> frozenset[int]:
    """The offices the user may act for as deltagaransvarig today (none without the role)."""
    acting = _acting(user_or_acting)
    if not acting.has_role(Role.DELTAGARANSVARIG):
        return frozenset()
    return acting.caseworker_office_ids


def caseworker_offices_by_agency(user_or_acting) -> dict[str, frozenset[int]]:
    """The same offices as `caseworker_office_ids`, split by agency: a participation's
    arbetsförmedling is always an Af office and its kontor an FK office, so each id need only
    be looked for in its own column (one index, in order, instead of an OR of two)."""
    acting = _acting(user_or_acting)
    ids = caseworker_office_ids(acting)
    found: dict[str, set[int]] = {agency: set() for agency in Agency.values}
    for uppdrag in acting.uppdrag:
        if uppdrag.office_id in ids:
            found[uppdrag.office.agency].add(uppdrag.office_id)
    return {agency: frozenset(office_ids) for agency, office_ids in found.items()}


def grantable_roles(acting: Acting) -> list[str]:
    """The roles whose uppdrag the user may give and end ("Tilldela uppdrag")."""
    return [role for role, granter in GRANTED_BY.items() if acting.has_role(granter)]


def administrable_offices(acting: Acting, role: str) -> QuerySet:
    """The offices where the user may give and end uppdrag of `role`."""
    granter = GRANTED_BY.get(role)
    if granter is None or not acting.has_role(granter):
        return Office.objects.none()
    if granter == Role.SAMVERKANSADMINISTRATOR:
        return Office.objects.filter(agency__in=acting.organisations()).order_by("name", "series")
    return Office.objects.filter(pk__in=acting.office_ids(granter)).order_by("name", "series")


def uppdrag_holders(*, office: Office, role: str, on: datetime.date | None = None) -> QuerySet:
    """The uppdrag of `role` at the office that hold on after the day (those ended today are
    gone from the list, so a removal can be undone the same day), with their users."""
    on = on or timezone.localdate()
    return (
        Uppdrag.objects.filter(valid_from__lte=on)
        .not_ended(on + datetime.timedelta(days=1))
        .filter(office=office, role=role)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def wildcard_regex(pattern: str) -> str:
    """`*` as wildcard: "Ka*" finds Kalle and Karl; no `*` = the whole word. Anchored."""
    return "^" + ".*".join(re.escape(part) for part in pattern.strip().split("*")) + "$"


def wildcard(field: str, pattern: str) -> Q:
    """A case-insensitive wildcard search on a field (see `wildcard_regex`)."""
    return Q(**{f"{field}__iregex": wildcard_regex(pattern)})


def eligible_users(
    *, office: Office, role: str, first_name: str = "", last_name: str = "", employer: str = ""
) -> QuerySet:
    """Users who may get an uppdrag of `role` at the office: active, employed by the office's
    agency and holding the role today, matching the search terms."""
    holders = RoleGrant.objects.current().filter(user=OuterRef("pk"), role=role)
    queryset = User.objects.filter(is_active=True, agency=office.agency).filter(Exists(holders))
    if first_name.strip():
        queryset = queryset.filter(wildcard("first_name", first_name))
    if last_name.strip():
        queryset = queryset.filter(wildcard("last_name", last_name))
    if employer.strip():
        agencies = [
            agency.value
            for agency in Agency
            if re.match(wildcard_regex(employer), str(agency.label), flags=re.IGNORECASE)
            or agency.value.lower() == employer.strip().lower()
        ]
        queryset = queryset.filter(agency__in=agencies)
    return queryset.order_by("last_name", "first_name", "username")
