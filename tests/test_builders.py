"""The builders' generated people never collide with the people a fixture registered itself."""

import datetime
import itertools

import pytest

from tests import builders
from tests.builders import register_person
from tests.reports.test_reports_history import personnummer

pytestmark = pytest.mark.django_db


def test_a_generated_personnummer_skips_one_a_fixture_registered(monkeypatch):
    taken = personnummer("K", datetime.date(1985, 6, 1))
    register_person(personnummer=taken)
    # the generator reaches 1 June 1985, serial 982, after 1,622 calls on one worker
    monkeypatch.setattr(builders, "_serials", itertools.count(1622))

    generated = register_person()

    assert generated.personnummer != taken
    assert generated.personnummer.startswith("19850601")
