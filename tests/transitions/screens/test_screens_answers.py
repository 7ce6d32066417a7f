""" "Registrera uppgifter" through the test client (SPEC §5.2, §6): the question sets in the panels
of §6, follow-up questions, the error summary, answers kept after a refusal, corrections reached
from "Historik enskild deltagare" with "Välj"/"Skapa". Today is 2026-11-23."""

import re

import pytest
from django.urls import reverse

from tests.builders import answer_all, d, latest, walk
from tests.screens import (
    ERROR_SUMMARY,
    error_summary,
    field_errors,
    hidden_fields,
    messages_shown,
    started,
    text,
    visible_text,
)
from transitions.models import (
    Anstallningstyp,
    AvslutatAnswers,
    AvslutGKAnswers,
    BegaranAnswers,
    Forsorjning,
    TidOffentligForsorjning,
    Utbildningsniva,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

MUST_ANSWER = "Ange ett svar."


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return started(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))


def answers_url(participation, sequence):
    return reverse("transitions:answers", args=[participation.public_id, sequence])


def history_url(participation):
    return reverse("transitions:history-detail", args=[participation.public_id])


def participant_url(participation):
    return reverse("transitions:participation", args=[participation.public_id])


def pk(model, label):
    return model.objects.get(label=label).pk


def begaran(**overrides):
    """A complete, valid Begäran set as the browser posts it; None leaves a field out."""
    data = {
        "initierad_av": "FK",
        "anstalld": "True",
        "arbetsgivare": "556036-0793",
        "anstallningstyp": pk(Anstallningstyp, "Tillsvidareanställning"),
        "eget_foretag": "False",
        "inskriven_af": "True",
        "arbetar": "True",
        "typ_av_arbete": ["arbete_ej_subventionerat"],
        "andel_arbete": "50",
        "studerar": "False",
        "arbetssokande": "False",
        "program": "False",
        "forsorjning": [pk(Forsorjning, "Sjukpenning")],
        "tid_offentlig_forsorjning": pk(TidOffentligForsorjning, "1–2 år"),
        "utbildningsniva": pk(Utbildningsniva, "Gymnasial"),
    }
    data.update(overrides)
    return {f"begaran-{name}": value for name, value in data.items() if value is not None}


def avslutat(**overrides):
    data = {
        "inskriven_af": "False",
        "arbetar": "False",
        "studerar": "False",
        "arbetssokande": "False",
        "program": "False",
        "forsorjning": [pk(Forsorjning, "Ingen offentlig försörjning")],
        "fortsatt_fk": "False",
        "fortsatt_af": "False",
        "fortsatt_kommun": "False",
    }
    data.update(overrides)
    return {f"avslutat-{name}": value for name, value in data.items() if value is not None}


def post_answers(client, url, data, **kwargs):
    page = client.get(url)
    return client.post(url, {**hidden_fields(page), **data}, **kwargs)


def set_headings(response) -> list[str]:
    return re.findall(r'<h2 class="h4" id="set-[^"]+">(.*?)</h2>', text(response))


def panel_headings(response) -> list[str]:
    return [
        " ".join(h.split())
        for h in re.findall(r'<legend class="h5">(.*?)</legend>', text(response))
    ]


def question_label(response, name: str) -> str:
    """The label (or group legend) of a question, without the required-field asterisk."""
    found = re.search(
        rf'<div id="div_id_{re.escape(name)}"[^>]*>\s*(?:<fieldset[^>]*>\s*)?'
        r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>",
        text(response),
        re.S,
    )
    assert found, name
    return " ".join(re.sub(r"<span[^>]*>\*</span>", "", found.group(1)).split())


def follow_up_of(response, name: str) -> str | None:
    """The parent question a follow-up is shown for (None for a question always asked)."""
    found = re.search(
        rf'<div(?: class="sus-follow-up" data-follow-up-of="([^"]+)")?>\s*'
        rf'<div id="div_id_{re.escape(name)}"',
        text(response),
    )
    assert found, name
    return found.group(1)


# --- panels and questions -------------------------------------------------------------------


def test_the_request_is_asked_in_the_panels_of_the_begaran_set(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    response = client.get(answers_url(participation, 1))
    assert response.status_code == 200
    assert "<h1>Registrera uppgifter</h1>" in text(response)
    assert set_headings(response) == ["Begäran om gemensam kartläggning"]
    assert panel_headings(response) == [
        "Initierad av",
        "Anställd",
        "Egen företagare",
        "Inskriven hos Arbetsförmedlingen",
        "Sysselsättning",
        "Försörjning",
        "Utbildningsnivå",
    ]


def test_the_questions_carry_the_labels_of_spec(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    response = client.get(answers_url(participation, 1))
    labels = {
        "initierad_av": "Initierad av",
        "anstalld": "Anställd",
        "arbetsgivare": "Arbetsgivare",
        "anstallningstyp": "Typ av anställning",
        "eget_foretag": "Eget företag",
        "inskriven_af": "Inskriven hos Arbetsförmedlingen",
        "arbetar": "Arbetar",
        "typ_av_arbete": "Typ av arbete",
        "andel_arbete": "Andel av arbete",
        "studerar": "Studerar",
        "typ_av_studier": "Typ av studier",
        "andel_studier": "Andel av studier",
        "arbetssokande": "Arbetssökande",
        "andel_arbetssokande": "Andel arbetssökande",
        "program": "Arbetsmarknadspolitiskt program",
        "programtyp": "Typ av arbetsmarknadspolitiskt program",
        "andel_program": "Andel sysselsättning i",
        "forsorjning": "Försörjning",
        "tid_offentlig_forsorjning": "Tid med offentlig försörjning",
        "utbildningsniva": "Utbildningsnivå",
    }
    for name, label in labels.items():
        assert question_label(response, f"begaran-{name}") == label
    arbetar = re.search(r'<div id="div_id_begaran-arbetar".*?</fieldset>', text(response), re.S)
    assert ">Ja<" in "".join(arbetar.group(0).split())
    assert ">Arbetarej<" in "".join(arbetar.group(0).split())  # "Arbetar ej", not "Nej"


def test_a_step_from_gk_to_avslutat_asks_both_its_sets(
    client, fk_caseworker, af_caseworker, participation
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVS", d(2026, 11, 20))])
    client.force_login(af_caseworker)  # the other agency answers just as well
    response = client.get(answers_url(participation, 3))
    assert set_headings(response) == ["Avslut gemensam kartläggning", "Avslutat samarbete"]
    assert panel_headings(response) == [
        "Avslut gemensam kartläggning",
        "Inskriven hos Arbetsförmedlingen",
        "Sysselsättning",
        "Försörjning",
        "Fortsatt handläggning",
    ]
    assert question_label(response, "avslut_gk-antal_moten") == (
        "Antal möten inom gemensam kartläggning"
    )
    assert question_label(response, "avslut_gk-sjukskriven_vid_avslut") == "Sjukskriven vid avslut"
    for name, label in {
        "fortsatt_fk": "Fortsatt handläggning hos Försäkringskassan",
        "involverade_aktorer": "Involverade aktörer",
        "fortsatt_af": "Fortsatt handläggning hos Arbetsförmedlingen",
        "fortsatt_kommun": "Fortsatt stöd av kommunen",
    }.items():
        assert question_label(response, f"avslutat-{name}") == label


def test_an_interrupted_request_asks_the_avbrottsorsak(client, fk_caseworker, participation):
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 5))])
    client.force_login(fk_caseworker)
    response = client.get(answers_url(participation, 2))
    assert set_headings(response) == ["Avbrutet samarbete"]
    assert panel_headings(response) == ["Avbrottsorsak"]
    page = visible_text(response)
    assert "återtagit samtycke" in page
    assert "övrigt" in page


def test_follow_up_questions_are_tied_to_the_answer_that_makes_them_relevant(
    client, fk_caseworker, participation
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVS", d(2026, 11, 20))])
    client.force_login(fk_caseworker)
    request_page = client.get(answers_url(participation, 1))
    expected = {
        "arbetsgivare": "anstalld",
        "anstallningstyp": "anstalld",
        "typ_av_arbete": "arbetar",
        "andel_arbete": "arbetar",
        "typ_av_studier": "studerar",
        "andel_studier": "studerar",
        "andel_arbetssokande": "arbetssokande",
        "programtyp": "program",
        "andel_program": "program",
    }
    for name, parent in expected.items():
        assert follow_up_of(request_page, f"begaran-{name}") == f"begaran-{parent}"
    for always_asked in ("anstalld", "arbetar", "eget_foretag", "utbildningsniva"):
        assert follow_up_of(request_page, f"begaran-{always_asked}") is None
    closing_page = client.get(answers_url(participation, 3))
    assert follow_up_of(closing_page, "avslutat-involverade_aktorer") == "avslutat-fortsatt_fk"


# --- saving ---------------------------------------------------------------------------------


def test_spara_saves_the_answers_and_lands_on_the_participant(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    history = client.get(history_url(participation))
    assert ">Skapa<" in text(history)
    assert "Uppgifter saknas" in visible_text(history)

    response = post_answers(client, answers_url(participation, 1), begaran(), follow=True)
    assert response.redirect_chain == [(participant_url(participation), 302)]
    assert messages_shown(response) == [
        "Uppgifterna för övergången till Begäran om gemensam kartläggning (2026-11-02) är sparade."
    ]
    assert ">Välj<" in text(response)
    assert "Uppgifter saknas" not in visible_text(response)
    answers = BegaranAnswers.objects.get(transition=latest(participation))
    assert (answers.initierad_av, answers.arbetsgivare, answers.andel_arbete) == (
        "FK",
        "5560360793",
        50,
    )
    assert list(answers.forsorjning.values_list("label", flat=True)) == ["Sjukpenning"]
    assert answers.answered_by == fk_caseworker


def test_follow_ups_are_required_after_ja(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    response = post_answers(
        client,
        answers_url(participation, 1),
        begaran(arbetsgivare="", anstallningstyp="", typ_av_arbete=None, andel_arbete=""),
    )
    assert response.status_code == 200
    assert field_errors(response, "id_begaran-arbetsgivare") == [MUST_ANSWER]
    assert field_errors(response, "id_begaran-anstallningstyp") == [MUST_ANSWER]
    assert field_errors(response, "id_begaran-typ_av_arbete") == ["Ange minst ett alternativ."]
    assert field_errors(response, "id_begaran-andel_arbete") == [MUST_ANSWER]
    assert not BegaranAnswers.objects.exists()


def test_follow_ups_are_not_kept_after_nej(client, fk_caseworker, participation):
    client.force_login(fk_caseworker)
    response = post_answers(
        client, answers_url(participation, 1), begaran(anstalld="False", arbetar="False")
    )
    assert response.status_code == 302
    answers = BegaranAnswers.objects.get()
    assert (answers.arbetsgivare, answers.anstallningstyp, answers.andel_arbete) == (None,) * 3
    assert not answers.arbete_ej_subventionerat


def test_a_refused_page_keeps_the_answers_and_links_every_error_to_its_field(
    client, fk_caseworker, participation
):
    client.force_login(fk_caseworker)
    response = post_answers(
        client,
        answers_url(participation, 1),
        begaran(initierad_av=None, eget_foretag=None, forsorjning=None, andel_arbete="101"),
    )
    assert response.status_code == 200
    page = text(response)
    assert ERROR_SUMMARY in visible_text(response)
    summary = dict(error_summary(response))
    assert set(summary.values()) >= {
        f"Initierad av: {MUST_ANSWER}",
        f"Eget företag: {MUST_ANSWER}",
        "Andel av arbete: Ange en andel mellan 1 och 100 procent.",
    }
    for target in summary:  # every link leads to an element of the page
        assert re.fullmatch(r"#id_begaran-[\w-]+", target), target
        assert f'id="{target[1:]}"' in page, target
    # what was answered is still there
    assert 'name="begaran-andel_arbete" value="101"' in page
    assert re.search(r'name="begaran-anstalld" value="True"[^>]*checked', page)
    assert 'name="begaran-arbetsgivare" value="556036-0793"' in page
    assert not BegaranAnswers.objects.exists()


def test_two_sets_of_one_step_are_saved_together_or_not_at_all(
    client, fk_caseworker, participation
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVS", d(2026, 11, 20))])
    client.force_login(fk_caseworker)
    data = {
        "avslut_gk-antal_moten": "3",
        "avslut_gk-sjukskriven_vid_avslut": "True",
        **avslutat(forsorjning=None),
    }
    refused = post_answers(client, answers_url(participation, 3), data)
    assert field_errors(refused, "id_avslutat-forsorjning") == ["Ange minst en försörjning."]
    assert not AvslutGKAnswers.objects.exists()
    assert 'name="avslut_gk-antal_moten" value="3"' in text(refused)

    saved = post_answers(client, answers_url(participation, 3), {**data, **avslutat()})
    assert saved.status_code == 302
    assert AvslutGKAnswers.objects.get().antal_moten == 3
    assert AvslutatAnswers.objects.count() == 1
    assert latest(participation).answers_complete


def test_involverade_aktorer_required_when_fk_continues(client, fk_caseworker, participation):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVS", d(2026, 11, 20))])
    client.force_login(fk_caseworker)
    data = {
        "avslut_gk-antal_moten": "2",
        "avslut_gk-sjukskriven_vid_avslut": "False",
        **avslutat(fortsatt_fk="True"),
    }
    response = post_answers(client, answers_url(participation, 3), data)
    assert field_errors(response, "id_avslutat-involverade_aktorer") == ["Ange minst en aktör."]
    assert not AvslutatAnswers.objects.exists()


# --- corrections and "Välj"/"Skapa" ---------------------------------------------------------


def test_answers_are_corrected_in_place_from_the_history_page(client, fk_caseworker, participation):
    answer_all(latest(participation), fk_caseworker)
    client.force_login(fk_caseworker)
    history = client.get(history_url(participation))
    valj = re.search(r'<a href="([^"]+)">Välj<', text(history)).group(1)
    assert valj == answers_url(participation, 1)

    page = client.get(valj)
    assert re.search(r'name="begaran-initierad_av" value="FK"[^>]*checked', text(page))
    assert 'name="begaran-andel_arbete" value="50"' in text(page)
    response = client.post(
        valj, {**hidden_fields(page), **begaran(initierad_av="AF", andel_arbete="75")}
    )
    assert response["Location"] == participant_url(participation)
    answers = BegaranAnswers.objects.get()
    assert (answers.initierad_av, answers.andel_arbete) == ("AF", 75)


def test_the_history_shows_valj_skapa_or_nothing_per_row(client, fk_caseworker, participation):
    answer_all(latest(participation), fk_caseworker)
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVB", d(2026, 11, 20))])
    client.force_login(fk_caseworker)
    page = text(client.get(history_url(participation)))
    shown = {}
    for heading, cells in re.findall(r'<tr>\s*<th scope="row">(.*?)</th>(.*?)</tr>', page, re.S):
        visa_uppgifter = re.findall(r"<td>(.*?)</td>", cells, re.S)[-1]
        link = re.search(r'<a [^>]*href="([^"]+)">(Välj|Skapa)<', visa_uppgifter)
        shown[heading] = (
            (link.group(2), link.group(1)) if link else None,
            "Uppgifter saknas" in visa_uppgifter,
        )
    assert shown == {
        "Begäran om gemensam kartläggning": (("Välj", answers_url(participation, 1)), False),
        "Gemensam kartläggning": (None, False),
        "Avbrutet samarbete": (("Skapa", answers_url(participation, 3)), True),
    }


def test_a_step_without_questions_has_no_answers_page(client, fk_caseworker, participation):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    client.force_login(fk_caseworker)
    assert client.get(answers_url(participation, 2)).status_code == 404
    assert client.get(answers_url(participation, 3)).status_code == 404
