"""Writing the audit trail. Services call `audit_record` inside their own transaction, so a
change and its record are saved together or not at all."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from audit.models import AuditRecord


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
