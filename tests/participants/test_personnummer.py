"""Personnummer and samordningsnummer (SPEC §3.1): what is accepted, how it is stored, what it
tells. "Today" is 2026-11-23 throughout (the `today` fixture), since the century of a ten-digit
number and "not in the future" depend on it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from participants.personnummer import is_valid, parse

pytestmark = pytest.mark.usefixtures("today")

INVALID = "Personnumret är inte giltigt."


@pytest.mark.parametrize(
    "raw",
    [
        "198503129804",
        "19850312-9804",
        "8503129804",
        "850312-9804",
        "  850312-9804  ",
    ],
)
def test_accepts_ten_or_twelve_digits_with_or_without_hyphen_and_stores_twelve(raw):
    assert parse(raw).value == "198503129804"


def test_shows_the_stored_number_with_a_hyphen():
    assert str(parse("8503129804")) == "19850312-9804"


def test_derives_birth_date_from_the_number():
    assert parse("850312-9804").birth_date == datetime.date(1985, 3, 12)


@pytest.mark.parametrize(
    ("raw", "sex"),
    [("850312-9804", "K"), ("850312-9812", "M"), ("850372-9827", "K")],
)
def test_derives_kon_from_the_second_to_last_digit_odd_is_man(raw, sex):
    assert parse(raw).sex == sex


def test_accepts_samordningsnummer_with_sixty_added_to_the_day():
    number = parse("850372-9827")
    assert number.value == "198503729827"
    assert number.is_samordningsnummer
    assert number.birth_date == datetime.date(1985, 3, 12)


def test_an_ordinary_personnummer_is_not_a_samordningsnummer():
    assert not parse("850312-9804").is_samordningsnummer


def test_accepts_samordningsnummer_for_the_last_day_of_a_month():
    assert parse("850391-9808").birth_date == datetime.date(1985, 3, 31)


@pytest.mark.parametrize(
    ("raw", "born"),
    [
        ("121212-1212", datetime.date(2012, 12, 12)),
        ("121212+1212", datetime.date(1912, 12, 12)),
        # born today: the latest century that does not put the birth in the future
        ("261123-9803", datetime.date(2026, 11, 23)),
        # tomorrow's date a century ago: 99 years old
        ("261124-9802", datetime.date(1926, 11, 24)),
        # "+": 100 years old today
        ("261123+9803", datetime.date(1926, 11, 23)),
    ],
)
def test_ten_digits_take_the_latest_century_in_the_past_and_plus_one_century_further_back(
    raw, born
):
    assert parse(raw).birth_date == born


def test_accepts_leap_day_in_a_leap_year():
    assert parse("000229-9808").birth_date == datetime.date(2000, 2, 29)
    assert parse("960229-9803").birth_date == datetime.date(1996, 2, 29)


def test_accepts_twelve_digits_born_today():
    assert parse("20261123-9803").birth_date == datetime.date(2026, 11, 23)


def test_the_century_follows_the_day_the_number_is_read(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC))
    assert parse("261124-9802").birth_date == datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("850312-9805", id="wrong check digit"),
        pytest.param("19850312-9805", id="wrong check digit, twelve digits"),
        pytest.param("19850230-9803", id="30 February"),
        pytest.param("850230-9803", id="30 February, ten digits"),
        pytest.param("19000229-9808", id="29 February in a year that was not a leap year"),
        pytest.param("000229+9808", id="plus moves 29 February to a year without it"),
        pytest.param("851312-9800", id="month 13"),
        pytest.param("850360-9805", id="samordningsnummer day 60"),
        pytest.param("850392-9807", id="samordningsnummer beyond the month"),
        pytest.param("20261124-9802", id="birth date tomorrow"),
        pytest.param("261124+9802", id="plus on someone not yet 100"),
        pytest.param("850312-98O4", id="a letter"),
        pytest.param("abcdefghij", id="only letters"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("850312-980", id="too short"),
        pytest.param("85031298", id="eight digits"),
        pytest.param("11985031298 04", id="too long"),
        pytest.param("850312/9804", id="wrong separator"),
        pytest.param("850312--9804", id="two separators"),
    ],
)
def test_refuses_invalid_numbers_with_the_message(raw):
    with pytest.raises(ValidationError) as refused:
        parse(raw)
    assert refused.value.messages == [INVALID]
    assert not is_valid(raw)


def test_refuses_no_number_at_all():
    with pytest.raises(ValidationError) as refused:
        parse(None)
    assert refused.value.messages == [INVALID]


def test_is_valid_says_yes_to_a_good_number():
    assert is_valid("850312-9804")


def test_age_counts_whole_years_up_to_the_birthday():
    number = parse("850312-9804")
    assert number.age_on(datetime.date(2026, 3, 11)) == 40
    assert number.age_on(datetime.date(2026, 3, 12)) == 41
