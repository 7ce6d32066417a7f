""" "Byt kontor" through the test client (SPEC §5.5, §2.3, §4.3): "Personnummer" → the current
offices, the panel "Byt kontor till" with its filters and "Datum för flytt", the warning step,
"OK" and "Avbryt"; who sees the participant before and after the move; the move date on later
steps; the office history, the audit trail and the access log. Today is 2026-11-23."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from audit.models import AccessLog, AccessOutcome, AuditRecord
from offices.models import Agency, AreaKind, Role
from participants.models import RegisterPerson
from tests.builders import d, latest, register_person, start, walk
from tests.factories import AfOfficeFactory, AreaFactory, FkOfficeFactory, UserFactory, grant
from transitions.models import OfficePeriod, Transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

TODAY = d(2026, 11, 23)
STARTED = d(2026, 11, 2)
MOVE = reverse("transitions:move")

NO_UPPDRAG = (
    "Du saknar uppdrag i organisation (kontor eller Arbetsförmedling) som ansvarar för denna "
    "deltagare. Du får därför inte se uppgifter om denna deltagare."
)
LOSE_ACCESS = (
    "Du kommer inte att ha behörighet till deltagaren i SUS efter att du genomfört bytet, om du "
    "inte har uppdrag för det nya kontoret."
)
NO_LONGER_ACCESS = "Du har inte längre behörighet till deltagaren."
ALREADY_SUBMITTED = "Formuläret har redan skickats. Ingenting registrerades en gång till."
STALE = (
    "Deltagarens uppgifter har ändrats av någon annan sedan du hämtade dem. Ingenting sparades. "
    "Kontrollera uppgifterna nedan och försök igen."
)


# --- reading a page as a user would ------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_INPUT = re.compile(r"<input\b[^>]*>", re.S)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_SELECT = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r'<option value="([^"]*)"[^>]*>(.*?)</option>', re.S)


def visible_text(response) -> str:
    """The page without markup, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", response.content.decode())).split())


def hidden_fields(response) -> dict[str, str]:
    """The hidden inputs of the page's forms (one-time token, the choices carried along, …)."""
    fields = {}
    for tag in _INPUT.findall(response.content.decode()):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get("type") == "hidden" and attributes.get("name") != "csrfmiddlewaretoken":
            fields[attributes["name"]] = html.unescape(attributes.get("value", ""))
    return fields


def options(response, name: str) -> list[str]:
    """The visible choices of a <select>, the empty "Välj…"/"Alla" left out."""
    for select_name, body in _SELECT.findall(response.content.decode()):
        if select_name == name:
            return [
                " ".join(html.unescape(label).split())
                for value, label in _OPTION.findall(body)
                if value
            ]
    raise AssertionError(f"no <select name={name!r}> on the page")


def messages_shown(response) -> list[str]:
    block = re.search(
        r'<div class="sus-messages">(.*?)</div>\s*(?:<h1|$)', response.content.decode(), re.S
    )
    if block is None:
        return []
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', block.group(1), re.S)
    return [" ".join(html.unescape(_TAG.sub(" ", message)).split()) for message in found]


def assert_refused(response) -> None:
    """The refusal of SPEC §5.1: status 403, the message, nothing about the person."""
    assert response.status_code == 403
    page = visible_text(response)
    assert NO_UPPDRAG in page
    assert "Greta" not in page and "Flyttsson" not in page


# --- the participant and the offices -------------------------------------------------------------


@pytest.fixture
def person(db):
    return register_person(first_name="Greta", last_name="Flyttsson")


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office, person):
    return start(fk_caseworker, af_office, fk_office, date=STARTED, person=person)


@pytest.fixture
def neither_caseworker(db):
    """A caseworker of an office that is neither the old nor the new one."""
    user = UserFactory(username="fk-hl3", first_name="Nils", last_name="Ingen", agency=Agency.FK)
    return grant(user, Role.DELTAGARANSVARIG, FkOfficeFactory(name="Tredjestad"))


def offices_url(participation) -> str:
    return reverse("transitions:move-offices", args=[participation.public_id])


def confirm_url(participation) -> str:
    return reverse("transitions:move-confirm", args=[participation.public_id])


def page_url(participation, name: str) -> str:
    return reverse(name, args=[participation.public_id])


def ask_to_move(client, participation, *, af_office, fk_office, date, filters=None):
    """Fill in "Byt kontor till" and press "Byt kontor": the warning step, or the form again
    with its errors."""
    data = {
        **(filters or {}),
        "af_office": af_office.pk if af_office else "",
        "fk_office": fk_office.pk if fk_office else "",
        "date": date.isoformat() if isinstance(date, datetime.date) else date,
    }
    return client.post(offices_url(participation), data)


def press_ok(client, participation, warning, *, follow=False):
    """ "OK" on the warning step: its form sent back as the browser would."""
    assert warning.status_code == 200
    return client.post(confirm_url(participation), hidden_fields(warning), follow=follow)


def moved_to(client, participation, *, af_office, fk_office, date=TODAY, follow=False):
    warning = ask_to_move(
        client, participation, af_office=af_office, fk_office=fk_office, date=date
    )
    assert "OK" in visible_text(warning), visible_text(warning)
    return press_ok(client, participation, warning, follow=follow)


def office_pairs(participation) -> list[tuple[int, int, int, datetime.date]]:
    return list(
        OfficePeriod.objects.filter(participation=participation)
        .order_by("sequence")
        .values_list("sequence", "af_office", "fk_office", "valid_from")
    )


def register_step(client, participation, *, to_type: str, date: str):
    """ "Övergång till" + "Datum för övergång" + "Spara" on "Registrera medverkan"."""
    url = page_url(participation, "transitions:participation")
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, {**hidden_fields(page), "to_type": to_type, "date": date})


# --- "Personnummer" → the move page ------------------------------------------------------------


def test_search_leads_to_the_move_page_with_name_and_current_offices(
    client, fk_caseworker, participation, person
):
    client.force_login(fk_caseworker)
    search = client.get(MOVE)
    assert search.status_code == 200
    assert "Anonyma deltagare kan inte flyttas." in visible_text(search)

    found = client.post(MOVE, {"personnummer": person.personnummer})
    assert found.status_code == 302
    assert found["Location"] == offices_url(participation)
    assert person.personnummer not in found["Location"]

    page = client.get(found["Location"])
    assert page.status_code == 200
    text = visible_text(page)
    assert (
        "Namn Greta Flyttsson Arbetsförmedling Arbetsförmedlingen Testköping Kontor Testköping TA"
        in text
    )
    for label in (
        "Byt kontor till",
        "Verksamhetsområde",
        "Marknadsområde",
        "Arbetsmarknadsområde",
        "Datum för flytt",
    ):
        assert label in text
    assert 'name="af_office"' in page.content.decode()
    assert 'name="fk_office"' in page.content.decode()
    assert '<button type="submit" class="btn btn-primary">Byt kontor</button>' in (
        page.content.decode()
    )


def test_search_for_a_participant_of_another_office_is_refused(
    client, neither_caseworker, participation, person
):
    client.force_login(neither_caseworker)
    assert_refused(client.post(MOVE, {"personnummer": person.personnummer}))


def test_a_caseworker_of_neither_office_cannot_open_the_move_page_or_move(
    client, neither_caseworker, participation, af_office, fk_office_other
):
    client.force_login(neither_caseworker)
    assert_refused(client.get(offices_url(participation)))
    assert_refused(
        ask_to_move(
            client, participation, af_office=af_office, fk_office=fk_office_other, date=TODAY
        )
    )
    forged = {
        "af_office": af_office.pk,
        "fk_office": fk_office_other.pk,
        "date": "2026-11-23",
        "expected_sequence": 1,
        "form_token": "6f1c1a43-3f5e-4f8e-9a55-5b7e3b7f0a11",
    }
    assert_refused(client.post(confirm_url(participation), forged))
    assert len(office_pairs(participation)) == 1


# --- the filters --------------------------------------------------------------------------------


@pytest.fixture
def areas(db):
    """Two areas of each kind, with offices in each."""
    vo_syd = AreaFactory(kind=AreaKind.VERKSAMHETSOMRADE, name="VO Syd")
    vo_nord = AreaFactory(kind=AreaKind.VERKSAMHETSOMRADE, name="VO Nord")
    mo_syd = AreaFactory(kind=AreaKind.MARKNADSOMRADE, name="MO Syd")
    mo_nord = AreaFactory(kind=AreaKind.MARKNADSOMRADE, name="MO Nord")
    amo_a = AreaFactory(kind=AreaKind.ARBETSMARKNADSOMRADE, name="AMO A")
    amo_b = AreaFactory(kind=AreaKind.ARBETSMARKNADSOMRADE, name="AMO B")
    FkOfficeFactory(name="Lund", series="TA", verksamhetsomrade=vo_syd)
    FkOfficeFactory(name="Lund", series="FV", verksamhetsomrade=vo_syd)
    FkOfficeFactory(name="Luleå", verksamhetsomrade=vo_nord)
    FkOfficeFactory(name="Ystad stängt", verksamhetsomrade=vo_syd, is_active=False)
    AfOfficeFactory(name="Af Lund", marknadsomrade=mo_syd, arbetsmarknadsomrade=amo_a)
    AfOfficeFactory(name="Af Malmö", marknadsomrade=mo_syd, arbetsmarknadsomrade=amo_b)
    AfOfficeFactory(name="Af Luleå", marknadsomrade=mo_nord, arbetsmarknadsomrade=amo_a)
    return {
        "verksamhetsomrade": vo_syd,
        "marknadsomrade": mo_syd,
        "arbetsmarknadsomrade": amo_a,
    }


def test_without_filters_every_active_office_can_be_chosen(
    client, fk_caseworker, participation, areas
):
    client.force_login(fk_caseworker)
    page = client.get(offices_url(participation))
    assert options(page, "fk_office") == ["Luleå TA", "Lund FV", "Lund TA", "Testköping TA"]
    assert options(page, "af_office") == [
        "Af Luleå",
        "Af Lund",
        "Af Malmö",
        "Arbetsförmedlingen Testköping",
    ]


@pytest.mark.parametrize(
    ("name", "af_offices", "fk_offices"),
    [
        (
            "verksamhetsomrade",
            ["Af Luleå", "Af Lund", "Af Malmö", "Arbetsförmedlingen Testköping"],
            ["Lund FV", "Lund TA"],
        ),
        (
            "marknadsomrade",
            ["Af Lund", "Af Malmö"],
            ["Luleå TA", "Lund FV", "Lund TA", "Testköping TA"],
        ),
        (
            "arbetsmarknadsomrade",
            ["Af Luleå", "Af Lund"],
            ["Luleå TA", "Lund FV", "Lund TA", "Testköping TA"],
        ),
    ],
)
def test_a_filter_narrows_its_agencys_office_list_without_javascript(
    client, fk_caseworker, participation, areas, name, af_offices, fk_offices
):
    client.force_login(fk_caseworker)
    page = client.get(offices_url(participation), {name: areas[name].pk})
    assert page.status_code == 200
    assert options(page, "af_office") == af_offices
    assert options(page, "fk_office") == fk_offices
    # the form of "Byt kontor" sends the filter along, so its lists are the ones shown
    assert f'<option value="{areas[name].pk}" selected>' in page.content.decode()


def test_an_office_outside_the_filter_is_not_accepted(
    client, fk_caseworker, participation, areas, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    page = ask_to_move(
        client,
        participation,
        af_office=af_office,
        fk_office=fk_office_other,
        date=TODAY,
        filters={"verksamhetsomrade": areas["verksamhetsomrade"].pk},
    )
    assert page.status_code == 200
    assert "Välj ett giltigt alternativ" in visible_text(page)
    assert "Kontrollera att du valt rätt kontor" not in visible_text(page)
    assert len(office_pairs(participation)) == 1


# --- both offices required ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leave_out", "messages"),
    [
        ("af", ["Ange arbetsförmedling."]),
        ("fk", ["Ange kontor."]),
        ("both", ["Ange arbetsförmedling.", "Ange kontor."]),
    ],
)
def test_both_offices_are_required_even_when_one_agency_changes(
    client, fk_caseworker, participation, af_office, fk_office_other, leave_out, messages
):
    client.force_login(fk_caseworker)
    page = ask_to_move(
        client,
        participation,
        af_office=None if leave_out in ("af", "both") else af_office,
        fk_office=None if leave_out in ("fk", "both") else fk_office_other,
        date=TODAY,
    )
    assert page.status_code == 200
    text = visible_text(page)
    for message in messages:
        assert message in text
    for message in {"Ange arbetsförmedling.", "Ange kontor."} - set(messages):
        assert message not in text
    assert "Kontrollera att du valt rätt kontor" not in text
    assert len(office_pairs(participation)) == 1


def test_the_same_office_pair_is_not_a_move(
    client, fk_caseworker, participation, af_office, fk_office
):
    client.force_login(fk_caseworker)
    page = ask_to_move(client, participation, af_office=af_office, fk_office=fk_office, date=TODAY)
    assert "Ange ett nytt kontor för minst en av myndigheterna." in visible_text(page)
    assert len(office_pairs(participation)) == 1


def test_a_move_without_date_is_refused(
    client, fk_caseworker, participation, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    page = ask_to_move(
        client, participation, af_office=af_office, fk_office=fk_office_other, date=""
    )
    assert "Ange datum för flytt." in visible_text(page)
    assert len(office_pairs(participation)) == 1


# --- the warning step ----------------------------------------------------------------------------


def test_the_warning_repeats_the_choices_and_says_the_user_will_lose_access(
    client, fk_caseworker, participation, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    warning = ask_to_move(
        client, participation, af_office=af_office, fk_office=fk_office_other, date="2026-11-20"
    )
    assert warning.status_code == 200
    text = visible_text(warning)
    assert "Kontrollera att du valt rätt kontor" in text
    assert (
        "Arbetsförmedling Arbetsförmedlingen Testköping Kontor Annanstad TA "
        "Datum för flytt 2026-11-20"
    ) in text
    assert LOSE_ACCESS in text
    content = warning.content.decode()
    assert f'action="{confirm_url(participation)}"' in content
    assert '<button type="submit" class="btn btn-primary">OK</button>' in content
    assert f'formaction="{offices_url(participation)}"' in content
    assert hidden_fields(warning) | {"form_token": ""} == {
        "af_office": str(af_office.pk),
        "fk_office": str(fk_office_other.pk),
        "date": "2026-11-20",
        "expected_sequence": "1",
        "form_token": "",
    }
    # nothing is changed before "OK"
    assert len(office_pairs(participation)) == 1
    assert not AuditRecord.objects.filter(action="participation.move").exists()


def test_avbryt_returns_to_the_move_page_and_moves_nothing(
    client, fk_caseworker, participation, af_office, fk_office, fk_office_other
):
    client.force_login(fk_caseworker)
    ask_to_move(client, participation, af_office=af_office, fk_office=fk_office_other, date=TODAY)
    back = client.get(offices_url(participation))
    assert back.status_code == 200
    assert "Byt kontor till" in visible_text(back)
    assert office_pairs(participation) == [(1, af_office.pk, fk_office.pk, STARTED)]
    participation.refresh_from_db()
    assert participation.fk_office == fk_office


def test_the_move_page_avbryt_leads_back_to_the_participant(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    page = client.get(offices_url(participation))
    participant = page_url(participation, "transitions:participation")
    assert f'href="{participant}">Avbryt</a>' in page.content.decode()


def test_the_ok_step_cannot_be_opened_with_get(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    response = client.get(confirm_url(participation))
    assert response.status_code == 302
    assert response["Location"] == offices_url(participation)
    assert len(office_pairs(participation)) == 1


# --- "OK" and access afterwards ------------------------------------------------------------------


def test_ok_moves_and_the_acting_user_without_uppdrag_there_loses_access(
    client, fk_caseworker, participation, af_office, fk_office, fk_office_other
):
    client.force_login(fk_caseworker)
    done = moved_to(client, participation, af_office=af_office, fk_office=fk_office_other)
    assert done.status_code == 302
    assert done["Location"] == MOVE
    after = client.get(MOVE)
    assert messages_shown(after) == [
        "Deltagaren flyttas till Arbetsförmedlingen Testköping och Annanstad TA från och med "
        "2026-11-23.",
        NO_LONGER_ACCESS,
    ]
    assert office_pairs(participation) == [
        (1, af_office.pk, fk_office.pk, STARTED),
        (2, af_office.pk, fk_office_other.pk, TODAY),
    ]
    participation.refresh_from_db()
    assert (participation.af_office, participation.fk_office) == (af_office, fk_office_other)


def test_a_user_with_uppdrag_at_the_new_office_keeps_access_and_lands_on_the_participant(
    client, fk_caseworker, participation, af_office_other, fk_office
):
    client.force_login(fk_caseworker)
    done = moved_to(client, participation, af_office=af_office_other, fk_office=fk_office)
    participant = page_url(participation, "transitions:participation")
    assert done["Location"] == participant
    page = client.get(participant)
    assert page.status_code == 200
    assert messages_shown(page) == [
        "Deltagaren flyttas till Arbetsförmedlingen Annanstad och Testköping TA från och med "
        "2026-11-23."
    ]


@pytest.mark.parametrize("name", ["transitions:participation", "transitions:history-detail"])
def test_access_before_and_after_the_move_for_the_acting_the_new_and_a_third_caseworker(
    client,
    participation,
    fk_caseworker,
    other_caseworker,
    neither_caseworker,
    af_office,
    fk_office_other,
    name,
):
    url = page_url(participation, name)

    def status(user) -> int:
        client.force_login(user)
        response = client.get(url)
        if response.status_code == 403:
            assert_refused(response)
        else:
            assert "Greta Flyttsson" in visible_text(response)
        return response.status_code

    before = {user: status(user) for user in (fk_caseworker, other_caseworker, neither_caseworker)}
    assert before == {fk_caseworker: 200, other_caseworker: 403, neither_caseworker: 403}

    client.force_login(fk_caseworker)
    moved_to(client, participation, af_office=af_office, fk_office=fk_office_other)

    after = {user: status(user) for user in (fk_caseworker, other_caseworker, neither_caseworker)}
    assert after == {fk_caseworker: 403, other_caseworker: 200, neither_caseworker: 403}


def test_after_the_move_the_new_office_finds_the_participant_by_search_and_the_old_cannot(
    client, participation, person, fk_caseworker, other_caseworker, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    moved_to(client, participation, af_office=af_office, fk_office=fk_office_other)
    register = reverse("transitions:register")
    assert_refused(client.post(register, {"personnummer": person.personnummer}))
    assert_refused(client.get(offices_url(participation)))

    client.force_login(other_caseworker)
    found = client.post(register, {"personnummer": person.personnummer})
    assert found.status_code == 302
    assert found["Location"] == page_url(participation, "transitions:participation")


def test_the_other_agencys_caseworker_keeps_access_when_only_the_kontor_changes(
    client, participation, fk_caseworker, af_caseworker, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    moved_to(client, participation, af_office=af_office, fk_office=fk_office_other)
    client.force_login(af_caseworker)
    page = client.get(page_url(participation, "transitions:history-detail"))
    assert page.status_code == 200


# --- "Datum för flytt" ---------------------------------------------------------------------------


def test_a_move_dated_before_the_latest_transition_is_refused(
    client, fk_caseworker, participation, af_office, fk_office_other
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    client.force_login(fk_caseworker)
    page = ask_to_move(
        client, participation, af_office=af_office, fk_office=fk_office_other, date="2026-11-09"
    )
    assert page.status_code == 200
    text = visible_text(page)
    assert (
        "Datum för flytt kan inte vara tidigare än datum för senaste övergång (2026-11-10)." in text
    )
    assert "Kontrollera att du valt rätt kontor" not in text
    assert len(office_pairs(participation)) == 1


def test_a_move_on_the_day_of_the_latest_transition_is_allowed(
    client, fk_caseworker, participation, af_office, fk_office_other
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    client.force_login(fk_caseworker)
    moved_to(
        client, participation, af_office=af_office, fk_office=fk_office_other, date=d(2026, 11, 10)
    )
    assert office_pairs(participation)[-1][1:] == (
        af_office.pk,
        fk_office_other.pk,
        d(2026, 11, 10),
    )


def test_a_planned_later_move_is_allowed_and_holds_back_earlier_steps(
    client, fk_caseworker, other_caseworker, participation, af_office, fk_office_other
):
    planned = d(2026, 12, 1)
    client.force_login(fk_caseworker)
    moved_to(client, participation, af_office=af_office, fk_office=fk_office_other, date=planned)
    assert office_pairs(participation)[-1][3] == planned

    client.force_login(other_caseworker)
    refused = register_step(client, participation, to_type="GK", date="2026-11-23")
    assert refused.status_code == 200
    assert (
        "Datum för övergång kan inte vara tidigare än datum för flytt (2026-12-01)."
        in visible_text(refused)
    )
    assert participation.transitions.count() == 1


def test_a_move_ninety_days_ahead_is_allowed_and_ninety_one_refused(
    client, fk_caseworker, participation, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    too_far = ask_to_move(
        client,
        participation,
        af_office=af_office,
        fk_office=fk_office_other,
        date=TODAY + datetime.timedelta(days=91),
    )
    assert "Datum för flytt kan inte ligga mer än 90 dagar fram i tiden." in visible_text(too_far)
    assert len(office_pairs(participation)) == 1

    warning = ask_to_move(
        client,
        participation,
        af_office=af_office,
        fk_office=fk_office_other,
        date=TODAY + datetime.timedelta(days=90),
    )
    assert "Datum för flytt 2027-02-21" in visible_text(warning)


def test_a_transition_dated_the_day_before_the_move_is_refused_and_the_move_day_allowed(
    client, fk_caseworker, other_caseworker, participation, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    moved_to(
        client, participation, af_office=af_office, fk_office=fk_office_other, date=d(2026, 11, 20)
    )
    client.force_login(other_caseworker)

    refused = register_step(client, participation, to_type="GK", date="2026-11-19")
    assert refused.status_code == 200
    assert (
        "Datum för övergång kan inte vara tidigare än datum för flytt (2026-11-20)."
        in visible_text(refused)
    )
    assert participation.transitions.count() == 1

    saved = register_step(client, participation, to_type="GK", date="2026-11-20")
    assert saved.status_code == 302
    step = latest(participation)
    assert (step.to_type, step.date, step.registered_by) == (
        "GK",
        d(2026, 11, 20),
        other_caseworker,
    )
    assert (step.af_office, step.fk_office) == (af_office, fk_office_other)


# --- the office history, the audit trail and the access log --------------------------------------


def test_the_office_history_is_dated_on_historik_enskild_deltagare(
    client, fk_caseworker, other_caseworker, participation, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    moved_to(
        client, participation, af_office=af_office, fk_office=fk_office_other, date=d(2026, 11, 20)
    )
    client.force_login(other_caseworker)
    page = client.get(page_url(participation, "transitions:history-detail"))
    text = visible_text(page)
    assert (
        "Handläggande kontor Kontorshistorik "
        "Datum för flytt Arbetsförmedling Kontor Registrerad av "
        "2026-11-02 Arbetsförmedlingen Testköping Testköping TA Frida Testsson "
        "2026-11-20 Arbetsförmedlingen Testköping Annanstad TA Frida Testsson"
    ) in text


def test_the_move_is_audited_and_access_logged(
    client, fk_caseworker, participation, af_office, fk_office, fk_office_other
):
    client.force_login(fk_caseworker)
    page = client.get(offices_url(participation))
    warning = ask_to_move(
        client, participation, af_office=af_office, fk_office=fk_office_other, date=TODAY
    )
    press_ok(client, participation, warning)

    record = AuditRecord.objects.get(action="participation.move")
    period = OfficePeriod.objects.get(participation=participation, sequence=2)
    assert (record.actor, record.participation_ref) == (fk_caseworker, participation.public_id)
    assert (record.object_type, record.object_id) == ("transitions.OfficePeriod", str(period.pk))
    assert (record.before["fk_office_id"], record.after["fk_office_id"]) == (
        fk_office.pk,
        fk_office_other.pk,
    )

    rows = list(
        AccessLog.objects.filter(user=fk_caseworker, page="byt-kontor")
        .order_by("id")
        .values_list("outcome", "participation_ref", "person_ref")
    )
    shown = (AccessOutcome.SHOWN, participation.public_id, participation.person_id)
    changed = (AccessOutcome.CHANGED, participation.public_id, participation.person_id)
    # the move page, the warning step, the change
    assert page.status_code == 200
    assert rows == [shown, shown, changed]


def test_a_refused_look_at_the_move_page_is_access_logged_as_denied(
    client, neither_caseworker, participation
):
    client.force_login(neither_caseworker)
    client.get(offices_url(participation))
    assert list(
        AccessLog.objects.filter(user=neither_caseworker).values_list(
            "page", "outcome", "participation_ref"
        )
    ) == [("byt-kontor", AccessOutcome.DENIED, participation.public_id)]


# --- sent twice, or after someone else changed the history --------------------------------------


def test_ok_sent_twice_moves_once(client, fk_caseworker, participation, af_office_other, fk_office):
    client.force_login(fk_caseworker)
    warning = ask_to_move(
        client, participation, af_office=af_office_other, fk_office=fk_office, date=TODAY
    )
    first = press_ok(client, participation, warning)
    second = press_ok(client, participation, warning, follow=True)
    assert first.status_code == 302
    assert ALREADY_SUBMITTED in messages_shown(second)
    assert len(office_pairs(participation)) == 2
    assert AuditRecord.objects.filter(action="participation.move").count() == 1


def test_ok_after_a_step_was_registered_meanwhile_is_refused_as_stale(
    client, fk_caseworker, af_caseworker, participation, af_office, fk_office_other
):
    client.force_login(fk_caseworker)
    warning = ask_to_move(
        client, participation, af_office=af_office, fk_office=fk_office_other, date=TODAY
    )
    walk(participation, af_caseworker, [("GK", TODAY)])
    response = press_ok(client, participation, warning, follow=True)
    assert response.status_code == 200
    assert STALE in visible_text(response)
    # The choices come back on the form, not an emptied one.
    form = response.context["form"]
    assert (form["af_office"].value(), form["fk_office"].value()) == (
        af_office.pk,
        fk_office_other.pk,
    )
    assert form["date"].value() == TODAY.isoformat()
    assert len(office_pairs(participation)) == 1


# --- what cannot be moved --------------------------------------------------------------------


def test_a_closed_participation_cannot_be_moved(
    client, fk_caseworker, participation, person, af_office, fk_office_other
):
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 10))])
    client.force_login(fk_caseworker)

    search = client.post(MOVE, {"personnummer": person.personnummer})
    assert search.status_code == 200
    assert "Deltagaren har ingen pågående medverkan att flytta." in visible_text(search)

    direct = client.get(offices_url(participation), follow=True)
    assert direct.redirect_chain == [(page_url(participation, "transitions:history-detail"), 302)]
    assert "Avslutade ärenden kan inte byta kontor." in messages_shown(direct)

    forged = {
        "af_office": af_office.pk,
        "fk_office": fk_office_other.pk,
        "date": "2026-11-23",
        "expected_sequence": 2,
        "form_token": "6f1c1a43-3f5e-4f8e-9a55-5b7e3b7f0a11",
    }
    refused = client.post(confirm_url(participation), forged, follow=True)
    assert "Avslutade ärenden kan inte byta kontor." in visible_text(refused)
    assert len(office_pairs(participation)) == 1


def test_a_participant_with_protected_identity_cannot_be_found_or_moved(
    client, fk_caseworker, participation, person, af_office, fk_office_other
):
    RegisterPerson.objects.filter(pk=person.pk).update(protected_identity=True)
    client.force_login(fk_caseworker)
    search = client.post(MOVE, {"personnummer": person.personnummer})
    assert search.status_code == 200
    text = visible_text(search)
    assert "Deltagaren har skyddade personuppgifter och ska registreras som anonym deltagare." in (
        text
    )
    assert "Byt kontor till" not in text
    assert "Flyttsson" not in text

    # the participation is now anonymous statistics: its page is refused, nothing is moved
    assert_refused(client.get(offices_url(participation)))
    assert_refused(
        ask_to_move(
            client, participation, af_office=af_office, fk_office=fk_office_other, date=TODAY
        )
    )
    assert len(office_pairs(participation)) == 1
    # closed that day as "Avbrutet samarbete" by the protected-identity rule, and nothing more
    steps = Transition.objects.filter(participation=participation).order_by("sequence")
    assert [step.to_type for step in steps] == ["BGK", "AVB"]
