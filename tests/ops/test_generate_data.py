"""`manage.py generate_data`: a large data set for measuring that breaks no rule of the
histories, made only where it can be (PostgreSQL, no participations yet)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import AccessLog
from participants.models import AnonymousCount, Person
from participants.personnummer import parse
from transitions.models import AvslutatAnswers, BegaranAnswers, OfficePeriod, Participation

pytestmark = pytest.mark.django_db


def generate(count=300, seed=7):
    out = io.StringIO()
    call_command("generate_data", participations=count, seed=seed, force=True, stdout=out)
    return out.getvalue()


def test_generated_histories_pass_the_checker_or_sqlite_is_refused(today):
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="kör bara mot PostgreSQL"):
            generate()
        assert not Participation.objects.exists()
        return
    assert "300 medverkan" in generate()
    assert Participation.objects.count() == 300
    out = io.StringIO()
    call_command("check_histories", stdout=out)
    assert "Inga fel i historiken" in out.getvalue()
    call_command("check_histories", sample=50, stdout=out)
    assert "urval om 50 medverkan" in out.getvalue()
    # what the screens and reports read is there: closed and open, moves, answers, gallring
    assert Participation.objects.closed().exists() and Participation.objects.open().exists()
    assert OfficePeriod.objects.filter(sequence=2).exists()
    assert BegaranAnswers.objects.exists() and AvslutatAnswers.objects.exists()
    assert Person.objects.filter(personnummer__isnull=True).exists()
    assert Person.objects.identified().exists()
    assert AccessLog.objects.exists() and AnonymousCount.objects.exists()
    # kön, birth year and age at start are those the personnummer tells
    for participation in Participation.objects.filter(person__personnummer__isnull=False):
        person, number = participation.person, parse(participation.person.personnummer)
        assert (person.sex, person.birth_year) == (number.sex, number.birth_date.year)
        assert participation.age_at_start == number.age_on(participation.started_on)


def test_refuses_a_database_that_already_has_participations(today):
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="kör bara mot PostgreSQL"):
            generate()
        return
    generate(count=20)
    with pytest.raises(CommandError, match="Databasen har redan medverkan"):
        generate(count=20)
    assert Participation.objects.count() == 20


def test_the_same_seed_gives_the_same_histories(today):
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="kör bara mot PostgreSQL"):
            generate()
        return
    generate(count=40, seed=3)
    first = list(
        Participation.objects.order_by("pk").values_list(
            "public_id", "started_on", "current_type", "closed_on"
        )
    )
    Participation.objects.all().delete()
    generate(count=40, seed=3)
    again = list(
        Participation.objects.order_by("pk").values_list(
            "public_id", "started_on", "current_type", "closed_on"
        )
    )
    assert again == first
