"""The report forms turn GET parameters into a Scope, with the errors a user would see."""

import pytest

from participants.models import Municipality
from reports.forms import ParticipantReportForm, StandardReportForm
from reports.scope import Scope
from tests.builders import d
from tests.factories import AfOfficeFactory, AreaFactory
from transitions.models import Forsorjning

pytestmark = pytest.mark.django_db


def test_every_participant_filter_reaches_the_scope():
    area = AreaFactory()
    malmo = Municipality.objects.get(code="1280")
    sjukpenning = Forsorjning.objects.get(label="Sjukpenning")
    form = ParticipantReportForm(
        {
            "report_type": "BAKGRUND",
            "start": "2026-01-01",
            "end": "2026-06-30",
            "level": "OMRADE",
            "area": area.pk,
            "office": AfOfficeFactory().pk,  # ignored: the level is an area
            "compare": "AF",
            "sex": "UPPDELAT",
            "municipality": malmo.pk,
            "status": "VANTAN",
            "age": "45-54",
            "initierad_av": "FK",
            "inskriven_af": "NEJ",
            "employment": "EGET_FORETAG",
            "forsorjning": sjukpenning.pk,
        }
    )
    assert form.is_valid(), form.errors
    assert form.scope() == Scope(
        start=d(2026, 1, 1),
        end=d(2026, 6, 30),
        level="OMRADE",
        area=area,
        office=None,
        compare="AF",
        sex="UPPDELAT",
        municipality=malmo,
        status="VANTAN",
        age="45-54",
        initierad_av="FK",
        inskriven_af="NEJ",
        employment="EGET_FORETAG",
        forsorjning=sjukpenning,
    )


def test_an_empty_till_och_med_is_a_single_day_for_the_whole_country():
    form = StandardReportForm({"start": "2026-03-15"})
    assert form.is_valid(), form.errors
    assert form.scope() == Scope(start=d(2026, 3, 15), end=d(2026, 3, 15))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"start": "2026-02-01", "end": "2026-01-31"}, "end",
         "Till och med kan inte vara före från och med."),
        ({"start": "2026-02-01", "level": "OMRADE"}, "area",
         "Välj ett marknadsområde eller verksamhetsområde."),
        ({"start": "2026-02-01", "level": "KONTOR"}, "office",
         "Välj ett kontor eller en arbetsförmedling."),
        ({"end": "2026-02-01"}, "start", "Detta fält måste fyllas i."),
    ],
)  # fmt: skip
def test_refuses_an_incomplete_choice(data, field, message):
    form = StandardReportForm(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]
