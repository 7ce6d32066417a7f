"""The audit trail (SPEC §8): exactly one record per change — who, what, which participation,
before and after — and none for a refusal. Today is 2026-11-23."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditRecord
from tests.builders import d, default_answers, latest, start, walk
from tests.factories import AfOfficeFactory
from transitions.access import NoAccess
from transitions.services import (
    answers_save,
    participation_move,
    transition_delete_latest,
    transition_register,
)
from transitions.table import QuestionSet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))


def only_new_record(before_ids) -> AuditRecord:
    new = list(AuditRecord.objects.exclude(pk__in=before_ids))
    assert len(new) == 1, [r.action for r in new]
    return new[0]


def record_ids():
    return list(AuditRecord.objects.values_list("pk", flat=True))


def test_a_first_registration_writes_one_record(fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    record = AuditRecord.objects.get()
    assert record.action == "participation.start"
    assert record.actor == fk_caseworker
    assert record.participation_ref == participation.public_id
    assert record.object_id == str(participation.pk)
    assert record.before is None
    assert record.after["transition"]["to_type"] == "BGK"
    assert record.after["consent"]["given_on"] == "2026-11-02"


def test_registering_a_step_writes_one_record(participation, af_caseworker):
    before = record_ids()
    transition = transition_register(
        participation=participation, to_type="GK", date=d(2026, 11, 5), actor=af_caseworker
    )
    record = only_new_record(before)
    assert record.action == "transition.register"
    assert record.actor == af_caseworker
    assert record.participation_ref == participation.public_id
    assert record.object_type == "transitions.Transition"
    assert record.object_id == str(transition.pk)
    assert record.before["current_type"] == "BGK"
    assert record.after["to_type"] == "GK"


def test_deleting_a_step_writes_one_record_keeping_what_was_deleted(participation, fk_caseworker):
    _, paf = walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAF", d(2026, 11, 9))])
    values, _ = default_answers(QuestionSet.AVSLUT_GK)
    answers_save(transition=paf, question_set="AVSLUT_GK", values=values, actor=fk_caseworker)
    before = record_ids()
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    record = only_new_record(before)
    assert record.action == "transition.delete"
    assert record.actor == fk_caseworker
    assert record.participation_ref == participation.public_id
    assert record.before["transition"]["to_type"] == "PAF"
    assert record.before["answers"]["AVSLUT_GK"]["antal_moten"] == 3
    assert record.after["to_type"] == "GK"


def test_deleting_the_first_step_writes_one_record_and_keeps_it_after_the_participation(
    participation, fk_caseworker
):
    public_id = participation.public_id
    before = record_ids()
    transition_delete_latest(participation=participation, actor=fk_caseworker)
    record = only_new_record(before)
    assert record.action == "participation.delete"
    assert record.participation_ref == public_id
    assert record.before["participation"]["current_type"] == "BGK"
    assert record.before["consent"]["given_on"] == "2026-11-02"


def test_saving_answers_writes_one_record_and_a_correction_another(participation, fk_caseworker):
    t1 = latest(participation)
    values, choices = default_answers(QuestionSet.BEGARAN)
    before = record_ids()
    answers_save(
        transition=t1, question_set="BEGARAN", values=values, choices=choices, actor=fk_caseworker
    )
    first = only_new_record(before)
    assert first.action == "answers.save"
    assert first.before is None
    assert first.after["andel_arbete"] == 50
    before = record_ids()
    answers_save(
        transition=t1,
        question_set="BEGARAN",
        values={**values, "andel_arbete": 75},
        choices=choices,
        actor=fk_caseworker,
    )
    correction = only_new_record(before)
    assert correction.before["andel_arbete"] == 50
    assert correction.after["andel_arbete"] == 75
    assert correction.after["forsorjning"] == [choices["forsorjning"][0].pk]


def test_a_move_writes_one_record(participation, fk_caseworker, fk_office):
    new_af = AfOfficeFactory()
    before = record_ids()
    participation_move(
        participation=participation,
        af_office=new_af,
        fk_office=fk_office,
        date=d(2026, 11, 10),
        actor=fk_caseworker,
    )
    record = only_new_record(before)
    assert record.action == "participation.move"
    assert record.actor == fk_caseworker
    assert record.participation_ref == participation.public_id
    assert record.object_type == "transitions.OfficePeriod"
    assert record.before["af_office_id"] == participation.af_office_id
    assert record.after["af_office_id"] == new_af.pk


def test_refusals_write_no_record(participation, fk_caseworker, other_caseworker, fk_office):
    before = record_ids()
    with pytest.raises(ValidationError):
        transition_register(
            participation=participation, to_type="ARF", date=d(2026, 11, 5), actor=fk_caseworker
        )
    with pytest.raises(ValidationError):
        transition_register(
            participation=participation, to_type="GK", date=d(2026, 12, 1), actor=fk_caseworker
        )
    with pytest.raises(NoAccess):
        transition_register(
            participation=participation, to_type="GK", date=d(2026, 11, 5), actor=other_caseworker
        )
    with pytest.raises(NoAccess):
        transition_delete_latest(participation=participation, actor=other_caseworker)
    with pytest.raises(ValidationError):
        answers_save(
            transition=latest(participation),
            question_set="AVBRUTET",
            values={"avbrottsorsak": "OVRIGT"},
            actor=fk_caseworker,
        )
    with pytest.raises(ValidationError):
        participation_move(
            participation=participation,
            af_office=participation.af_office,
            fk_office=fk_office,
            date=d(2026, 11, 10),
            actor=fk_caseworker,
        )
    assert record_ids() == before


def test_a_refused_first_registration_writes_no_record(fk_caseworker, af_office, fk_office):
    with pytest.raises(ValidationError):
        start(fk_caseworker, af_office, fk_office, date=d(2026, 12, 1))
    assert not AuditRecord.objects.exists()


def test_records_cannot_be_changed_or_deleted(participation):
    record = AuditRecord.objects.get()
    record.action = "något annat"
    with pytest.raises(PermissionDenied):
        record.save()
    with pytest.raises(PermissionDenied):
        record.delete()
    assert AuditRecord.objects.get().action == "participation.start"
