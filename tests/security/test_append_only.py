"""Append-only at the database level (ASVS V16.4): the database itself refuses UPDATE and
DELETE on the audit trail and the access log, whatever the code does — except inside the
retention job's documented path, `audit.append_only.log_rewrite_allowed()`."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.append_only import log_rewrite_allowed
from audit.models import AccessLog, AccessOutcome, AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(fk_caseworker):
    record = AuditRecord.objects.create(
        actor=fk_caseworker, action="test", object_type="x", object_id="1", after={"a": 1}
    )
    access = AccessLog.objects.create(user=fk_caseworker, page="test", outcome=AccessOutcome.SHOWN)
    return record, access


def refused(operation) -> bool:
    try:
        with transaction.atomic():
            operation()
    except DatabaseError:
        return True
    return False


@pytest.mark.parametrize("model", [AuditRecord, AccessLog])
def test_queryset_update_is_refused(rows, model):
    assert refused(lambda: model.objects.update(at="2000-01-01T00:00:00Z"))
    assert not model.objects.filter(at__year=2000).exists()


@pytest.mark.parametrize("model", [AuditRecord, AccessLog])
def test_queryset_delete_is_refused(rows, model):
    count = model.objects.count()
    assert refused(lambda: model.objects.all().delete())
    assert model.objects.count() == count


def test_raw_sql_is_refused_too(rows):
    def raw():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_accesslog")

    assert refused(raw)


def test_new_rows_are_still_written(rows, fk_caseworker):
    AccessLog.objects.create(user=fk_caseworker, page="test", outcome=AccessOutcome.DENIED)
    assert AccessLog.objects.count() == 2


def test_the_retention_path_may_rewrite(rows):
    record, _access = rows
    with log_rewrite_allowed():
        AuditRecord.objects.filter(pk=record.pk).update(after={"a": None})
    record.refresh_from_db()
    assert record.after == {"a": None}
    # And the protection is back after the block.
    assert refused(lambda: AuditRecord.objects.update(after=None))


def test_gallring_blanks_fields_in_the_audit_snapshots(fk_caseworker):
    from audit.services import audit_redact

    ref = "6f1c2c9e-2d43-4b2a-9a57-0f0a1c9b6d11"
    AuditRecord.objects.create(
        actor=fk_caseworker,
        action="participation.start",
        object_type="transitions.Participation",
        object_id="1",
        participation_ref=ref,
        before=None,
        after={"stadsdel_id": 17, "af_office_id": 3},
    )
    assert audit_redact(participation_refs=[ref], fields=("stadsdel_id",)) == 1
    record = AuditRecord.objects.get(participation_ref=ref)
    assert record.after == {"stadsdel_id": None, "af_office_id": 3}
    assert audit_redact(participation_refs=[ref], fields=("stadsdel_id",)) == 0  # twice: safe


def test_gallring_makes_searches_unfindable_by_personnummer(fk_caseworker):
    from audit.services import access_log_forget, log_access

    log_access(
        user=fk_caseworker, page="sok", outcome=AccessOutcome.SHOWN, personnummer="198503129804"
    )
    assert access_log_forget(personnummer="198503129804") == 1
    row = AccessLog.objects.get(page="sok")
    assert (row.subject, row.user) == ("", fk_caseworker)
