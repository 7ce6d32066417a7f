"""The transition table of SPEC §4.2, written out again here by hand from the SPEC so that the
table in transitions/table.py is checked against an independent copy: every (from, to) pair of
"none" and the nine insatstyper, the question sets, who normally registers, and the database
check constraint that refuses a pair outside the table even when the services are bypassed."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from transitions.models import Transition
from transitions.table import (
    FIRST,
    Insatstyp,
    QuestionSet,
    allowed_next,
    is_closing,
    question_sets,
    rule_for,
)

FROM_STATES = [None, "BGK", "GK", "PAF", "PAL", "ARF", "ARL", "AVS", "AVB", "KS"]
TO_TYPES = ["BGK", "GK", "PAF", "PAL", "ARF", "ARL", "AVS", "AVB", "KS"]
ALL_PAIRS = [(f, t) for f in FROM_STATES for t in TO_TYPES]

BEGARAN, AVSLUT_GK, AVSLUTAT, AVBRUTET = "BEGARAN", "AVSLUT_GK", "AVSLUTAT", "AVBRUTET"

# SPEC §4.2: (from, to) → (number, normally registered by, question sets in SPEC order).
SPEC_TABLE = {
    (None, "BGK"): ("T1", "FK", (BEGARAN,)),
    ("BGK", "GK"): ("T2", "FK", ()),
    ("GK", "PAF"): ("T3", "FK", (AVSLUT_GK,)),
    ("GK", "PAL"): ("T4", "FK", (AVSLUT_GK,)),
    ("GK", "AVS"): ("T5", "FK", (AVSLUT_GK, AVSLUTAT)),
    ("GK", "KS"): ("T6", "FK", (AVSLUT_GK, AVSLUTAT)),
    ("BGK", "AVB"): ("T7", "FK", (AVBRUTET,)),
    ("GK", "AVB"): ("T8", "FK", (AVBRUTET, AVSLUT_GK)),
    ("PAF", "ARF"): ("T9", "AF", ()),
    ("PAL", "ARL"): ("T10", "AF", ()),
    ("PAF", "ARL"): ("T11", "AF", ()),
    ("PAL", "ARF"): ("T11", "AF", ()),
    ("ARF", "ARL"): ("T12", "AF", ()),
    ("ARL", "ARF"): ("T12", "AF", ()),
    ("ARF", "AVS"): ("T13", "AF", (AVSLUTAT,)),
    ("ARL", "AVS"): ("T13", "AF", (AVSLUTAT,)),
    ("PAF", "AVS"): ("T14", "AF", (AVSLUTAT,)),
    ("PAL", "AVS"): ("T14", "AF", (AVSLUTAT,)),
    ("PAF", "AVB"): ("T15", "AF", (AVBRUTET,)),
    ("PAL", "AVB"): ("T15", "AF", (AVBRUTET,)),
    ("ARF", "AVB"): ("T15", "AF", (AVBRUTET,)),
    ("ARL", "AVB"): ("T15", "AF", (AVBRUTET,)),
}

LABELS = {
    "BGK": "Begäran om gemensam kartläggning",
    "GK": "Gemensam kartläggning",
    "PAF": "Planerad arbetsförberedande",
    "PAL": "Planerad arbetslivsinriktad",
    "ARF": "Arbetsförberedande",
    "ARL": "Arbetslivsinriktad",
    "AVS": "Avslutat samarbete",
    "AVB": "Avbrutet samarbete",
    "KS": "Konsultativt stöd",
}


def pair_id(pair):
    return f"{pair[0] or 'none'}->{pair[1]}"


def test_the_spec_copy_covers_every_pair_once():
    assert len(ALL_PAIRS) == 90
    assert set(SPEC_TABLE) <= set(ALL_PAIRS)
    assert len(SPEC_TABLE) == 22


@pytest.mark.parametrize("pair", ALL_PAIRS, ids=pair_id)
def test_rule_for_allows_exactly_the_pairs_of_the_spec(pair):
    rule = rule_for(*pair)
    if pair in SPEC_TABLE:
        assert rule is not None
        assert (rule.from_type, rule.to_type) == pair
    else:
        assert rule is None


@pytest.mark.parametrize("from_type", FROM_STATES, ids=lambda f: f or "none")
def test_allowed_next_lists_exactly_the_spec_targets(from_type):
    expected = {to for (frm, to) in SPEC_TABLE if frm == from_type}
    listed = [rule.to_type for rule in allowed_next(from_type)]
    assert set(listed) == expected
    assert len(listed) == len(expected)


@pytest.mark.parametrize("closing", ["AVS", "AVB", "KS"])
def test_nothing_follows_a_closing_type(closing):
    assert is_closing(closing)
    assert allowed_next(closing) == []


@pytest.mark.parametrize("open_type", ["BGK", "GK", "PAF", "PAL", "ARF", "ARL"])
def test_open_types_are_not_closing(open_type):
    assert not is_closing(open_type)


def test_the_first_registration_is_none_to_begaran():
    assert (FIRST.code, FIRST.from_type, FIRST.to_type) == ("T1", None, "BGK")


@pytest.mark.parametrize("pair", list(SPEC_TABLE), ids=pair_id)
def test_each_step_has_the_number_agency_and_question_sets_of_the_spec(pair):
    code, agency, sets = SPEC_TABLE[pair]
    rule = rule_for(*pair)
    assert rule.code == code
    assert rule.normally_by == agency
    assert tuple(rule.question_sets) == sets
    assert tuple(question_sets(*pair)) == sets


@pytest.mark.parametrize("pair", [p for p in ALL_PAIRS if p not in SPEC_TABLE], ids=pair_id)
def test_a_refused_step_has_no_questions(pair):
    assert question_sets(*pair) == ()


@pytest.mark.parametrize(("code", "label"), LABELS.items())
def test_insatstyper_have_the_labels_of_the_spec(code, label):
    assert Insatstyp(code).label == label


def test_question_sets_are_the_four_of_the_spec():
    assert set(QuestionSet.values) == {BEGARAN, AVSLUT_GK, AVSLUTAT, AVBRUTET}


# --- the database keeps the table too ---------------------------------------------------------


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office, today):
    from tests.builders import start

    return start(fk_caseworker, af_office, fk_office, date=datetime.date(2026, 11, 2))


def _insert(participation, from_type, to_type):
    """Insert one transition row straight through the ORM, bypassing the services. The row is
    closed (ended_on set) so that only the pair itself can be at fault."""
    if from_type is None:
        # a first registration: make room for sequence 1
        participation.transitions.all().delete()
    day = datetime.date(2026, 11, 3)
    with transaction.atomic():
        return Transition.objects.create(
            participation=participation,
            sequence=1 if from_type is None else 2,
            from_type=from_type,
            to_type=to_type,
            date=day,
            ended_on=day,
            previous_date=None if from_type is None else participation.started_on,
            af_office=participation.af_office,
            fk_office=participation.fk_office,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("pair", [p for p in ALL_PAIRS if p not in SPEC_TABLE], ids=pair_id)
def test_database_refuses_a_row_with_a_pair_outside_the_table(participation, pair):
    with pytest.raises(IntegrityError) as refused:
        _insert(participation, *pair)
    if pair[0] is None:
        names = {"transitions_transition_first_to_begaran"}
    elif pair[0] == pair[1]:
        names = {"transitions_transition_allowed_pair", "transitions_transition_from_differs_to"}
    else:
        names = {"transitions_transition_allowed_pair"}
    assert any(name in str(refused.value) for name in names)
    assert not Transition.objects.filter(from_type=pair[0], to_type=pair[1]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("pair", list(SPEC_TABLE), ids=pair_id)
def test_database_accepts_a_row_with_a_pair_of_the_table(participation, pair):
    row = _insert(participation, *pair)
    assert Transition.objects.filter(pk=row.pk, from_type=pair[0], to_type=pair[1]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dates", "constraint"),
    [
        ({"previous_date": None}, "previous_date"),
        ({"previous_date": datetime.date(2026, 11, 4)}, "previous_date"),
        ({"gk_date": datetime.date(2026, 11, 4)}, "gk_date"),
    ],
    ids=["later step without previous date", "dated before the previous step", "before GK"],
)
def test_database_refuses_a_step_dated_before_the_dates_it_starts_from(
    participation, dates, constraint
):
    """The lead times read a step's copies of earlier dates: none may lie after the step."""
    values = {"previous_date": participation.started_on, **dates}
    day = datetime.date(2026, 11, 3)
    with pytest.raises(IntegrityError, match=f"transitions_transition_{constraint}"):
        _create_closed_step(participation, day, **values)
    assert participation.transitions.count() == 1
    _create_closed_step(participation, day, previous_date=participation.started_on)


def _create_closed_step(participation, day, **values):
    with transaction.atomic():
        Transition.objects.create(
            participation=participation,
            sequence=2,
            from_type="BGK",
            to_type="GK",
            date=day,
            ended_on=day,
            af_office=participation.af_office,
            fk_office=participation.fk_office,
            **values,
        )
