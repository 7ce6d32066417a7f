"""The security points that live in the participation app: searches rate-limited, the searched
personnummer not readable in the session, gallring that removes everything personal, and no
personnummer as arbetsgivare."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AccessLog, AuditRecord
from audit.services import subject_key
from sus.models import Session
from tests.builders import answer_all, d, default_answers, register_person, start, walk
from tests.screens import search
from transitions.models import BegaranAnswers, Participation
from transitions.services import answers_save, retention_apply
from transitions.table import QuestionSet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

REGISTER = reverse("transitions:register")


def test_searches_past_the_rate_get_429_and_a_security_event(
    client, fk_caseworker, settings, security_events
):
    settings.SUS_SEARCH_RATE = "3/m"
    client.force_login(fk_caseworker)
    person = register_person()
    statuses = [search(client, REGISTER, person.personnummer).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert "ratelimit.exceeded" in security_events()
    assert client.get(REGISTER).status_code == 200  # opening the page is not a search


def test_the_searched_personnummer_is_not_readable_in_the_session_row(client, fk_caseworker):
    client.force_login(fk_caseworker)
    person = register_person()
    response = search(client, REGISTER, person.personnummer)
    assert response.status_code == 302
    stored = "".join(session.session_data for session in Session.objects.all())
    decoded = str([session.get_decoded() for session in Session.objects.all()])
    for form in (person.personnummer, person.personnummer[2:], person.personnummer[:8]):
        assert form not in stored
        assert form not in decoded
    assert client.get(response["Location"]).status_code == 200  # and the next page reads it


def test_gallring_removes_stadsdel_and_arbetsgivare_everywhere(
    fk_caseworker, af_office, fk_office, settings
):
    settings.SUS_RETENTION_YEARS = 0
    person = register_person(municipality="0180")
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2), person=person)
    answer_all(participation.latest_transition(), fk_caseworker)
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 5))])
    assert BegaranAnswers.objects.get().arbetsgivare
    records = AuditRecord.objects.filter(participation_ref=participation.public_id)
    before = [value for r in records for value in _values_of(r.after, "stadsdel_id")]
    assert participation.stadsdel_id in before  # the snapshots held it
    assert retention_apply(today=d(2026, 11, 23)) == 1
    participation = Participation.objects.get(pk=participation.pk)
    assert participation.stadsdel is None
    assert BegaranAnswers.objects.get().arbetsgivare == ""
    snapshots = str(
        list(
            AuditRecord.objects.filter(participation_ref=participation.public_id).values_list(
                "before", "after"
            )
        )
    )
    assert "556036" not in snapshots
    for record in AuditRecord.objects.filter(participation_ref=participation.public_id):
        for data in (record.before, record.after):
            assert _values_of(data, "stadsdel_id") <= {None}
            assert _values_of(data, "arbetsgivare") <= {None}


def test_gallring_forgets_the_personnummer_of_earlier_searches(
    client, fk_caseworker, af_office, fk_office, settings
):
    settings.SUS_RETENTION_YEARS = 0
    person = register_person()
    client.force_login(fk_caseworker)
    client.get(search(client, REGISTER, person.personnummer)["Location"])  # not yet in SUS
    assert AccessLog.objects.filter(subject=subject_key(person.personnummer)).exists()
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2), person=person)
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 5))])
    retention_apply(today=d(2026, 11, 23))
    assert not AccessLog.objects.filter(subject=subject_key(person.personnummer)).exists()
    assert AccessLog.objects.filter(user=fk_caseworker).exists()  # who looked, and when, stays


def test_a_personnummer_is_not_accepted_as_arbetsgivare(fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    values, choices = default_answers(QuestionSet.BEGARAN)
    values["arbetsgivare"] = "198503129804"[2:]
    with pytest.raises(ValidationError) as refused:
        answers_save(
            transition=participation.latest_transition(),
            question_set=QuestionSet.BEGARAN,
            values=values,
            choices=choices,
            actor=fk_caseworker,
        )
    assert refused.value.message_dict["arbetsgivare"] == [
        "Ange arbetsgivarens organisationsnummer. Ett personnummer registreras inte här."
    ]
    assert not BegaranAnswers.objects.exists()


def _values_of(data, key) -> set:
    found = set()
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key:
                found.add(value)
            found |= _values_of(value, key)
    elif isinstance(data, list):
        for item in data:
            found |= _values_of(item, key)
    return found
