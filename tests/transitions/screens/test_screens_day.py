"""The caseworker's day (issue 11): working from the participant without typing the
personnummer again, no needless choices, no lost input, every error of a submit at once, the
sources' guidance on screen, "Radera" that says what it removes, and the wording. Today is
2026-11-23."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from offices.models import Agency, Role
from tests.builders import answer_all, d, latest, walk
from tests.factories import AfOfficeFactory, AreaFactory, FkOfficeFactory, UserFactory, grant
from tests.screens import (
    error_summary,
    field_errors,
    hidden_fields,
    messages_shown,
    new_person,
    options,
    search,
    started,
    text,
    visible_text,
)
from tests.transitions.screens.test_screens_answers import avslutat, begaran
from transitions.models import BegaranAnswers, Participation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

HOME = reverse("home")
REGISTER = reverse("transitions:register")
MOVE = reverse("transitions:move")


def url(participation, name="transitions:participation", *args):
    return reverse(name, args=[participation.public_id, *args])


def selected(response, name: str) -> str | None:
    """The value chosen in a <select> as the page shows it."""
    select = re.search(rf'<select\b[^>]*name="{name}"[^>]*>(.*?)</select>', text(response), re.S)
    assert select, name
    chosen = re.search(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(1))
    return (chosen.group(1) or None) if chosen else None  # "Välj…" is no choice


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))


# --- 1. work from the participant ------------------------------------------------------------


def test_the_participant_page_offers_the_next_actions_without_the_personnummer(
    client, fk_caseworker, participation
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("PAL", d(2026, 11, 10))])
    client.force_login(fk_caseworker)
    page = client.get(url(participation))
    shown = visible_text(page)
    # the steps whose answers are missing, each with its own "Registrera uppgifter"
    assert "Uppgifter saknas" in shown
    for sequence, step in (
        (1, "Begäran om gemensam kartläggning (2026-11-02)"),
        (3, "Planerad arbetslivsinriktad (2026-11-10)"),
    ):
        assert f"Registrera uppgifter för övergången till {step}" in shown
        assert f'href="{url(participation, "transitions:answers", sequence)}"' in text(page)
    assert f'href="{url(participation, "transitions:history-detail")}"' in text(page)
    assert f'href="{url(participation, "transitions:move-offices")}"' in text(page)
    # "Radera" says which step it removes (its accessible name)
    assert "Radera övergången till Planerad arbetslivsinriktad (2026-11-10)" in shown
    assert "Ny övergång" in shown
    assert participation.person.personnummer not in "".join(
        re.findall(r'href="([^"]*)"', text(page))
    )


def test_the_history_page_leads_back_to_the_participant_and_to_byt_kontor(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    page = text(client.get(url(participation, "transitions:history-detail")))
    assert f'href="{url(participation)}">Registrera medverkan</a>' in page
    assert f'href="{url(participation, "transitions:move-offices")}">Byt kontor</a>' in page


def test_saved_answers_land_on_the_participant_with_the_next_step(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    answers = url(participation, "transitions:answers", 1)
    page = client.get(answers)
    assert f'href="{url(participation)}">Avbryt</a>' in text(page)
    done = client.post(answers, {**hidden_fields(page), **begaran()}, follow=True)
    assert done.redirect_chain == [(url(participation), 302)]
    assert messages_shown(done) == [
        "Uppgifterna för övergången till Begäran om gemensam kartläggning (2026-11-02) är sparade."
    ]
    assert "Uppgifter saknas" not in visible_text(done)
    assert "Ny övergång" in visible_text(done)


def test_answers_opened_from_att_gora_go_back_there(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    todo = client.get(HOME)
    link = re.search(r'<a href="([^"]+)">Registrera uppgifter', text(todo)).group(1)
    assert link == f"{url(participation, 'transitions:answers', 1)}?fran=att-gora"
    page = client.get(link)
    assert f'href="{HOME}">Avbryt</a>' in text(page)
    done = client.post(link, {**hidden_fields(page), **begaran()}, follow=True)
    assert done.redirect_chain == [(HOME, 302)]
    assert "Inga uppgifter saknas." in visible_text(done)


def test_a_move_lands_on_the_participant(
    client, fk_caseworker, participation, af_office, fk_office_other
):
    grant(fk_caseworker, Role.DELTAGARANSVARIG, fk_office_other)
    client.force_login(fk_caseworker)
    warning = client.post(
        url(participation, "transitions:move-offices"),
        {"af_office": af_office.pk, "fk_office": fk_office_other.pk, "date": "2026-11-23"},
    )
    done = client.post(url(participation, "transitions:move-confirm"), hidden_fields(warning))
    assert done["Location"] == url(participation)


# --- 2. no needless choices, no lost input -----------------------------------------------------


def test_the_only_office_of_the_users_agency_is_chosen_beforehand(
    client, fk_caseworker, fk_office, af_office
):
    client.force_login(fk_caseworker)
    start = search(client, REGISTER, new_person().personnummer)["Location"]
    page = client.get(start)
    assert selected(page, "fk_office") == str(fk_office.pk)
    assert selected(page, "af_office") is None  # the other agency's office is the user's choice

    grant(fk_caseworker, Role.DELTAGARANSVARIG, FkOfficeFactory(name="Tvåstad"))
    assert selected(client.get(start), "fk_office") is None  # two offices: a real choice


def test_byt_kontor_starts_from_the_current_offices(
    client, fk_caseworker, participation, af_office, fk_office
):
    client.force_login(fk_caseworker)
    page = client.get(url(participation, "transitions:move-offices"))
    assert selected(page, "af_office") == str(af_office.pk)
    assert selected(page, "fk_office") == str(fk_office.pk)


def test_filtrera_keeps_the_chosen_offices_and_date(
    client, fk_caseworker, participation, af_office_other, fk_office
):
    south = AreaFactory(kind="VERKSAMHETSOMRADE", name="VO Syd")
    FkOfficeFactory(name="Lund", verksamhetsomrade=south)
    client.force_login(fk_caseworker)
    page = client.post(
        url(participation, "transitions:move-offices"),
        {
            "verksamhetsomrade": south.pk,
            "af_office": af_office_other.pk,
            "fk_office": "",
            "date": "2026-11-20",
            "filtrera": "1",
        },
    )
    assert page.status_code == 200
    assert list(options(page, "fk_office").values()) == ["Lund TA"]
    assert selected(page, "af_office") == str(af_office_other.pk)
    assert 'name="date" value="2026-11-20"' in text(page)
    assert "Det finns fel" not in visible_text(page)  # nothing checked yet
    assert "Verksamhetsområde (frivillig)" in visible_text(
        page
    )  # the filters are the form's only optional fields


def test_avbryt_on_the_warning_returns_to_the_form_with_the_choices_kept(
    client, fk_caseworker, participation, af_office_other, fk_office_other
):
    client.force_login(fk_caseworker)
    warning = client.post(
        url(participation, "transitions:move-offices"),
        {"af_office": af_office_other.pk, "fk_office": fk_office_other.pk, "date": "2026-11-20"},
    )
    assert "Kontrollera att du valt rätt kontor" in visible_text(warning)
    assert 'name="tillbaka"' in text(warning)
    back = client.post(
        url(participation, "transitions:move-offices"),
        {**hidden_fields(warning), "tillbaka": "1"},
    )
    assert back.status_code == 200
    assert "Byt kontor till" in visible_text(back)
    assert selected(back, "af_office") == str(af_office_other.pk)
    assert selected(back, "fk_office") == str(fk_office_other.pk)
    assert 'name="date" value="2026-11-20"' in text(back)
    assert Participation.objects.get().fk_office != fk_office_other  # nothing moved


def test_filters_that_exclude_each_other_say_why_the_office_list_is_empty(
    client, fk_caseworker, participation
):
    north = AreaFactory(kind="MARKNADSOMRADE", name="MO Nord")
    west = AreaFactory(kind="ARBETSMARKNADSOMRADE", name="AMO Väst")
    AfOfficeFactory(name="Af Kiruna", marknadsomrade=north)
    AfOfficeFactory(name="Af Borås", arbetsmarknadsomrade=west)
    client.force_login(fk_caseworker)
    page = client.get(
        url(participation, "transitions:move-offices"),
        {"marknadsomrade": north.pk, "arbetsmarknadsomrade": west.pk},
    )
    assert (
        "Ingen arbetsförmedling ligger både i marknadsområde MO Nord och i "
        "arbetsmarknadsområde AMO Väst. Ändra eller ta bort ett av filtren."
    ) in visible_text(page)


def test_visa_deltagare_says_why_contradictory_filters_give_an_empty_list(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    page = client.get(reverse("transitions:list"), {"insatstyp": "AVS", "status": "AKTUELLA"})
    assert (
        "Inga deltagare kan visas: insatstypen Avslutat samarbete hör inte till deltagarstatus "
        "Aktuella."
    ) in visible_text(page)
    plain = client.get(reverse("transitions:list"), {"insatstyp": "AVS"})
    assert "Inga deltagare matchar urvalet." in visible_text(plain)


# --- 3. every error at once, one convention -------------------------------------------------


def test_registrera_uppgifter_shows_every_error_of_a_submit_at_once(
    client, fk_caseworker, participation
):
    """A format error, a missing follow-up and a rule of the service, in one submit."""
    client.force_login(fk_caseworker)
    answers = url(participation, "transitions:answers", 1)
    page = client.get(answers)
    sent = begaran(andel_arbete="abc", anstallningstyp="", forsorjning=None)
    refused = client.post(answers, {**hidden_fields(page), **sent})
    assert refused.status_code == 200
    summary = [message for _target, message in error_summary(refused)]
    assert "Andel av arbete: Ange ett heltal." in summary  # format
    assert "Typ av anställning: Ange ett svar." in summary  # follow-up of "Anställd: Ja"
    assert "Försörjning: Ange minst en försörjning." in summary  # the service's rule
    assert field_errors(refused, "id_begaran-andel_arbete") == ["Ange ett heltal."]
    assert not BegaranAnswers.objects.exists()


def test_no_asterisks_and_follow_ups_sit_under_their_question(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    page = text(client.get(url(participation, "transitions:answers", 1)))
    assert "asteriskField" not in page
    assert "(frivillig)" not in page  # every question is required (follow-ups when shown)
    assert re.search(
        r'<div class="sus-follow-up" data-follow-up-of="begaran-anstalld">\s*'
        r'<div id="div_id_begaran-arbetsgivare"',
        page,
    )
    assert "asteriskField" not in text(client.get(url(participation)))


def test_a_percent_error_does_not_repeat_the_help_text(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    answers = url(participation, "transitions:answers", 1)
    page = client.get(answers)
    refused = client.post(answers, {**hidden_fields(page), **begaran(andel_arbete="101")})
    assert field_errors(refused, "id_begaran-andel_arbete") == [
        "Ange en andel mellan 1 och 100 procent."
    ]
    field = re.search(
        r'<div id="div_id_begaran-andel_arbete".*?</div>\s*</div>', text(refused), re.S
    ).group(0)
    assert field.count("100 procent motsvarar 40 timmar i veckan") == 1  # the help, once


# --- 4. the sources' guidance -------------------------------------------------------------------


def test_avslutat_samarbete_carries_the_sources_guidance(client, fk_caseworker, participation):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVS", d(2026, 11, 20))])
    client.force_login(fk_caseworker)
    shown = visible_text(client.get(url(participation, "transitions:answers", 3)))
    for guidance in (
        "Med direkt efter menas inom en vecka efter arbetet har avslutats.",
        "Om deltagaren till exempel har en anställning men inte kunnat arbeta på grund av "
        "sjukdom ska du svara Arbetar ej.",
        "Arbetsmarknadsutbildning ska registreras under studerar.",
        "Du kan använda dig av blankett 7464 Underlag Af/FK-samarbete upphör",
    ):
        assert guidance in shown


def test_avbrutet_samarbete_says_which_date_and_that_it_is_not_anonymous(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    assert (
        "ange det datum då deltagaren återtar samtycket eller det datum deltagaren avbryter "
        "samarbetet av annat skäl"
    ) in visible_text(client.get(url(participation)))
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 5))])
    not_anonymous = (
        "Du ska inte registrera in deltagaren som anonym deltagare när registreringen i SUS "
        "avbryts på grund av återtaget samtycke."
    )
    answers = visible_text(client.get(url(participation, "transitions:answers", 2)))
    assert not_anonymous in answers
    assert "blankett 7464" in answers
    assert not_anonymous in visible_text(client.get(reverse("transitions:anonymous")))


def test_the_refusal_says_whom_to_contact(client, participation, other_caseworker):
    client.force_login(other_caseworker)
    refused = client.get(url(participation))
    assert refused.status_code == 403
    assert "vända dig till en insatsansvarig för ditt kontor" in visible_text(refused)

    af_elsewhere = grant(
        UserFactory(username="af-annan", agency=Agency.AF),
        Role.DELTAGARANSVARIG,
        AfOfficeFactory(name="Af Annanstad"),
    )
    client.force_login(af_elsewhere)
    assert "Kontakta handläggaren på Försäkringskassan som får rätta detta." in visible_text(
        client.get(url(participation))
    )
    without = grant(UserFactory(username="af-utan", agency=Agency.AF), Role.DELTAGARANSVARIG)
    client.force_login(without)
    assert "Kontakta i sådana fall din samverkanssamordnare." in visible_text(client.get(REGISTER))


def test_byt_kontor_says_to_keep_ta_and_fv_apart(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    shown = visible_text(client.get(url(participation, "transitions:move-offices")))
    assert "Det är viktigt att skilja på kontor TA och kontor FV." in shown


# --- 5. Radera ------------------------------------------------------------------------------------


def test_radera_mentions_answers_only_when_the_step_has_some(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    delete = url(participation, "transitions:delete")
    unanswered = visible_text(client.get(delete))
    assert "hela deltagarens medverkan tas bort, med samtycket." in unanswered
    assert "Svaren" not in unanswered
    assert "Radera den första registreringen och hela medverkan" in unanswered
    answer_all(latest(participation), fk_caseworker)
    assert "Svaren på övergångens frågor raderas också." in visible_text(client.get(delete))


# --- 8. wording ---------------------------------------------------------------------------------


def test_the_participant_shows_its_current_insatstyp(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    shown = visible_text(client.get(url(participation)))
    assert "Nuvarande insatstyp Begäran om gemensam kartläggning" in shown
    assert "Övergång från" not in shown
    assert "en rad per insatstyp" not in shown


def test_one_anonymous_woman_and_man_are_counted_in_the_singular(
    client, fk_caseworker, af_office, fk_office
):
    client.force_login(fk_caseworker)
    page = client.get(reverse("transitions:anonymous"))
    client.post(
        reverse("transitions:anonymous"),
        {
            **hidden_fields(page),
            "af_office": af_office.pk,
            "fk_office": fk_office.pk,
            "year": "2026",
            "women": "1",
            "men": "1",
        },
    )
    count_pk = re.search(
        r"/anonyma/(\d+)/radera/", text(client.get(reverse("transitions:anonymous")))
    ).group(1)
    confirm = client.get(reverse("transitions:anonymous-delete", args=[count_pk]))
    assert "1 kvinna och 1 man?" in visible_text(confirm)


def test_every_page_links_a_favicon_that_exists(client, fk_caseworker):
    client.force_login(fk_caseworker)
    page = text(client.get(HOME))
    icon = re.search(r'<link rel="icon" href="/static/([^"]+)"', page).group(1)
    assert finders.find(icon)


def test_att_gora_says_one_day_in_the_singular(client, fk_caseworker, settings):
    settings.SUS_WAITING_ALERT_DAYS = 1
    client.force_login(fk_caseworker)
    assert "Deltagare som väntat mer än 1 dag" in visible_text(client.get(HOME))


def test_the_closing_answers_keep_every_follow_up_error_with_the_rules(
    client, fk_caseworker, participation
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVS", d(2026, 11, 20))])
    client.force_login(fk_caseworker)
    answers = url(participation, "transitions:answers", 3)
    page = client.get(answers)
    sent = {
        "avslut_gk-antal_moten": "",
        "avslut_gk-sjukskriven_vid_avslut": "True",
        **avslutat(fortsatt_fk="True", forsorjning=None),
    }
    refused = client.post(answers, {**hidden_fields(page), **sent})
    summary = [message for _target, message in error_summary(refused)]
    assert "Antal möten inom gemensam kartläggning: Ange ett svar." in summary
    assert "Involverade aktörer: Ange minst en aktör." in summary
    assert "Försörjning: Ange minst en försörjning." in summary


def test_the_first_registration_shows_every_error_of_a_submit_at_once(
    client, fk_caseworker, fk_office
):
    """A date the form cannot read, and the service's rules on the other fields, together."""
    client.force_login(fk_caseworker)
    start = search(client, REGISTER, new_person().personnummer)["Location"]
    page = client.get(start)
    refused = client.post(
        start,
        {
            **hidden_fields(page),
            "af_office": "",
            "fk_office": fk_office.pk,
            "consent_date": "2026-13-01",
            "to_type": "BGK",
            "date": "2026-11-30",
        },
    )
    summary = [message for _target, message in error_summary(refused)]
    assert "Datum för samtycke: Ange datum som ÅÅÅÅ-MM-DD." in summary
    assert "Arbetsförmedling: Ange arbetsförmedling." in summary
    assert (
        "Deltagaren har lämnat skriftligt samtycke: Ange att deltagaren har lämnat skriftligt "
        "samtycke."
    ) in summary
    assert "Datum för övergång: Datum för övergång kan inte vara ett framtida datum." in summary
    assert not Participation.objects.exists()


def test_a_step_shows_its_date_rule_with_the_missing_insatstyp(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    page = client.get(url(participation))
    refused = client.post(url(participation), {**hidden_fields(page), "date": "2026-11-30"})
    summary = [message for _target, message in error_summary(refused)]
    assert "Övergång till: Ange vilken insatstyp övergången går till." in summary
    assert "Datum för övergång: Datum för övergång kan inte vara ett framtida datum." in summary
