"""Writing the audit trail. Services call `audit_record` inside their own transaction, so a
change and its record are saved together or not at all."""

import hashlib
import hmac
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router, transaction
from django.utils import timezone

from audit.append_only import log_rewrite_allowed
from audit.models import AccessLog, AccessOutcome, AuditRecord
from sus.security import security_event


def snapshot(instance: models.Model | None, *, exclude: tuple[str, ...] = ()) -> dict | None:
    """The concrete field values of a model instance as plain JSON data."""
    if instance is None:
        return None
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = field.value_from_object(instance)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def audit_record(
    *,
    actor,
    action: str,
    instance: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    participation_ref=None,
) -> AuditRecord:
    return AuditRecord.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=instance._meta.label,
        object_id=str(instance.pk),
        participation_ref=participation_ref,
        before=before,
        after=after,
    )


def subject_key(personnummer: str) -> str:
    """A keyed hash of a (12-digit) personnummer: the same number always gives the same key,
    so the log can be searched by personnummer without holding it."""
    return hmac.new(
        settings.SUS_LOG_KEY.encode(), personnummer.encode(), hashlib.sha256
    ).hexdigest()


def log_access(
    *,
    user,
    page: str,
    outcome: str,
    participations=(),
    person_ids=(),
    participation_refs=(),
    personnummer: str | None = None,
) -> None:
    """Write one access-log row per participant shown or refused, in one INSERT for a list.
    `personnummer`: the person shown is not (yet) in SUS; logged as its keyed hash."""
    rows = [
        (p.person_id, p.public_id, "") for p in participations
    ]  # (person, participation, subject)
    rows += [(pk, None, "") for pk in person_ids]
    rows += [(None, ref, "") for ref in participation_refs]
    if personnummer:
        rows.append((None, None, subject_key(personnummer)))
    _insert_access_rows(rows or [(None, None, "")], user=user, page=page, outcome=outcome)
    if outcome == AccessOutcome.DENIED:
        # Every refusal is a security event too (ASVS V16); the person stays in the access log.
        security_event("access.denied", user=user, page=page)


def _insert_access_rows(rows: list[tuple], *, user, page: str, outcome: str) -> None:
    """On PostgreSQL one statement of the same text for any number of rows (so a pooled
    connection prepares it once), from arrays of the varying columns, without a model instance
    per row: Att göra logs up to 100 rows on every view, and building them through the ORM cost
    more than the page's two list queries together. Elsewhere the ORM's bulk insert."""
    database = connections[router.db_for_write(AccessLog)]
    if database.vendor != "postgresql":
        AccessLog.objects.using(database.alias).bulk_create(
            [
                AccessLog(
                    user=user,
                    page=page,
                    outcome=outcome,
                    person_ref=person,
                    participation_ref=participation,
                    subject=subject,
                )
                for person, participation, subject in rows
            ]
        )
        return
    people, participations, subjects = (list(column) for column in zip(*rows, strict=True))
    with database.cursor() as cursor:
        cursor.execute(
            _INSERT_ACCESS_ROWS,
            [timezone.now(), user.pk, page, outcome, people, participations, subjects],
        )


def _insert_access_rows_sql() -> str:
    meta = AccessLog._meta
    column = {name: meta.get_field(name).column for name in _ACCESS_COLUMNS}
    names = ", ".join(column[name] for name in _ACCESS_COLUMNS)
    return (
        f"INSERT INTO {meta.db_table} ({names}) "  # nosec B608: names from the model, no input
        "SELECT %s, %s, %s, %s, r.person_ref, r.participation_ref, r.subject "
        "FROM unnest(%s::bigint[], %s::uuid[], %s::varchar[]) "
        "AS r(person_ref, participation_ref, subject)"
    )


_ACCESS_COLUMNS = ("at", "user", "page", "outcome", "person_ref", "participation_ref", "subject")
_INSERT_ACCESS_ROWS = _insert_access_rows_sql()


def audit_redact(*, participation_refs, fields: tuple[str, ...]) -> int:
    """Gallring in the audit trail: blank `fields` (e.g. "stadsdel_id") in the before and after
    snapshots of the records about these participations. The retention job's path past the
    append-only triggers; returns how many records changed."""
    changed = 0
    with transaction.atomic(), log_rewrite_allowed():
        records = AuditRecord.objects.filter(participation_ref__in=list(participation_refs))
        for record in records.only("pk", "before", "after"):
            before, after = _blanked(record.before, fields), _blanked(record.after, fields)
            if (before, after) != (record.before, record.after):
                AuditRecord.objects.filter(pk=record.pk).update(before=before, after=after)
                changed += 1
    return changed


def access_log_forget(*, personnummer: str) -> int:
    """Gallring in the access log: the rows of searches for this personnummer keep who searched
    and when, but can no longer be found by the personnummer (the keyed hash is removed)."""
    with transaction.atomic(), log_rewrite_allowed():
        return AccessLog.objects.filter(subject=subject_key(personnummer)).update(subject="")


def _blanked(snapshot_data, fields: tuple[str, ...]):
    """The snapshot with `fields` blanked wherever they stand: snapshots nest (a start records
    the participation, its consent, office period and first step; a deletion the answers)."""
    if isinstance(snapshot_data, dict):
        return {
            key: None if key in fields else _blanked(value, fields)
            for key, value in snapshot_data.items()
        }
    if isinstance(snapshot_data, list):
        return [_blanked(item, fields) for item in snapshot_data]
    return snapshot_data
