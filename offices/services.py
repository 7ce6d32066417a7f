"""Granting and ending roles and uppdrag: the only way the application changes them.

Each service locks the user row first (so two administrators granting at the same moment are
serialised and the incompatibility check sees the other's grant), validates through
`offices.rules`, saves and writes the audit record in the same transaction.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record, snapshot
from offices.models import Office, RoleGrant, Uppdrag, User
from offices.selectors import Acting, administrable_offices


def _lock_user(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def role_grant(
    *,
    user: User,
    role: str,
    actor,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> RoleGrant:
    """Give the user a behörighetsroll. Refuses incompatible combinations (SPEC §2.2)."""
    with transaction.atomic():
        user = _lock_user(user)
        grant = RoleGrant(
            user=user, role=role, valid_from=valid_from or timezone.localdate(), valid_to=valid_to
        )
        grant.full_clean()
        grant.save()
        audit_record(actor=actor, action="role.grant", instance=grant, after=snapshot(grant))
    return grant


def uppdrag_grant(
    *,
    user: User,
    role: str,
    actor,
    office: Office | None = None,
    agency: str = "",
    valid_from: datetime.date | None = None,
) -> Uppdrag:
    """Give the user an uppdrag for an office (or an agency organisation) from a day on."""
    with transaction.atomic():
        user = _lock_user(user)
        uppdrag = Uppdrag(
            user=user,
            role=role,
            office=office,
            agency=office.agency if office else agency,
            valid_from=valid_from or timezone.localdate(),
        )
        uppdrag.full_clean()
        try:
            with transaction.atomic():
                uppdrag.save()
        except IntegrityError as error:
            raise ValidationError(
                _("%(user)s har redan detta uppdrag.") % {"user": user}, code="duplicate"
            ) from error
        audit_record(actor=actor, action="uppdrag.grant", instance=uppdrag, after=snapshot(uppdrag))
    return uppdrag


def uppdrag_end(*, uppdrag: Uppdrag, actor, on: datetime.date | None = None) -> Uppdrag:
    """End an uppdrag: it stays as history, valid to and including `on` (default today)."""
    on = on or timezone.localdate()
    with transaction.atomic():
        _lock_user(uppdrag.user)
        # of=self: the office is a nullable join, which PostgreSQL cannot lock FOR UPDATE.
        uppdrag = (
            Uppdrag.objects.select_for_update(of=("self",))
            .select_related("office")
            .get(pk=uppdrag.pk)
        )
        before = snapshot(uppdrag)
        if uppdrag.valid_to is not None and uppdrag.valid_to <= on:
            return uppdrag
        # An uppdrag that had not started yet ends before it began: keep the period ordered.
        uppdrag.valid_to = max(on, uppdrag.valid_from)
        uppdrag.save(update_fields=["valid_to"])
        audit_record(
            actor=actor,
            action="uppdrag.end",
            instance=uppdrag,
            before=before,
            after=snapshot(uppdrag),
        )
    return uppdrag


def office_uppdrag_update(*, office: Office, role: str, add=(), remove=(), actor) -> dict:
    """ "Tilldela uppdrag": give uppdrag of `role` at the office to `add`, end those of
    `remove` (valid to today, never deleted). The actor must administer the office for that
    role; each grant obeys the same rules as everywhere (`offices.rules`). All or nothing;
    every grant and end is audited. Returns {"added": [...], "ended": [...]}."""
    if not administrable_offices(Acting(user=actor), role).filter(pk=office.pk).exists():
        raise ValidationError(
            _("Du kan inte tilldela uppdrag för %(office)s.") % {"office": office},
            code="not_administrator",
        )
    today = timezone.localdate()
    add, remove = list(add), list(remove)
    if any(user.pk == actor.pk for user in add):
        # Nobody gives itself access: a second person grants it (four-eyes).
        raise ValidationError(_("Du kan inte ge dig själv ett uppdrag."), code="self")
    added, ended = [], []
    with transaction.atomic():
        for user in add:
            open_ = Uppdrag.objects.filter(user=user, role=role, office=office, valid_to=None)
            if not open_.filter(valid_from__lte=today).exists():
                added.append(uppdrag_grant(user=user, role=role, office=office, actor=actor))
        for user in remove:
            # Valid after today: one already ending today is left alone, and not counted.
            for uppdrag in Uppdrag.objects.not_ended(today + datetime.timedelta(days=1)).filter(
                user=user, role=role, office=office
            ):
                ended.append(uppdrag_end(uppdrag=uppdrag, actor=actor, on=today))
    return {"added": added, "ended": ended}
