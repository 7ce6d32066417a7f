"""The access log (SPEC §8): every response that shows a participant's personal data writes a
row per participant shown — user, participant, page, time, outcome — refusals too; pages
without personal data write none. Administrators read it in admin by user and by participant
and nobody can change or delete a row. Today is 2026-11-23."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import AccessLog
from tests.builders import d, walk
from tests.screens import hidden_fields, new_person, no_uppdrag_caseworker, search, started

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    participation = started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    return participation


@pytest.fixture
def new_rows():
    """Rows written since the last call: [(user, page, outcome, person, participation)]."""
    seen = {"last": 0}

    def call():
        rows = AccessLog.objects.filter(pk__gt=seen["last"]).order_by("pk")
        result = [
            (r.user.username, r.page, r.outcome, r.person_ref, r.participation_ref) for r in rows
        ]
        seen["last"] = max([r.pk for r in rows], default=seen["last"])
        return result

    return call


def shown(user, page, participation, outcome="SHOWN"):
    return (user.username, page, outcome, participation.person_id, participation.public_id)


@pytest.mark.parametrize(
    ("url_name", "page"),
    [
        ("transitions:participation", "registrera-medverkan"),
        ("transitions:history-detail", "historik"),
        ("transitions:delete", "radera"),
        ("transitions:move-offices", "byt-kontor"),
    ],
)
def test_a_participant_page_writes_one_row(
    client, fk_caseworker, participation, new_rows, url_name, page
):
    client.force_login(fk_caseworker)
    new_rows()
    assert client.get(reverse(url_name, args=[participation.public_id])).status_code == 200
    assert new_rows() == [shown(fk_caseworker, page, participation)]


def test_registrera_uppgifter_writes_one_row(client, fk_caseworker, participation, new_rows):
    client.force_login(fk_caseworker)
    new_rows()
    client.get(reverse("transitions:answers", args=[participation.public_id, 1]))
    assert new_rows() == [shown(fk_caseworker, "registrera-uppgifter", participation)]


def test_a_registration_writes_a_changed_row_and_the_page_after_it_a_shown_row(
    client, af_caseworker, participation, new_rows
):
    client.force_login(af_caseworker)
    url = reverse("transitions:participation", args=[participation.public_id])
    page = client.get(url)
    new_rows()
    response = client.post(url, {**hidden_fields(page), "to_type": "PAL", "date": "2026-11-20"})
    assert new_rows() == [shown(af_caseworker, "registrera-medverkan", participation, "CHANGED")]
    client.get(response["Location"])
    assert new_rows() == [shown(af_caseworker, "registrera-uppgifter", participation)]


def test_radera_writes_a_changed_row(client, fk_caseworker, participation, new_rows):
    client.force_login(fk_caseworker)
    url = reverse("transitions:delete", args=[participation.public_id])
    page = client.get(url)
    new_rows()
    client.post(url, hidden_fields(page))
    assert new_rows() == [shown(fk_caseworker, "radera", participation, "CHANGED")]


def test_visa_deltagare_writes_one_row_per_participant_shown(
    client, fk_caseworker, af_office, fk_office, participation, new_rows
):
    others = [
        started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 1), first_name=name)
        for name in ("Ada", "Bo")
    ]
    client.force_login(fk_caseworker)
    new_rows()
    client.get(reverse("transitions:list"))
    rows = new_rows()
    assert len(rows) == 3
    assert {row[4] for row in rows} == {p.public_id for p in [participation, *others]}
    assert {row[1:3] for row in rows} == {("visa-deltagare", "SHOWN")}

    client.get(reverse("transitions:list"), {"insatstyp": "GK"})
    assert new_rows() == [shown(fk_caseworker, "visa-deltagare", participation)]


def test_att_gora_writes_one_row_per_participant_listed(
    client, fk_caseworker, af_office, fk_office, participation, new_rows
):
    other = started(fk_caseworker, af_office, fk_office, date=d(2026, 9, 1), first_name="Ada")
    client.force_login(fk_caseworker)
    new_rows()
    client.get(reverse("home"))
    assert sorted(new_rows(), key=str) == sorted(
        [shown(fk_caseworker, "att-gora", p) for p in (participation, other)], key=str
    )


def test_the_first_registration_page_writes_one_row(client, fk_caseworker, new_rows):
    client.force_login(fk_caseworker)
    location = search(client, reverse("transitions:register"), new_person().personnummer)
    new_rows()
    client.get(location["Location"])
    rows = new_rows()
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("fk-hl", "registrera-medverkan", "SHOWN")
    ]


def test_a_refused_participant_page_writes_a_denied_row_under_the_person(
    client, other_caseworker, participation, new_rows
):
    client.force_login(other_caseworker)
    new_rows()
    client.get(reverse("transitions:history-detail", args=[participation.public_id]))
    assert new_rows() == [shown(other_caseworker, "historik", participation, "DENIED")]


def test_a_refused_search_writes_a_denied_row_under_the_person(
    client, other_caseworker, participation, new_rows
):
    client.force_login(other_caseworker)
    new_rows()
    search(client, reverse("transitions:register"), participation.person.personnummer)
    assert new_rows() == [
        ("fk-hl2", "registrera-medverkan", "DENIED", participation.person_id, None)
    ]


@pytest.mark.parametrize("persona", ["reader", "fk_insatsansvarig", "no uppdrag"])
def test_a_user_without_uppdrag_writes_a_denied_row(
    client, request, participation, new_rows, persona
):
    user = no_uppdrag_caseworker() if persona == "no uppdrag" else request.getfixturevalue(persona)
    client.force_login(user)
    new_rows()
    client.get(reverse("transitions:participation", args=[participation.public_id]))
    assert new_rows() == [shown(user, "registrera-medverkan", participation, "DENIED")]
    client.get(reverse("transitions:register"))
    assert new_rows() == [(user.username, "registrera-medverkan", "DENIED", None, None)]


def test_pages_without_personal_data_write_no_row(
    client, fk_caseworker, reader, participation, new_rows
):
    client.force_login(fk_caseworker)
    new_rows()
    for url_name in ("transitions:register", "transitions:history", "transitions:anonymous"):
        assert client.get(reverse(url_name)).status_code == 200
    protected = new_person(protected=True)
    search(client, reverse("transitions:register"), protected.personnummer)
    client.force_login(reader)
    client.get(reverse("home"))
    client.get(reverse("reports:standard"))
    assert new_rows() == []


# --- reading the log in admin ---------------------------------------------------------------

CHANGELIST = reverse("admin:audit_accesslog_changelist")


@pytest.fixture
def logged(client, fk_caseworker, other_caseworker, participation):
    """The participant seen by its caseworker twice and refused to another office once."""
    client.force_login(fk_caseworker)
    client.get(reverse("transitions:participation", args=[participation.public_id]))
    client.get(reverse("transitions:history-detail", args=[participation.public_id]))
    client.force_login(other_caseworker)
    client.get(reverse("transitions:participation", args=[participation.public_id]))
    someone_else = started(
        fk_caseworker,
        participation.af_office,
        participation.fk_office,
        date=d(2026, 11, 1),
        first_name="Ada",
    )
    client.force_login(fk_caseworker)
    client.get(reverse("transitions:participation", args=[someone_else.public_id]))
    return participation


def test_administrators_find_a_participants_rows_by_personnummer(client, superuser, logged):
    client.force_login(superuser)
    pnr = logged.person.personnummer
    response = client.get(CHANGELIST, {"q": f"{pnr[2:8]}-{pnr[8:]}"})
    assert response.status_code == 200
    found = response.context["cl"].result_list
    assert sorted((row.user.username, row.outcome) for row in found) == [
        ("fk-hl", "SHOWN"),
        ("fk-hl", "SHOWN"),
        ("fk-hl2", "DENIED"),
    ]


def test_administrators_filter_the_log_by_user(client, superuser, other_caseworker, logged):
    client.force_login(superuser)
    response = client.get(CHANGELIST, {"user__id__exact": other_caseworker.pk})
    found = response.context["cl"].result_list
    assert [(row.page, row.outcome, row.participation_ref) for row in found] == [
        ("registrera-medverkan", "DENIED", logged.public_id)
    ]


def test_nobody_can_add_change_or_delete_a_row_in_admin(client, superuser, logged):
    row = AccessLog.objects.first()
    client.force_login(superuser)
    changelist = client.get(CHANGELIST)
    assert changelist.status_code == 200
    assert reverse("admin:audit_accesslog_add") not in changelist.content.decode()
    assert "delete_selected" not in changelist.content.decode()
    assert client.get(reverse("admin:audit_accesslog_add")).status_code == 403
    change_url = reverse("admin:audit_accesslog_change", args=[row.pk])
    view = client.get(change_url)
    assert view.status_code == 200  # readable
    assert 'name="_save"' not in view.content.decode()
    assert client.post(change_url, {"page": "ändrad"}).status_code == 403
    delete_url = reverse("admin:audit_accesslog_delete", args=[row.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    row.refresh_from_db()
    assert row.page != "ändrad"
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_a_saved_row_cannot_be_changed_or_deleted(logged):
    row = AccessLog.objects.first()
    row.page = "ändrad"
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    row.refresh_from_db()
    assert row.page != "ändrad"


def test_looking_up_someone_not_in_sus_is_found_by_personnummer_in_admin(
    client, fk_caseworker, superuser
):
    from tests.builders import register_person

    person = register_person(first_name="Ny", last_name="Sökt")
    client.force_login(fk_caseworker)
    response = client.post(reverse("transitions:register"), {"personnummer": person.personnummer})
    assert client.get(response["Location"]).status_code == 200
    row = AccessLog.objects.get(page="registrera-medverkan")
    assert person.personnummer not in str(row.__dict__)  # not readable in the log
    client.force_login(superuser)
    found = client.get(
        reverse("admin:audit_accesslog_changelist"),
        {"q": f"{person.personnummer[:8]}-{person.personnummer[8:]}"},
    )
    assert "1 åtkomstpost" in found.content.decode()


def test_one_call_writes_every_kind_of_row_in_one_statement(
    fk_caseworker, participation, new_rows, django_assert_num_queries
):
    from audit.services import log_access, subject_key

    with django_assert_num_queries(1):
        log_access(
            user=fk_caseworker,
            page="sok",
            outcome="DENIED",
            participations=[participation],
            person_ids=[participation.person_id],
            participation_refs=[participation.public_id],
            personnummer="194001019999",
        )
    user, page = fk_caseworker.username, "sok"
    assert new_rows() == [
        (user, page, "DENIED", participation.person_id, participation.public_id),
        (user, page, "DENIED", participation.person_id, None),
        (user, page, "DENIED", None, participation.public_id),
        (user, page, "DENIED", None, None),
    ]
    subjects = AccessLog.objects.order_by("-pk").values_list("subject", flat=True)[:4]
    assert list(subjects) == [subject_key("194001019999"), "", "", ""]
