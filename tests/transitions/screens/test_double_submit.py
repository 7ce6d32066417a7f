"""The same form sent twice (a double click, "back" and send again) registers once, and the user
is told (issue point 9). Every successful POST is answered with a redirect (Post/Redirect/Get).
Today is 2026-11-23."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditRecord
from participants.models import AnonymousCount
from tests.builders import d, walk
from tests.conftest import load_migration_data
from tests.screens import (
    ALREADY_SUBMITTED,
    hidden_fields,
    messages_shown,
    new_person,
    search,
    started,
)
from transitions.models import Participation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def send_twice(client, url, data):
    """Read the form once, send it twice; return both responses (the second one followed)."""
    page = client.get(url)
    assert page.status_code == 200
    posted = {**hidden_fields(page), **data}
    first = client.post(url, posted)
    second = client.post(url, posted, follow=True)
    return first, second


@pytest.fixture
def reference_data(transactional_db):
    """The transactional tests below: the one before emptied every table at its end."""
    load_migration_data()


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))


def test_a_step_sent_twice_is_registered_once(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    url = reverse("transitions:participation", args=[participation.public_id])
    first, second = send_twice(client, url, {"to_type": "GK", "date": "2026-11-10"})
    assert first.status_code == 302
    assert [t.to_type for t in participation.transitions.order_by("sequence")] == ["BGK", "GK"]
    assert second.redirect_chain == [(url, 302)]
    # what the user sees after a double click: the first answer's message, then the second's
    assert messages_shown(second) == ["Övergången är sparad.", ALREADY_SUBMITTED]


def test_a_first_registration_sent_twice_starts_one_participation(
    client, fk_caseworker, af_office, fk_office
):
    person = new_person()
    client.force_login(fk_caseworker)
    url = search(client, reverse("transitions:register"), person.personnummer)["Location"]
    data = {
        "af_office": af_office.pk,
        "fk_office": fk_office.pk,
        "consent_confirmed": "on",
        "consent_date": "2026-11-02",
        "to_type": "BGK",
        "date": "2026-11-02",
    }
    first, second = send_twice(client, url, data)
    assert first.status_code == 302
    participation = Participation.objects.get(person__personnummer=person.personnummer)
    assert participation.transitions.count() == 1
    assert second.redirect_chain == [
        (reverse("transitions:participation", args=[participation.public_id]), 302)
    ]
    assert messages_shown(second) == [
        "Deltagaren är registrerad. Besvara frågorna.",
        "Deltagaren har redan en pågående medverkan i Af/FK-samarbetet.",
    ]


def test_anonymous_participants_sent_twice_are_counted_once(
    client, af_caseworker, af_office, fk_office
):
    client.force_login(af_caseworker)
    url = reverse("transitions:anonymous")
    data = {
        "af_office": af_office.pk,
        "fk_office": fk_office.pk,
        "year": "2026",
        "women": "2",
        "men": "1",
    }
    first, second = send_twice(client, url, data)
    assert first["Location"] == url
    assert list(AnonymousCount.objects.values_list("women", "men")) == [(2, 1)]
    assert messages_shown(second) == ["De anonyma deltagarna är registrerade.", ALREADY_SUBMITTED]


def test_a_saved_anonymous_count_is_confirmed(client, af_caseworker, af_office, fk_office):
    client.force_login(af_caseworker)
    url = reverse("transitions:anonymous")
    page = client.get(url)
    data = {"af_office": af_office.pk, "fk_office": fk_office.pk, "year": "2026", "women": "1"}
    response = client.post(url, {**hidden_fields(page), **data}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert messages_shown(response) == ["De anonyma deltagarna är registrerade."]
    assert AnonymousCount.objects.get().men == 0


def test_radera_sent_twice_deletes_only_one_step(client, fk_caseworker, participation):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAF", d(2026, 11, 10))])
    client.force_login(fk_caseworker)
    url = reverse("transitions:delete", args=[participation.public_id])
    first, second = send_twice(client, url, {})
    assert first.status_code == 302
    assert [t.to_type for t in participation.transitions.order_by("sequence")] == ["BGK", "GK"]
    assert messages_shown(second) == ["Övergången är raderad.", ALREADY_SUBMITTED]


def test_radera_of_the_first_registration_sent_twice_is_answered_as_already_sent(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    url = reverse("transitions:delete", args=[participation.public_id])
    first, second = send_twice(client, url, {})
    assert first["Location"] == reverse("transitions:register")
    assert not Participation.objects.exists()
    assert second.status_code == 200
    assert messages_shown(second) == [
        "Registreringen är raderad. Deltagarens medverkan är borttagen.",
        ALREADY_SUBMITTED,
    ]


def test_answers_sent_twice_are_saved_once(client, fk_caseworker, participation):
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 5))])
    client.force_login(fk_caseworker)
    url = reverse("transitions:answers", args=[participation.public_id, 2])
    first, second = send_twice(client, url, {"avbrutet-avbrottsorsak": "OVRIGT"})
    assert first["Location"] == reverse("transitions:participation", args=[participation.public_id])
    assert AuditRecord.objects.filter(action="answers.save").count() == 1
    assert messages_shown(second) == [
        "Uppgifterna för övergången till Avbrutet samarbete (2026-11-05) är sparade.",
        ALREADY_SUBMITTED,
    ]


def test_a_refused_form_can_be_corrected_and_sent_again(client, fk_caseworker, participation):
    """A refusal uses up nothing: the same form, corrected, registers."""
    client.force_login(fk_caseworker)
    url = reverse("transitions:participation", args=[participation.public_id])
    page = client.get(url)
    refused = client.post(url, {**hidden_fields(page), "to_type": "GK", "date": "2026-12-01"})
    assert refused.status_code == 200
    corrected = client.post(url, {**hidden_fields(page), "to_type": "GK", "date": "2026-11-20"})
    assert corrected.status_code == 302
    assert participation.transitions.count() == 2


def test_answers_saved_once_then_corrected_with_a_new_form(client, fk_caseworker, participation):
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 5))])
    client.force_login(fk_caseworker)
    url = reverse("transitions:answers", args=[participation.public_id, 2])
    send_twice(client, url, {"avbrutet-avbrottsorsak": "OVRIGT"})
    page = client.get(url)
    client.post(url, {**hidden_fields(page), "avbrutet-avbrottsorsak": "ATERTAGIT_SAMTYCKE"})
    saved = participation.transitions.get(sequence=2).avbrutetanswers
    assert saved.avbrottsorsak == "ATERTAGIT_SAMTYCKE"
    assert AuditRecord.objects.filter(action="answers.save").count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_step_sent_twice_outside_a_test_transaction_is_registered_once(
    migration_data_restored, reference_data, client, fk_caseworker, participation
):
    """As in production: each request in its own transaction (autocommit), so the used token
    ends the second request's transaction itself, and the next request works as usual."""
    client.force_login(fk_caseworker)
    url = reverse("transitions:participation", args=[participation.public_id])
    first, second = send_twice(client, url, {"to_type": "GK", "date": "2026-11-10"})
    assert first.status_code == 302
    assert messages_shown(second) == ["Övergången är sparad.", ALREADY_SUBMITTED]
    assert [t.to_type for t in participation.transitions.order_by("sequence")] == ["BGK", "GK"]
    assert AuditRecord.objects.filter(action="transition.register").count() == 1
    third, _ = send_twice(client, url, {"to_type": "PAF", "date": "2026-11-12"})
    assert third.status_code == 302
    assert [t.to_type for t in participation.transitions.order_by("sequence")] == [
        "BGK",
        "GK",
        "PAF",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_step_takes_no_savepoint_and_a_refused_one_leaves_its_token_for_the_retry(
    migration_data_restored, reference_data, client, fk_caseworker, participation, domain_rows
):
    """The service directly inside the submit-once block shares the block's transaction: a
    step is BEGIN … COMMIT without a savepoint, and a refusal rolls the whole block back, so
    the token is still unused for the corrected form."""
    client.force_login(fk_caseworker)
    url = reverse("transitions:participation", args=[participation.public_id])
    form = hidden_fields(client.get(url))
    before = domain_rows()

    refused = client.post(url, {**form, "to_type": "GK", "date": "2026-10-01"})  # before BGK

    assert refused.status_code == 200
    assert "Datum för övergång" in refused.content.decode()
    assert domain_rows() == before
    with CaptureQueriesContext(connection) as captured:
        retried = client.post(url, {**form, "to_type": "GK", "date": "2026-11-10"})
    assert retried.status_code == 302
    statements = [query["sql"].split()[0].upper() for query in captured]
    assert "BEGIN" in statements
    assert "SAVEPOINT" not in statements and "RELEASE" not in statements
    assert [t.to_type for t in participation.transitions.order_by("sequence")] == ["BGK", "GK"]
