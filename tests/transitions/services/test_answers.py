"""Answers on "Registrera uppgifter" (answers_save, SPEC §5.2 and §6): follow-up questions,
percentages, försörjning, the sets of each step, corrections, withdrawn consent, and the
database's copy of the follow-up rules. Today is 2026-11-23."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.builders import d, default_answers, latest, start, walk
from transitions.access import NoAccess
from transitions.models import (
    Anstallningstyp,
    Avbrottsorsak,
    AvbrutetAnswers,
    AvslutatAnswers,
    AvslutGKAnswers,
    BegaranAnswers,
    Consent,
    Forsorjning,
    InvolveradAktor,
    Programtyp,
    TidOffentligForsorjning,
    Utbildningsniva,
)
from transitions.services import answers_save
from transitions.table import QuestionSet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

STARTED = d(2026, 11, 2)
MUST_ANSWER = "Ange ett svar."
PICK_ONE = "Ange minst ett alternativ."


def lookup(model, label):
    return model.objects.get(label=label)


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=STARTED)


@pytest.fixture
def t1(participation):
    return latest(participation)


@pytest.fixture
def avslutat_step(participation, fk_caseworker):
    """GK → AVS (T5): two sets, Avslut GK and Avslutat."""
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVS", d(2026, 11, 20))])
    return latest(participation)


@pytest.fixture
def save(fk_caseworker):
    def call(transition, question_set, values=None, choices=None, **overrides):
        default_values, default_choices = default_answers(QuestionSet(question_set))
        values = {**default_values, **(values or {}), **overrides}
        choices = {**default_choices, **(choices or {})}
        return answers_save(
            transition=transition,
            question_set=question_set,
            values=values,
            choices=choices,
            actor=fk_caseworker,
        )

    return call


@pytest.fixture
def refused(domain_rows):
    """Expect a refusal: return the messages per field, check nothing was saved."""

    def call(function, *args, **kwargs) -> dict:
        before = domain_rows()
        with pytest.raises(ValidationError) as error:
            function(*args, **kwargs)
        assert domain_rows() == before
        if not hasattr(error.value, "error_dict"):  # a refusal of the whole form
            return {"__all__": error.value.messages}
        return error.value.message_dict

    return call


def test_saves_the_begaran_set_and_marks_the_step_answered(t1, save, fk_caseworker):
    assert not t1.answers_complete
    answers = save(t1, "BEGARAN")
    t1.refresh_from_db()
    assert t1.answers_complete
    saved = BegaranAnswers.objects.get(transition=t1)
    assert saved == answers
    assert saved.answered_by == fk_caseworker
    assert saved.arbetsgivare == "5560360793"  # stored without the hyphen
    assert [f.label for f in saved.forsorjning.all()] == ["Sjukpenning"]


# --- follow-up questions -----------------------------------------------------------------------


def test_requires_typ_av_arbete_and_andel_when_arbetar(t1, save, refused):
    errors = refused(
        save,
        t1,
        "BEGARAN",
        arbetar=True,
        arbete_subventionerat=False,
        arbete_ej_subventionerat=False,
        andel_arbete=None,
    )
    assert errors == {"arbete_subventionerat": [PICK_ONE], "andel_arbete": [MUST_ANSWER]}


def test_clears_typ_av_arbete_and_andel_when_arbetar_ej(t1, save):
    answers = save(
        t1,
        "BEGARAN",
        arbetar=False,
        arbete_subventionerat=True,
        arbete_ej_subventionerat=True,
        andel_arbete=50,
    )
    answers.refresh_from_db()
    assert not answers.arbete_subventionerat
    assert not answers.arbete_ej_subventionerat
    assert answers.andel_arbete is None


def test_requires_typ_av_studier_and_andel_when_studerar(t1, save, refused):
    errors = refused(save, t1, "BEGARAN", studerar=True)
    assert errors == {"studier_reguljara": [PICK_ONE], "andel_studier": [MUST_ANSWER]}


def test_saves_studies_when_given(t1, save):
    answers = save(
        t1, "BEGARAN", studerar=True, studier_arbetsmarknadsutbildning=True, andel_studier=25
    )
    answers.refresh_from_db()
    assert (answers.studier_arbetsmarknadsutbildning, answers.andel_studier) == (True, 25)


def test_requires_andel_when_arbetssokande(t1, save, refused):
    errors = refused(save, t1, "BEGARAN", arbetssokande=True)
    assert errors == {"andel_arbetssokande": [MUST_ANSWER]}


def test_requires_type_and_share_of_program_when_in_a_program(t1, save, refused):
    errors = refused(save, t1, "BEGARAN", program=True)
    assert errors == {"programtyp": [MUST_ANSWER], "andel_program": [MUST_ANSWER]}


def test_clears_program_questions_when_not_in_a_program(t1, save):
    answers = save(
        t1,
        "BEGARAN",
        program=False,
        programtyp=lookup(Programtyp, "Lönebidrag"),
        andel_program=30,
    )
    answers.refresh_from_db()
    assert (answers.programtyp, answers.andel_program) == (None, None)


def test_requires_arbetsgivare_and_anstallningstyp_when_anstalld(t1, save, refused):
    errors = refused(save, t1, "BEGARAN", anstalld=True, arbetsgivare=None, anstallningstyp=None)
    assert errors == {"arbetsgivare": [MUST_ANSWER], "anstallningstyp": [MUST_ANSWER]}


def test_clears_arbetsgivare_and_anstallningstyp_when_not_anstalld(t1, save):
    answers = save(
        t1,
        "BEGARAN",
        anstalld=False,
        arbetsgivare="556036-0793",
        anstallningstyp=lookup(Anstallningstyp, "Timanställning"),
    )
    answers.refresh_from_db()
    assert (answers.arbetsgivare, answers.anstallningstyp) == (None, None)


def test_refuses_an_invalid_organisation_number(t1, save, refused):
    errors = refused(save, t1, "BEGARAN", anstalld=True, arbetsgivare="556036-0794")
    assert errors == {"arbetsgivare": ["Ange ett giltigt organisationsnummer."]}


# --- percentages ---------------------------------------------------------------------------------

PERCENT_CASES = {
    "andel_arbete": {"arbetar": True, "arbete_ej_subventionerat": True},
    "andel_studier": {"studerar": True, "studier_reguljara": True},
    "andel_arbetssokande": {"arbetssokande": True},
    "andel_program": {"program": True},
}


@pytest.mark.parametrize("field", PERCENT_CASES)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "Kontrollera att detta värde är större än eller lika med 1."),
        (101, "Kontrollera att detta värde är mindre än eller lika med 100."),
    ],
)
def test_refuses_percentages_outside_1_to_100(field, value, message, t1, save, refused):
    values = {**PERCENT_CASES[field], field: value}
    if field == "andel_program":
        values["programtyp"] = lookup(Programtyp, "Arbetsträning")
    errors = refused(save, t1, "BEGARAN", values)
    assert errors == {field: [message]}


@pytest.mark.parametrize("field", PERCENT_CASES)
@pytest.mark.parametrize("value", [1, 100])
def test_accepts_percentages_1_and_100(field, value, t1, save):
    values = {**PERCENT_CASES[field], field: value}
    if field == "andel_program":
        values["programtyp"] = lookup(Programtyp, "Arbetsträning")
    answers = save(t1, "BEGARAN", values)
    answers.refresh_from_db()
    assert getattr(answers, field) == value


# --- försörjning ---------------------------------------------------------------------------------


def test_requires_at_least_one_forsorjning(t1, save, refused):
    errors = refused(save, t1, "BEGARAN", choices={"forsorjning": []})
    assert errors == {"forsorjning": ["Ange minst en försörjning."]}


def test_refuses_no_public_forsorjning_combined_with_another(t1, save, refused):
    both = [
        lookup(Forsorjning, "Ingen offentlig försörjning"),
        lookup(Forsorjning, "Sjukpenning"),
    ]
    errors = refused(save, t1, "BEGARAN", choices={"forsorjning": both})
    assert errors == {
        "forsorjning": ["Ingen offentlig försörjning kan inte kombineras med andra försörjningar."]
    }


def test_requires_time_with_public_forsorjning_when_one_is_chosen(t1, save, refused):
    errors = refused(save, t1, "BEGARAN", tid_offentlig_forsorjning=None)
    assert errors == {"tid_offentlig_forsorjning": [MUST_ANSWER]}


def test_clears_time_with_public_forsorjning_when_there_is_none(t1, save):
    answers = save(
        t1,
        "BEGARAN",
        tid_offentlig_forsorjning=lookup(TidOffentligForsorjning, "3–5 år"),
        choices={"forsorjning": [lookup(Forsorjning, "Ingen offentlig försörjning")]},
    )
    answers.refresh_from_db()
    assert answers.tid_offentlig_forsorjning is None


def test_accepts_several_public_forsorjningar(t1, save):
    several = [lookup(Forsorjning, "Sjukpenning"), lookup(Forsorjning, "Försörjningsstöd")]
    answers = save(t1, "BEGARAN", choices={"forsorjning": several})
    assert set(answers.forsorjning.all()) == set(several)


# --- the Avslutat set ----------------------------------------------------------------------------


def test_requires_involverade_aktorer_when_fortsatt_hos_fk(avslutat_step, save, refused):
    errors = refused(save, avslutat_step, "AVSLUTAT", fortsatt_fk=True)
    assert errors == {"involverade_aktorer": ["Ange minst en aktör."]}


def test_saves_involverade_aktorer_when_fortsatt_hos_fk(avslutat_step, save):
    kommunen = lookup(InvolveradAktor, "Kommunen")
    answers = save(
        avslutat_step,
        "AVSLUTAT",
        fortsatt_fk=True,
        choices={"involverade_aktorer": [kommunen]},
    )
    assert list(answers.involverade_aktorer.all()) == [kommunen]


def test_clears_involverade_aktorer_when_not_fortsatt_hos_fk(avslutat_step, save):
    answers = save(
        avslutat_step,
        "AVSLUTAT",
        fortsatt_fk=False,
        choices={"involverade_aktorer": [lookup(InvolveradAktor, "Kommunen")]},
    )
    assert not answers.involverade_aktorer.exists()


def test_avslutat_requires_a_forsorjning_too(avslutat_step, save, refused):
    errors = refused(save, avslutat_step, "AVSLUTAT", choices={"forsorjning": []})
    assert errors == {"forsorjning": ["Ange minst en försörjning."]}


def test_refuses_fewer_than_one_meeting(avslutat_step, save, refused):
    errors = refused(save, avslutat_step, "AVSLUT_GK", antal_moten=0)
    assert errors == {"antal_moten": ["Kontrollera att detta värde är större än eller lika med 1."]}


# --- which sets, and when the step counts as answered ---------------------------------------------


@pytest.mark.parametrize("question_set", ["AVSLUT_GK", "AVSLUTAT", "AVBRUTET"])
def test_refuses_a_set_that_does_not_belong_to_the_step(question_set, t1, save, refused):
    errors = refused(save, t1, question_set)
    assert errors == {"__all__": ["Övergången har inga frågor av det slaget."]}


def test_refuses_any_set_for_a_step_without_questions(participation, fk_caseworker, save, refused):
    (gk,) = walk(participation, fk_caseworker, [("GK", d(2026, 11, 5))])
    errors = refused(save, gk, "AVSLUT_GK")
    assert errors == {"__all__": ["Övergången har inga frågor av det slaget."]}


def test_the_step_counts_as_answered_only_when_all_its_sets_are(avslutat_step, save):
    assert not avslutat_step.answers_complete
    save(avslutat_step, "AVSLUTAT")
    avslutat_step.refresh_from_db()
    assert not avslutat_step.answers_complete
    save(avslutat_step, "AVSLUT_GK")
    avslutat_step.refresh_from_db()
    assert avslutat_step.answers_complete


def test_the_interrupted_step_from_gk_needs_both_its_sets(participation, fk_caseworker, save):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 5)), ("AVB", d(2026, 11, 20))])
    avb = latest(participation)
    save(avb, "AVBRUTET")
    avb.refresh_from_db()
    assert not avb.answers_complete
    save(avb, "AVSLUT_GK")
    avb.refresh_from_db()
    assert avb.answers_complete


def test_corrects_saved_answers_in_place(t1, save):
    first = save(t1, "BEGARAN", initierad_av="FK", utbildningsniva=lookup(Utbildningsniva, "Okänd"))
    corrected = save(
        t1,
        "BEGARAN",
        initierad_av="AF",
        utbildningsniva=lookup(Utbildningsniva, "Förgymnasial"),
        choices={"forsorjning": [lookup(Forsorjning, "Arbetslöshetsersättning")]},
    )
    assert corrected.pk == first.pk
    assert BegaranAnswers.objects.count() == 1
    saved = BegaranAnswers.objects.get()
    assert saved.initierad_av == "AF"
    assert saved.utbildningsniva.label == "Förgymnasial"
    assert [f.label for f in saved.forsorjning.all()] == ["Arbetslöshetsersättning"]


def test_a_refused_correction_keeps_the_saved_answers(t1, save, refused):
    save(t1, "BEGARAN", andel_arbete=40)
    refused(save, t1, "BEGARAN", andel_arbete=101)
    assert BegaranAnswers.objects.get().andel_arbete == 40


def test_a_caseworker_of_another_office_cannot_save_answers(t1, other_caseworker, domain_rows):
    values, choices = default_answers(QuestionSet.BEGARAN)
    before = domain_rows()
    with pytest.raises(NoAccess):
        answers_save(
            transition=t1,
            question_set="BEGARAN",
            values=values,
            choices=choices,
            actor=other_caseworker,
        )
    assert domain_rows() == before


# --- withdrawn consent --------------------------------------------------------------------------


def test_interruption_for_withdrawn_consent_records_the_withdrawal(
    participation, fk_caseworker, save
):
    (avb,) = walk(participation, fk_caseworker, [("AVB", d(2026, 11, 9))])
    save(avb, "AVBRUTET", avbrottsorsak=Avbrottsorsak.ATERTAGIT_SAMTYCKE)
    assert Consent.objects.get(participation=participation).withdrawn_on == d(2026, 11, 9)


def test_consent_dated_after_the_interruption_is_withdrawn_on_its_own_date(
    participation, fk_caseworker, save
):
    Consent.objects.filter(participation=participation).update(given_on=d(2026, 11, 12))
    (avb,) = walk(participation, fk_caseworker, [("AVB", d(2026, 11, 9))])
    save(avb, "AVBRUTET", avbrottsorsak=Avbrottsorsak.ATERTAGIT_SAMTYCKE)
    assert Consent.objects.get(participation=participation).withdrawn_on == d(2026, 11, 12)


def test_correcting_the_reason_to_ovrigt_clears_the_withdrawal(participation, fk_caseworker, save):
    (avb,) = walk(participation, fk_caseworker, [("AVB", d(2026, 11, 9))])
    save(avb, "AVBRUTET", avbrottsorsak=Avbrottsorsak.ATERTAGIT_SAMTYCKE)
    save(avb, "AVBRUTET", avbrottsorsak=Avbrottsorsak.OVRIGT)
    assert Consent.objects.get(participation=participation).withdrawn_on is None
    assert AvbrutetAnswers.objects.get().avbrottsorsak == "OVRIGT"


def test_interruption_for_another_reason_keeps_the_consent(participation, fk_caseworker, save):
    (avb,) = walk(participation, fk_caseworker, [("AVB", d(2026, 11, 9))])
    save(avb, "AVBRUTET", avbrottsorsak=Avbrottsorsak.OVRIGT)
    assert Consent.objects.get(participation=participation).withdrawn_on is None


# --- the database's copy of the rules ------------------------------------------------------------


def _begaran_row(transition, **overrides):
    values, _ = default_answers(QuestionSet.BEGARAN)
    values.update(overrides)
    with transaction.atomic():
        return BegaranAnswers.objects.create(transition=transition, **values)


def test_database_accepts_a_consistent_row(t1):
    assert _begaran_row(t1).pk


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"anstalld": False}, id="arbetsgivare after anstalld=Nej"),
        pytest.param({"arbetsgivare": None}, id="no arbetsgivare after anstalld=Ja"),
        pytest.param({"anstallningstyp": None}, id="no anstallningstyp after anstalld=Ja"),
        pytest.param({"andel_arbete": None}, id="no andel after arbetar=Ja"),
        pytest.param({"arbete_ej_subventionerat": False}, id="no typ av arbete after arbetar=Ja"),
        pytest.param(
            {"arbetar": False, "arbete_ej_subventionerat": False},
            id="andel after arbetar=Nej",
        ),
        pytest.param({"andel_arbete": 0}, id="andel 0"),
        pytest.param({"andel_arbete": 101}, id="andel 101"),
        pytest.param({"studerar": True}, id="no typ av studier after studerar=Ja"),
        pytest.param({"andel_studier": 20}, id="andel studier after studerar=Nej"),
        pytest.param({"program": True}, id="no programtyp after program=Ja"),
    ],
)
def test_database_refuses_inconsistent_follow_ups(t1, overrides):
    with pytest.raises(IntegrityError):
        _begaran_row(t1, **overrides)
    assert not BegaranAnswers.objects.exists()


def test_database_refuses_fewer_than_one_meeting(avslutat_step):
    with pytest.raises(IntegrityError), transaction.atomic():
        AvslutGKAnswers.objects.create(
            transition=avslutat_step, antal_moten=0, sjukskriven_vid_avslut=False
        )


def test_database_refuses_an_avslutat_row_with_work_share_but_no_work(avslutat_step):
    values, _ = default_answers(QuestionSet.AVSLUTAT)
    values.update(arbetar=False, arbete_ej_subventionerat=False)  # andel_arbete still 50
    with pytest.raises(IntegrityError), transaction.atomic():
        AvslutatAnswers.objects.create(transition=avslutat_step, **values)
