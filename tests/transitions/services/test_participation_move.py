""" "Byt kontor" (participation_move, SPEC §5.5), the "Datum för flytt" rule on later steps
(§4.3), and who may see a participation before and after (§2.3). Today is 2026-11-23."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.builders import d, start, walk
from tests.factories import AfOfficeFactory, FkOfficeFactory
from transitions.access import NoAccess, get_participation_for_user, participations_for_user
from transitions.models import OfficePeriod
from transitions.services import participant_protect, participation_move, transition_register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

TODAY = d(2026, 11, 23)
STARTED = d(2026, 11, 2)


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    return start(fk_caseworker, af_office, fk_office, date=STARTED)


@pytest.fixture
def new_af_office(db):
    return AfOfficeFactory(name="Arbetsförmedlingen Nyort")


@pytest.fixture
def refused(domain_rows):
    def call(function, *args, **kwargs) -> dict:
        before = domain_rows()
        with pytest.raises(ValidationError) as error:
            function(*args, **kwargs)
        assert domain_rows() == before
        if not hasattr(error.value, "error_dict"):
            return {"__all__": error.value.messages}
        return error.value.message_dict

    return call


def move(participation, actor, *, af_office, fk_office, date, **kwargs):
    return participation_move(
        participation=participation,
        af_office=af_office,
        fk_office=fk_office,
        date=date,
        actor=actor,
        **kwargs,
    )


def test_moves_to_the_new_office_pair_and_keeps_the_old_one_in_the_history(
    participation, fk_caseworker, af_office, fk_office, new_af_office
):
    period = move(
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=d(2026, 11, 10),
    )
    assert (period.sequence, period.valid_from, period.registered_by) == (
        2,
        d(2026, 11, 10),
        fk_caseworker,
    )
    participation.refresh_from_db()
    assert (participation.af_office, participation.fk_office) == (new_af_office, fk_office)
    assert list(
        OfficePeriod.objects.filter(participation=participation).values_list(
            "sequence", "af_office", "fk_office", "valid_from"
        )
    ) == [
        (1, af_office.pk, fk_office.pk, STARTED),
        (2, new_af_office.pk, fk_office.pk, d(2026, 11, 10)),
    ]


# --- "Datum för flytt" and later steps --------------------------------------------------------


def test_refuses_transition_dated_before_move(
    participation, fk_caseworker, fk_office, new_af_office, refused
):
    move(
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=d(2026, 11, 10),
    )
    errors = refused(
        transition_register,
        participation=participation,
        to_type="GK",
        date=d(2026, 11, 9),
        actor=fk_caseworker,
    )
    assert errors == {
        "date": ["Datum för övergång kan inte vara tidigare än datum för flytt (2026-11-10)."]
    }


def test_allows_a_transition_on_the_move_date_and_records_the_new_offices(
    participation, fk_caseworker, fk_office, new_af_office
):
    move(
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=d(2026, 11, 10),
    )
    transition = transition_register(
        participation=participation, to_type="GK", date=d(2026, 11, 10), actor=fk_caseworker
    )
    assert transition.date == d(2026, 11, 10)
    assert (transition.af_office, transition.fk_office) == (new_af_office, fk_office)
    assert participation.transitions.get(sequence=1).af_office != new_af_office


def test_a_planned_move_holds_back_steps_until_its_date(
    participation, fk_caseworker, fk_office, new_af_office, refused
):
    move(
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=d(2026, 12, 1),
    )
    errors = refused(
        transition_register,
        participation=participation,
        to_type="GK",
        date=TODAY,
        actor=fk_caseworker,
    )
    assert errors == {
        "date": ["Datum för övergång kan inte vara tidigare än datum för flytt (2026-12-01)."]
    }


# --- the move date ------------------------------------------------------------------------------


def test_refuses_a_move_dated_before_the_latest_transition(
    participation, fk_caseworker, fk_office, new_af_office, refused
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    errors = refused(
        move,
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=d(2026, 11, 9),
    )
    assert errors == {
        "date": [
            "Datum för flytt kan inte vara tidigare än datum för senaste övergång (2026-11-10)."
        ]
    }


def test_allows_a_move_on_the_day_of_the_latest_transition(
    participation, fk_caseworker, fk_office, new_af_office
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    period = move(
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=d(2026, 11, 10),
    )
    assert period.valid_from == d(2026, 11, 10)


def test_refuses_a_move_dated_before_the_previous_move(
    participation, fk_caseworker, af_office, fk_office, new_af_office, refused
):
    move(
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=d(2026, 11, 10),
    )
    errors = refused(
        move,
        participation,
        fk_caseworker,
        af_office=af_office,
        fk_office=fk_office,
        date=d(2026, 11, 9),
    )
    assert errors == {
        "date": [
            "Datum för flytt kan inte vara tidigare än datum för föregående flytt (2026-11-10)."
        ]
    }


def test_allows_a_planned_move_up_to_ninety_days_ahead(
    participation, fk_caseworker, fk_office, new_af_office
):
    ahead = TODAY + datetime.timedelta(days=90)
    period = move(
        participation, fk_caseworker, af_office=new_af_office, fk_office=fk_office, date=ahead
    )
    assert period.valid_from == ahead


def test_refuses_a_move_more_than_ninety_days_ahead(
    participation, fk_caseworker, fk_office, new_af_office, refused
):
    errors = refused(
        move,
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=TODAY + datetime.timedelta(days=91),
    )
    assert errors == {"date": ["Datum för flytt kan inte ligga mer än 90 dagar fram i tiden."]}


def test_refuses_a_move_without_date(
    participation, fk_caseworker, fk_office, new_af_office, refused
):
    errors = refused(
        move, participation, fk_caseworker, af_office=new_af_office, fk_office=fk_office, date=None
    )
    assert errors == {"date": ["Ange datum för flytt."]}


# --- the offices --------------------------------------------------------------------------------


def test_requires_both_offices_even_when_one_agency_changes(participation, fk_caseworker, refused):
    errors = refused(move, participation, fk_caseworker, af_office=None, fk_office=None, date=TODAY)
    assert errors == {"af_office": ["Ange arbetsförmedling."], "fk_office": ["Ange kontor."]}


def test_refuses_offices_of_the_wrong_agency(participation, fk_caseworker, refused):
    errors = refused(
        move,
        participation,
        fk_caseworker,
        af_office=FkOfficeFactory(),
        fk_office=AfOfficeFactory(),
        date=TODAY,
    )
    assert errors == {"af_office": ["Ange arbetsförmedling."], "fk_office": ["Ange kontor."]}


def test_refuses_a_closed_office(participation, fk_caseworker, fk_office, refused):
    closed = AfOfficeFactory(is_active=False)
    errors = refused(
        move, participation, fk_caseworker, af_office=closed, fk_office=fk_office, date=TODAY
    )
    assert errors == {"af_office": ["Kontoret är stängt och kan inte väljas."]}


def test_refuses_the_same_office_pair(participation, fk_caseworker, af_office, fk_office, refused):
    errors = refused(
        move, participation, fk_caseworker, af_office=af_office, fk_office=fk_office, date=TODAY
    )
    assert errors == {"af_office": ["Ange ett nytt kontor för minst en av myndigheterna."]}


def test_refuses_to_move_a_closed_participation(
    participation, fk_caseworker, fk_office, new_af_office, refused
):
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 10))])
    errors = refused(
        move, participation, fk_caseworker, af_office=new_af_office, fk_office=fk_office, date=TODAY
    )
    assert errors == {"__all__": ["Avslutade ärenden kan inte byta kontor."]}


def test_refuses_a_move_based_on_a_stale_history(
    participation, fk_caseworker, fk_office, new_af_office, refused
):
    walk(participation, fk_caseworker, [("GK", d(2026, 11, 10))])
    errors = refused(
        move,
        participation,
        fk_caseworker,
        af_office=new_af_office,
        fk_office=fk_office,
        date=TODAY,
        expected_sequence=1,
    )
    assert errors == {
        "__all__": [
            "Deltagarens uppgifter har ändrats av någon annan sedan du hämtade dem. Ingenting "
            "sparades. Kontrollera uppgifterna nedan och försök igen."
        ]
    }


# --- access follows the office pair --------------------------------------------------------------


def test_a_caseworker_of_another_office_cannot_move(
    participation, other_caseworker, fk_office_other, new_af_office, domain_rows
):
    before = domain_rows()
    with pytest.raises(NoAccess):
        move(
            participation,
            other_caseworker,
            af_office=new_af_office,
            fk_office=fk_office_other,
            date=TODAY,
        )
    assert domain_rows() == before


def test_caseworkers_see_only_participations_of_their_own_offices(
    participation, fk_caseworker, af_caseworker, other_caseworker, af_office_other, fk_office_other
):
    elsewhere = start(other_caseworker, af_office_other, fk_office_other, date=STARTED)
    assert list(participations_for_user(fk_caseworker)) == [participation]
    assert list(participations_for_user(af_caseworker)) == [participation]
    assert list(participations_for_user(other_caseworker)) == [elsewhere]


def test_users_without_caseworker_uppdrag_see_no_participations(
    participation, fk_insatsansvarig, reader, no_role_user
):
    for user in (fk_insatsansvarig, reader, no_role_user):
        assert not participations_for_user(user).exists()
        with pytest.raises(NoAccess):
            get_participation_for_user(user, participation.public_id)


def test_the_office_handing_over_loses_access_and_the_new_one_gains_it(
    participation, fk_caseworker, other_caseworker, af_office, fk_office_other
):
    move(participation, fk_caseworker, af_office=af_office, fk_office=fk_office_other, date=TODAY)
    assert not participations_for_user(fk_caseworker).exists()
    with pytest.raises(NoAccess):
        get_participation_for_user(fk_caseworker, participation.public_id)
    with pytest.raises(NoAccess):
        transition_register(
            participation=participation, to_type="GK", date=TODAY, actor=fk_caseworker
        )
    assert get_participation_for_user(other_caseworker, participation.public_id) == participation
    transition_register(
        participation=participation, to_type="GK", date=TODAY, actor=other_caseworker
    )


def test_an_ended_uppdrag_gives_no_access(participation, fk_caseworker):
    fk_caseworker.uppdrag.update(valid_to=TODAY - datetime.timedelta(days=1))
    assert not participations_for_user(fk_caseworker).exists()
    with pytest.raises(NoAccess):
        transition_register(
            participation=participation, to_type="GK", date=TODAY, actor=fk_caseworker
        )


def test_a_closed_participation_stays_visible_to_the_offices_that_held_it_last(
    participation, fk_caseworker
):
    walk(participation, fk_caseworker, [("AVB", d(2026, 11, 10))])
    assert get_participation_for_user(fk_caseworker, participation.public_id) == participation


def test_a_participant_without_personal_data_is_not_listed(participation, fk_caseworker):
    participant_protect(person=participation.person, actor=fk_caseworker)
    assert not participations_for_user(fk_caseworker).exists()
