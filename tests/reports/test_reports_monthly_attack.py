"""Ledtider and Flöde per månad cannot be un-masked (docs/report-protection.md): the automated
attacker reads every measure month by month at every level and kön, beside the period reports
of the same span, and subtracts in every combination (months from the period, transitions from
"Alla övergångar", women from the total, offices from areas and riket). On the demo data, with
the published classes of five, it pins no count from 1 to 4; on exact counts it pins many."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.attack import attack_monthly_reports, consistent, recovered

pytestmark = pytest.mark.django_db


def test_the_attacker_recovers_nothing_from_the_monthly_reports(settings):
    call_command("load_demo_data", "--force", verbosity=0)
    today = timezone.localdate()
    start, end = (today - datetime.timedelta(days=365)).replace(day=1), today
    settings.SUS_REPORT_ROUNDING = 5
    published, truth = attack_monthly_reports(start, end, base=5)
    assert consistent(published, truth) == []  # the attacker's relations hold for the data
    assert sum(0 < truth[key] < 5 for key in published.masked_keys) > 1000
    assert recovered(published, truth) == {}

    settings.SUS_REPORT_ROUNDING = 1
    published, truth = attack_monthly_reports(start, end, base=1)
    found = recovered(published, truth)
    assert all(truth[key] == value for key, value in found.items())
    assert {unit[0] for (_kind, _measure, unit, _month, _sex) in found} == {
        "riket",
        "area",
        "office",
    }
    assert any(month != "period" for (_kind, _measure, _unit, month, _sex) in found)
