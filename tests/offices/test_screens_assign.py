""" "Tilldela uppdrag" through the test client (SPEC §5.6, §2.2): an insatsansvarig gives and
ends deltagaransvarig-uppdrag at the offices it administers, a samverkansadministratör gives
and ends insatsansvarig-uppdrag at its agency's offices. "Insatsnamn" → the holders → search
by "Förnamn", "Efternamn", "Arbetsgivare" with * as wildcard → tick "Vald" → "Välj användare"
→ "OK". Removing ends an uppdrag (valid to today) and keeps it. Today is 2026-11-23."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditRecord
from offices.models import Agency, Role, Uppdrag
from tests.builders import d, start
from tests.factories import UserFactory, grant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

TODAY = d(2026, 11, 23)
ASSIGN = reverse("offices:assign")
SELECT = reverse("offices:assign-select")
CONFIRM = reverse("offices:assign-confirm")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DA, IA = Role.DELTAGARANSVARIG.value, Role.INSATSANSVARIG.value

ALREADY_SUBMITTED = "Formuläret har redan skickats. Ingenting registrerades en gång till."
NO_UPPDRAG = (
    "Du saknar uppdrag i organisation (kontor eller Arbetsförmedling) som ansvarar för denna "
    "deltagare. Du får därför inte se uppgifter om denna deltagare."
)
DENIED = "Din behörighet räcker inte för den här sidan."


# --- reading a page as a user would ------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_INPUT = re.compile(r"<input\b[^>]*>", re.S)
_ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')
_SELECT = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r'<option value="([^"]*)"[^>]*>(.*?)</option>', re.S)


def visible_text(response) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", response.content.decode())).split())


def _words(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def form_data(response, action: str) -> dict[str, list[str]]:
    """What the browser sends with the form posting to `action`: its hidden inputs (one-time
    token included) and its ticked check boxes, as name → values."""
    content = response.content.decode()
    found = re.search(rf'<form\b[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', content, re.S)
    assert found, f"no form posting to {action}"
    data: dict[str, list[str]] = {}
    for tag in _INPUT.findall(found.group(1)):
        attributes = dict(_ATTRIBUTE.findall(tag[len("<input") :]))
        kind, name = attributes.get("type"), attributes.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if kind == "hidden" or (kind == "checkbox" and "checked" in attributes):
            data.setdefault(name, []).append(html.unescape(attributes.get("value", "")))
    return data


def office_choices(response) -> list[str]:
    """The choices of "Insatsnamn"."""
    for name, body in _SELECT.findall(response.content.decode()):
        if name == "insats":
            return [_words(label) for value, label in _OPTION.findall(body) if value]
    raise AssertionError("no Insatsnamn on the page")


def user_rows(response) -> list[list[str]]:
    """The rows of the table of users: [Vald (ticked or not), Förnamn, Efternamn,
    Arbetsgivare]."""
    content = response.content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", content, re.S)
    assert body, "no table of users"
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if len(cells) != 4:
            continue
        ticked = "checked" if re.search(r"<input[^>]*\bchecked\b", cells[0]) else ""
        rows.append([ticked, *(_words(cell) for cell in cells[1:])])
    return rows


def messages_shown(response) -> list[str]:
    block = re.search(
        r'<div class="sus-messages">(.*?)</div>\s*(?:<h1|$)', response.content.decode(), re.S
    )
    if block is None:
        return []
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', block.group(1), re.S)
    return [_words(message) for message in found]


# --- the steps of the screen -----------------------------------------------------------------


def open_office(client, office, *, role=DA, **search):
    """ "Insatsnamn" (and the search terms of "Lägg till/Ta bort")."""
    response = client.get(ASSIGN, {"roll": role, "insats": office.pk, **search})
    assert response.status_code == 200
    return response


def choose(client, page, *, tick=(), untick=()):
    """Tick and untick in "Vald", then "Välj användare"."""
    data = form_data(page, SELECT)
    chosen = set(data.get("vald", [])) | {str(user.pk) for user in tick}
    chosen -= {str(user.pk) for user in untick}
    return client.post(SELECT, {**data, "vald": sorted(chosen)})


def press_ok(client, confirm, *, follow=True):
    assert confirm.status_code == 200, confirm.status_code
    return client.post(CONFIRM, form_data(confirm, CONFIRM), follow=follow)


def uppdrag_rows() -> list[tuple]:
    return list(
        Uppdrag.objects.order_by("pk").values_list(
            "user", "role", "office", "agency", "valid_from", "valid_to"
        )
    )


# --- people ------------------------------------------------------------------------------------


def fk_user(first_name, last_name, *roles, username=None, **kwargs):
    user = UserFactory(
        username=username or f"{first_name}.{last_name}".lower(),
        first_name=first_name,
        last_name=last_name,
        agency=kwargs.pop("agency", Agency.FK),
        **kwargs,
    )
    for role in roles:
        grant(user, role)
    return user


@pytest.fixture
def kalle(db):
    return fk_user("Kalle", "Anka", DA)


@pytest.fixture
def karl(db):
    return fk_user("Karl", "Berg", DA)


@pytest.fixture
def oskar(db):
    return fk_user("Oskar", "Kask", DA)


@pytest.fixture
def insatsansvarig(fk_insatsansvarig, fk_office):
    """The insatsansvarig of fk_office, logged in."""
    return fk_insatsansvarig


# --- which offices ---------------------------------------------------------------------------


def test_an_insatsansvarig_chooses_among_the_offices_it_administers_only(
    client, insatsansvarig, fk_office_other, af_office
):
    client.force_login(insatsansvarig)
    page = client.get(ASSIGN)
    assert page.status_code == 200
    assert "Insatsnamn" in visible_text(page)
    assert office_choices(page) == ["Testköping TA"]


def test_the_office_shows_its_deltagaransvariga(client, insatsansvarig, fk_office, fk_caseworker):
    client.force_login(insatsansvarig)
    page = open_office(client, fk_office)
    text = visible_text(page)
    assert "Uppdrag som deltagaransvarig på Testköping TA" in text
    assert "Frida Testsson (Försäkringskassan), från 2020-01-01" in text
    assert "Lägg till/Ta bort" in text
    assert user_rows(page) == [["checked", "Frida", "Testsson", "Försäkringskassan"]]


@pytest.mark.parametrize("office_fixture", ["fk_office_other", "af_office"])
def test_an_office_it_does_not_administer_shows_nobody(
    client, request, insatsansvarig, office_fixture
):
    """Another office of its agency, or another agency's office."""
    office = request.getfixturevalue(office_fixture)
    grant(fk_user("Hanna", "Hållare", DA, agency=office.agency), DA, office)
    client.force_login(insatsansvarig)
    page = client.get(ASSIGN, {"roll": DA, "insats": office.pk})
    assert page.status_code == 200
    text = visible_text(page)
    assert office.name not in text.replace("Arbetsförmedlingen Testköping", "")
    assert "Hållare" not in text
    assert "Välj användare" not in text
    assert office_choices(page) == ["Testköping TA"]


@pytest.mark.parametrize("office_fixture", ["fk_office_other", "af_office"])
def test_posting_for_an_office_it_does_not_administer_is_refused_and_changes_nothing(
    client, request, insatsansvarig, kalle, office_fixture
):
    """Another office of its agency, or another agency's office: both refused."""
    office = request.getfixturevalue(office_fixture)
    holder = grant(fk_user("Hanna", "Hållare", DA, agency=office.agency), DA, office)
    before, audited = uppdrag_rows(), AuditRecord.objects.count()
    client.force_login(insatsansvarig)

    chosen = client.post(
        SELECT,
        {"roll": DA, "insats": office.pk, "shown": [kalle.pk, holder.pk], "vald": [kalle.pk]},
    )
    assert chosen.status_code == 403
    assert DENIED in visible_text(chosen)

    confirmed = client.post(
        CONFIRM,
        {
            "roll": DA,
            "insats": office.pk,
            "add": [kalle.pk],
            "remove": [holder.pk],
            "form_token": "0b6a4f5e-58a6-4c55-9a3e-6a1f1f7c2b11",
        },
    )
    assert confirmed.status_code == 403
    assert uppdrag_rows() == before
    assert AuditRecord.objects.count() == audited


def test_an_insatsansvarig_cannot_give_insatsansvarig_uppdrag(client, insatsansvarig, fk_office):
    colleague = fk_user("Ingrid", "Insats", IA)
    client.force_login(insatsansvarig)
    confirmed = client.post(
        CONFIRM,
        {
            "roll": IA,
            "insats": fk_office.pk,
            "add": [colleague.pk],
            "form_token": "0b6a4f5e-58a6-4c55-9a3e-6a1f1f7c2b12",
        },
    )
    assert confirmed.status_code == 403
    assert not Uppdrag.objects.filter(user=colleague).exists()


# --- searching ---------------------------------------------------------------------------------


def test_wildcard_finds_kalle_and_karl_but_not_others(
    client, insatsansvarig, fk_office, kalle, karl, oskar
):
    fk_user("Anna", "Kalmar", DA)
    client.force_login(insatsansvarig)
    page = open_office(client, fk_office, fornamn="Ka*")
    assert user_rows(page) == [
        ["", "Kalle", "Anka", "Försäkringskassan"],
        ["", "Karl", "Berg", "Försäkringskassan"],
    ]


def test_a_name_without_wildcard_is_the_whole_name_in_any_case(
    client, insatsansvarig, fk_office, kalle, karl
):
    fk_user("Karla", "Ceder", DA)
    client.force_login(insatsansvarig)
    page = open_office(client, fk_office, fornamn="karl")
    assert user_rows(page) == [["", "Karl", "Berg", "Försäkringskassan"]]


def test_search_by_efternamn_with_and_without_wildcard(
    client, insatsansvarig, fk_office, kalle, karl, oskar
):
    fk_user("Bo", "Bergström", DA)
    client.force_login(insatsansvarig)
    assert [row[1:3] for row in user_rows(open_office(client, fk_office, efternamn="Berg"))] == [
        ["Karl", "Berg"]
    ]
    assert [row[1:3] for row in user_rows(open_office(client, fk_office, efternamn="berg*"))] == [
        ["Karl", "Berg"],
        ["Bo", "Bergström"],
    ]


def test_search_by_arbetsgivare(client, insatsansvarig, fk_office, kalle, karl):
    client.force_login(insatsansvarig)
    found = user_rows(open_office(client, fk_office, arbetsgivare="Försäkringskassan"))
    assert [row[1] for row in found] == ["Kalle", "Karl"]
    found = user_rows(open_office(client, fk_office, arbetsgivare="Arbets*"))
    assert found == []
    found = user_rows(open_office(client, fk_office, fornamn="Ka*", arbetsgivare="FK"))
    assert [row[1] for row in found] == ["Kalle", "Karl"]


def test_only_active_deltagaransvariga_of_the_same_agency_are_found(
    client, insatsansvarig, fk_office, kalle
):
    fk_user("Kalle", "Afsson", DA, agency=Agency.AF)  # employed by Arbetsförmedlingen
    fk_user("Kalle", "Utanroll")  # no role
    fk_user("Kalle", "Läsare", Role.LASBEHORIG)  # another role
    fk_user("Kalle", "Slutat", DA, is_active=False)  # inactive
    ended = fk_user("Kalle", "Förr")
    grant(ended, DA, valid_from=d(2020, 1, 1))
    ended.role_grants.update(valid_to=d(2026, 11, 22))  # the role ended yesterday
    client.force_login(insatsansvarig)
    page = open_office(client, fk_office, fornamn="*")
    assert user_rows(page) == [["", "Kalle", "Anka", "Försäkringskassan"]]


# --- giving and ending -------------------------------------------------------------------------


def test_ticking_vald_valj_anvandare_and_ok_gives_the_uppdrag(
    client, insatsansvarig, fk_office, kalle, karl
):
    client.force_login(insatsansvarig)
    page = open_office(client, fk_office, fornamn="Ka*")
    confirm = choose(client, page, tick=[kalle])
    assert confirm.status_code == 200
    text = visible_text(confirm)
    assert "Uppdrag som deltagaransvarig på Testköping TA" in text
    assert "Får uppdrag från i dag: Kalle Anka" in text
    assert "Karl" not in text
    assert not Uppdrag.objects.filter(user=kalle).exists()  # nothing before "OK"

    done = press_ok(client, confirm)
    assert done.redirect_chain == [(f"{ASSIGN}?roll={DA}&insats={fk_office.pk}", 302)]
    assert messages_shown(done) == ["Uppdragen är sparade: 1 tillagt, 0 avslutade."]
    assert "Kalle Anka (Försäkringskassan), från 2026-11-23" in visible_text(done)
    assert list(
        Uppdrag.objects.filter(user=kalle).values_list("role", "office", "valid_from", "valid_to")
    ) == [(DA, fk_office.pk, TODAY, None)]
    assert not Uppdrag.objects.filter(user=karl).exists()

    record = AuditRecord.objects.get(action="uppdrag.grant")
    uppdrag = Uppdrag.objects.get(user=kalle)
    assert timezone.localtime(record.at).date() == TODAY
    assert (record.actor, record.object_type, record.object_id) == (
        insatsansvarig,
        "offices.Uppdrag",
        str(uppdrag.pk),
    )
    assert (record.after["user_id"], record.after["office_id"], record.after["valid_from"]) == (
        kalle.pk,
        fk_office.pk,
        "2026-11-23",
    )


def test_the_new_deltagaransvarig_can_open_the_participants_of_the_office(
    client, insatsansvarig, fk_caseworker, af_office, fk_office, kalle
):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    url = reverse("transitions:history-detail", args=[participation.public_id])
    client.force_login(kalle)
    refused = client.get(url)
    assert refused.status_code == 403
    assert NO_UPPDRAG in visible_text(refused)

    client.force_login(insatsansvarig)
    press_ok(client, choose(client, open_office(client, fk_office, fornamn="Kalle"), tick=[kalle]))

    client.force_login(kalle)
    assert client.get(url).status_code == 200


def test_unticking_a_holder_ends_the_uppdrag_today_and_keeps_it(
    client, time_machine, insatsansvarig, fk_office, fk_caseworker
):
    uppdrag = Uppdrag.objects.get(user=fk_caseworker)
    client.force_login(insatsansvarig)
    confirm = choose(client, open_office(client, fk_office), untick=[fk_caseworker])
    assert "Uppdraget avslutas i dag: Frida Testsson" in visible_text(confirm)

    done = press_ok(client, confirm)
    assert messages_shown(done) == ["Uppdragen är sparade: 0 tillagda, 1 avslutat."]
    assert "Frida Testsson" not in visible_text(done)  # no longer among the office's holders
    uppdrag.refresh_from_db()  # still there, ended
    assert (uppdrag.valid_from, uppdrag.valid_to) == (d(2020, 1, 1), TODAY)
    assert Uppdrag.objects.filter(user=fk_caseworker).count() == 1

    record = AuditRecord.objects.get(action="uppdrag.end")
    assert (record.actor, record.object_id) == (insatsansvarig, str(uppdrag.pk))
    assert (record.before["valid_to"], record.after["valid_to"]) == (None, "2026-11-23")

    # from tomorrow the office no longer has her, and she has no participant pages
    time_machine.move_to(datetime.datetime(2026, 11, 24, 12, 0, tzinfo=STOCKHOLM))
    client.force_login(insatsansvarig)
    assert "Frida Testsson" not in visible_text(open_office(client, fk_office))
    client.force_login(fk_caseworker)
    refused = client.get(reverse("transitions:register"))
    assert refused.status_code == 403
    assert NO_UPPDRAG in visible_text(refused)


def test_a_removal_can_be_undone_the_same_day(client, insatsansvarig, fk_office, fk_caseworker):
    client.force_login(insatsansvarig)
    press_ok(client, choose(client, open_office(client, fk_office), untick=[fk_caseworker]))
    page = open_office(client, fk_office, fornamn="Frida")
    assert user_rows(page) == [["", "Frida", "Testsson", "Försäkringskassan"]]
    done = press_ok(client, choose(client, page, tick=[fk_caseworker]))
    assert messages_shown(done) == ["Uppdragen är sparade: 1 tillagt, 0 avslutade."]
    periods = Uppdrag.objects.filter(user=fk_caseworker).order_by("valid_from")
    assert [(u.valid_from, u.valid_to) for u in periods] == [(d(2020, 1, 1), TODAY), (TODAY, None)]


def test_giving_and_ending_in_one_ok(client, insatsansvarig, fk_office, fk_caseworker, kalle):
    client.force_login(insatsansvarig)
    page = open_office(client, fk_office, fornamn="Kalle")
    assert user_rows(page) == [
        ["", "Kalle", "Anka", "Försäkringskassan"],
        ["checked", "Frida", "Testsson", "Försäkringskassan"],
    ]
    done = press_ok(client, choose(client, page, tick=[kalle], untick=[fk_caseworker]))
    assert messages_shown(done) == ["Uppdragen är sparade: 1 tillagt, 1 avslutat."]
    assert sorted(AuditRecord.objects.values_list("action", "actor")) == [
        ("uppdrag.end", insatsansvarig.pk),
        ("uppdrag.grant", insatsansvarig.pk),
    ]


def test_nothing_chosen_changes_nothing(client, insatsansvarig, fk_office, fk_caseworker):
    client.force_login(insatsansvarig)
    response = client.post(SELECT, form_data(open_office(client, fk_office), SELECT), follow=True)
    assert messages_shown(response) == ["Inga ändringar är valda."]
    assert Uppdrag.objects.get(user=fk_caseworker).valid_to is None


def test_ok_sent_twice_gives_the_uppdrag_once(client, insatsansvarig, fk_office, kalle):
    client.force_login(insatsansvarig)
    confirm = choose(client, open_office(client, fk_office, fornamn="Kalle"), tick=[kalle])
    press_ok(client, confirm)
    again = press_ok(client, confirm)
    assert messages_shown(again) == [ALREADY_SUBMITTED]
    assert Uppdrag.objects.filter(user=kalle).count() == 1
    assert AuditRecord.objects.filter(action="uppdrag.grant").count() == 1


# --- the rules hold on every path ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (
            "af_employee",
            "Kalle Afsson är anställd vid Arbetsförmedlingen och kan bara få uppdrag där.",
        ),
        (
            "samverkansadministrator",
            "Sara Samverkan saknar behörighetsrollen deltagaransvarig den dag uppdraget börjar.",
        ),
        (
            "no_role",
            "Utan Roll saknar behörighetsrollen deltagaransvarig den dag uppdraget börjar.",
        ),
    ],
)
def test_an_uppdrag_the_rules_forbid_is_refused_with_a_message_and_nothing_saved(
    client, insatsansvarig, fk_office, kalle, who, message
):
    """Not found by the search, but sent anyway: the same rules as everywhere refuse it, and
    the valid user chosen with it is not given the uppdrag either (all or nothing)."""
    user = {
        "af_employee": lambda: fk_user("Kalle", "Afsson", DA, agency=Agency.AF),
        # a samverkansadministratör may not also be deltagaransvarig (SPEC §2.2)
        "samverkansadministrator": lambda: grant(
            fk_user("Sara", "Samverkan"), Role.SAMVERKANSADMINISTRATOR
        ),
        "no_role": lambda: fk_user("Utan", "Roll"),
    }[who]()
    before, audited = uppdrag_rows(), AuditRecord.objects.count()
    client.force_login(insatsansvarig)
    page = open_office(client, fk_office)
    data = form_data(page, SELECT)
    chosen = [kalle.pk, user.pk]
    confirm = client.post(
        SELECT,
        {
            **data,
            "shown": [*data.get("shown", []), *chosen],
            "vald": [*data.get("vald", []), *chosen],
        },
    )
    done = press_ok(client, confirm)
    assert messages_shown(done) == [message]
    assert uppdrag_rows() == before
    assert AuditRecord.objects.count() == audited

    # the corrected choice goes through with a fresh form
    done = press_ok(
        client, choose(client, open_office(client, fk_office, fornamn="Kalle"), tick=[kalle])
    )
    assert messages_shown(done) == ["Uppdragen är sparade: 1 tillagt, 0 avslutade."]


# --- samverkansadministratör ---------------------------------------------------------------------


@pytest.fixture
def samverkansadmin(fk_samverkansadmin):
    return fk_samverkansadmin


def test_a_samverkansadministrator_gives_insatsansvarig_uppdrag_at_its_agencys_offices(
    client, samverkansadmin, fk_office, fk_office_other, af_office
):
    ingrid = fk_user("Ingrid", "Insats", IA)
    fk_user("Inez", "Deltagare", DA)  # holds another role: not found
    client.force_login(samverkansadmin)
    page = client.get(ASSIGN, {"roll": IA})
    assert office_choices(page) == ["Annanstad TA", "Testköping TA"]

    page = open_office(client, fk_office_other, role=IA, fornamn="I*")
    assert "Uppdrag som insatsansvarig på Annanstad TA" in visible_text(page)
    assert user_rows(page) == [["", "Ingrid", "Insats", "Försäkringskassan"]]
    done = press_ok(client, choose(client, page, tick=[ingrid]))
    assert messages_shown(done) == ["Uppdragen är sparade: 1 tillagt, 0 avslutade."]
    assert list(
        Uppdrag.objects.filter(user=ingrid).values_list("role", "office", "valid_from", "valid_to")
    ) == [(IA, fk_office_other.pk, TODAY, None)]
    record = AuditRecord.objects.get(action="uppdrag.grant")
    assert record.actor == samverkansadmin

    # the new insatsansvarig now administers Annanstad
    client.force_login(ingrid)
    assert office_choices(client.get(ASSIGN)) == ["Annanstad TA"]


def test_a_samverkansadministrator_ends_an_insatsansvarig_uppdrag_and_keeps_it(
    client, samverkansadmin, insatsansvarig, fk_office
):
    uppdrag = Uppdrag.objects.get(user=insatsansvarig, office=fk_office)
    client.force_login(samverkansadmin)
    page = open_office(client, fk_office, role=IA)
    assert user_rows(page) == [
        ["checked", insatsansvarig.first_name, insatsansvarig.last_name, "Försäkringskassan"]
    ]
    done = press_ok(client, choose(client, page, untick=[insatsansvarig]))
    assert messages_shown(done) == ["Uppdragen är sparade: 0 tillagda, 1 avslutat."]
    uppdrag.refresh_from_db()
    assert uppdrag.valid_to == TODAY
    record = AuditRecord.objects.get(action="uppdrag.end")
    assert (record.actor, record.object_id) == (samverkansadmin, str(uppdrag.pk))


def test_a_samverkansadministrator_cannot_touch_another_agencys_offices(
    client, samverkansadmin, af_office
):
    af_ia = grant(fk_user("Alva", "Afsdotter", IA, agency=Agency.AF), IA, af_office)
    before = uppdrag_rows()
    client.force_login(samverkansadmin)
    page = client.get(ASSIGN, {"roll": IA, "insats": af_office.pk})
    assert "Alva" not in visible_text(page)
    refused = client.post(
        CONFIRM,
        {
            "roll": IA,
            "insats": af_office.pk,
            "remove": [af_ia.pk],
            "form_token": "0b6a4f5e-58a6-4c55-9a3e-6a1f1f7c2b13",
        },
    )
    assert refused.status_code == 403
    assert uppdrag_rows() == before


def test_a_samverkansadministrator_cannot_give_deltagaransvarig_uppdrag(
    client, samverkansadmin, fk_office, kalle
):
    client.force_login(samverkansadmin)
    refused = client.post(
        CONFIRM,
        {
            "roll": DA,
            "insats": fk_office.pk,
            "add": [kalle.pk],
            "form_token": "0b6a4f5e-58a6-4c55-9a3e-6a1f1f7c2b14",
        },
    )
    assert refused.status_code == 403
    assert not Uppdrag.objects.filter(user=kalle).exists()


# --- who may not use the screen ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["reader", "fk_caseworker", "no_role_user"])
def test_other_roles_are_refused(client, request, persona, fk_office, kalle):
    client.force_login(request.getfixturevalue(persona))
    before = uppdrag_rows()
    assert client.get(ASSIGN, {"roll": DA, "insats": fk_office.pk}).status_code == 403
    chosen = client.post(
        SELECT, {"roll": DA, "insats": fk_office.pk, "shown": [kalle.pk], "vald": [kalle.pk]}
    )
    assert chosen.status_code == 403
    confirmed = client.post(
        CONFIRM,
        {
            "roll": DA,
            "insats": fk_office.pk,
            "add": [kalle.pk],
            "form_token": "0b6a4f5e-58a6-4c55-9a3e-6a1f1f7c2b15",
        },
    )
    assert confirmed.status_code == 403
    assert uppdrag_rows() == before


def test_a_logged_out_visitor_is_sent_to_the_login(client, fk_office, kalle):
    before = uppdrag_rows()
    for response in (
        client.get(ASSIGN),
        client.post(
            CONFIRM,
            {
                "roll": DA,
                "insats": fk_office.pk,
                "add": [kalle.pk],
                "form_token": "0b6a4f5e-58a6-4c55-9a3e-6a1f1f7c2b16",
            },
        ),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert uppdrag_rows() == before


def test_the_menu_shows_tilldela_uppdrag_to_insatsansvariga_only(
    client, insatsansvarig, fk_caseworker
):
    client.force_login(insatsansvarig)
    assert f'href="{ASSIGN}"' in client.get(reverse("home")).content.decode()
    client.force_login(fk_caseworker)
    assert f'href="{ASSIGN}"' not in client.get(reverse("home")).content.decode()


def test_nobody_gives_itself_an_uppdrag(client, insatsansvarig, fk_office):
    from offices.services import role_grant

    role_grant(user=insatsansvarig, role=Role.DELTAGARANSVARIG, actor=None)
    client.force_login(insatsansvarig)
    before = uppdrag_rows()
    confirm = choose(client, open_office(client, fk_office, fornamn="*"), tick=[insatsansvarig])
    done = press_ok(client, confirm)
    assert messages_shown(done) == ["Du kan inte ge dig själv ett uppdrag."]
    assert uppdrag_rows() == before


def test_a_user_without_employer_gets_no_uppdrag(client, insatsansvarig, fk_office):
    nobody = fk_user("Utan", "Arbetsgivare", Role.DELTAGARANSVARIG, agency="")
    client.force_login(insatsansvarig)
    before = uppdrag_rows()
    data = form_data(open_office(client, fk_office), SELECT)
    confirm = client.post(SELECT, {**data, "vald": [str(nobody.pk)]})
    done = press_ok(client, confirm)
    assert messages_shown(done) == ["Ange arbetsgivare för Utan Arbetsgivare innan uppdrag ges."]
    assert uppdrag_rows() == before
