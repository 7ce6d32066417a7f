"""Rate limits (ASVS V2.4): six report runs a minute per user; the seventh gets a Swedish
message with status 429 and is logged. The limiter (sus.ratelimits.rate_limit) is the one the
personnummer search uses too."""

import datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from offices.selectors import Acting
from sus.ratelimits import rate_limit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

PARAMS = {"start": "2026-01-01", "end": "2026-06-30"}
STANDARD = "/rapporter/status/"


@pytest.fixture(autouse=True)
def report_limit(settings):
    settings.SUS_REPORT_RATE = "6/m"


def test_the_seventh_report_in_a_minute_is_refused(client, reader, security_events):
    client.force_login(reader)
    for _ in range(6):
        assert client.get(STANDARD, PARAMS).status_code == 200
    response = client.get(STANDARD, PARAMS)
    assert response.status_code == 429
    assert "Du har tagit fram många rapporter på kort tid." in response.content.decode()
    assert security_events().count("ratelimit.exceeded") == 1


def test_exports_count_as_runs(client, reader):
    client.force_login(reader)
    for _ in range(6):
        client.get(STANDARD, {**PARAMS, "format": "csv"})
    assert client.get("/rapporter/deltagarrapport/", PARAMS).status_code == 429


def test_the_empty_form_is_not_a_run(client, reader):
    client.force_login(reader)
    for _ in range(10):
        assert client.get(STANDARD).status_code == 200


def test_the_limit_is_per_user(client, reader, fk_caseworker):
    client.force_login(reader)
    for _ in range(7):
        client.get(STANDARD, PARAMS)
    client.force_login(fk_caseworker)
    assert client.get(STANDARD, PARAMS).status_code == 200


def test_a_new_minute_allows_new_runs(client, reader, time_machine):
    client.force_login(reader)
    for _ in range(7):
        client.get(STANDARD, PARAMS)
    time_machine.shift(datetime.timedelta(seconds=61))
    assert client.get(STANDARD, PARAMS).status_code == 200


def test_the_limiter_counts_only_what_it_is_told(settings, fk_caseworker):
    """As the personnummer search will use it: only posted searches count."""
    settings.SUS_SEARCH_RATE = "2/m"
    view = rate_limit(
        group="search", rate_setting="SUS_SEARCH_RATE", counts=lambda r: r.method == "POST"
    )(lambda request: HttpResponse("ok"))
    factory = RequestFactory()

    def call(method):
        request = getattr(factory, method)("/medverkan/")
        request.user = fk_caseworker
        request.acting = Acting(user=fk_caseworker)
        return view(request).status_code

    assert [call("get") for _ in range(5)] == [200] * 5
    assert [call("post") for _ in range(3)] == [200, 200, 429]
