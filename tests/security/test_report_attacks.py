"""Reports cannot be un-masked (docs/report-protection.md): an automated attacker reads the
Standardrapport for every level (riket, each area, each office), kön (unsplit and split) and
office pair (comparisons), for single days and periods, over the demo data, and tries every
difference — within a table, kön split against unsplit, office against area against riket.
With the published rounding it pins no count from 1 to 4; on exact counts it pins many, so the
attack is real."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.attack import attack_standard_report, consistent, recovered

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def periods():
    today = timezone.localdate()
    new_year = today.replace(month=1, day=1)
    return [
        (today - 30 * DAY, today - 30 * DAY),
        (today - 200 * DAY, today - 200 * DAY),
        (today - 91 * DAY, today - DAY),
        (new_year - 365 * DAY, new_year - DAY),
    ]


def test_the_attacker_recovers_nothing_from_the_published_reports(settings):
    call_command("load_demo_data", "--force", verbosity=0)
    settings.SUS_REPORT_ROUNDING = 5
    published, truth = attack_standard_report(periods(), base=5)
    assert consistent(published, truth) == []  # the attacker's relations hold for the data
    assert sum(0 < truth[key] < 5 for key in published.masked_keys) > 1000
    assert recovered(published, truth) == {}

    # The same attacker against exact counts with the old "<5" and "x": it breaks them.
    settings.SUS_REPORT_ROUNDING = 1
    published, truth = attack_standard_report(periods(), base=1)
    found = recovered(published, truth)
    assert all(truth[key] == value for key, value in found.items())
    kinds = {(unit[0], sex is not None) for (_period, unit, sex, _measure) in found}
    assert {("riket", False), ("office", False), ("office", True), ("area", True)} <= kinds
