"""The application log as an operator reads it: one JSON line per request on standard error
(method, route name, status, duration, user id, request id), the request id taken from or
given to X-Request-ID, security events with their fields, and never a personnummer or a name
of a participant, whatever the requests did."""

import logging
import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.log import log_response

from sus.logging import RequestLogMiddleware
from tests.builders import d, start, walk
from tests.screens import personal_data_of, search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

REGISTER = reverse("transitions:register")
HISTORY = reverse("transitions:history")


@pytest.fixture
def participation(fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 10, 1))
    walk(participation, fk_caseworker, [("GK", d(2026, 10, 20))])
    return participation


def test_one_line_per_request_with_route_name_and_never_the_path(
    client, fk_caseworker, participation, json_log
):
    client.force_login(fk_caseworker)
    url = reverse("transitions:participation", args=[participation.public_id])
    response = client.get(url)
    assert response.status_code == 200
    (line,) = json_log.requests()
    assert line["method"] == "GET"
    assert line["route"] == "transitions:participation"
    assert line["status"] == 200
    assert line["user_id"] == fk_caseworker.pk
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"]
    assert re.fullmatch(r"[a-p]{32}", line["request_id"])
    assert line["level"] == "INFO" and line["timestamp"]
    assert str(participation.public_id) not in json_log.text()


def test_a_refusal_and_an_unknown_address_are_logged_with_their_status(
    client, other_caseworker, participation, json_log
):
    client.force_login(other_caseworker)
    client.get(reverse("transitions:participation", args=[participation.public_id]))
    client.get("/finns-inte/19850312-9804/")
    refused, unknown = json_log.requests()
    assert (refused["route"], refused["status"]) == ("transitions:participation", 403)
    assert (unknown["route"], unknown["status"]) == (None, 404)
    assert "19850312-9804" not in json_log.text()


def test_the_request_id_of_the_proxy_is_kept_and_a_strange_one_replaced(client, json_log):
    kept = client.get("/logga-in/", headers={"X-Request-ID": "lb-7f3a.42"})
    replaced = client.get("/logga-in/", headers={"X-Request-ID": "a b\n{}" + "x" * 200})
    assert kept["X-Request-ID"] == "lb-7f3a.42"
    assert re.fullmatch(r"[a-p]{32}", replaced["X-Request-ID"])
    assert [line["request_id"] for line in json_log.requests()] == [
        "lb-7f3a.42",
        replaced["X-Request-ID"],
    ]


def test_a_security_event_is_a_json_line_with_its_fields_and_the_request_id(json_log):
    def view(request):
        # The interface of sus.security: logger "sus.security", the fields in `extra`.
        logging.getLogger("sus.security").warning(
            "login_failed", extra={"event": "login_failed", "username": "fk-hl", "ip": "10.0.0.9"}
        )
        return HttpResponse()

    request = RequestFactory().get("/logga-in/", headers={"X-Request-ID": "req-1"})
    RequestLogMiddleware(view)(request)
    (event,) = [line for line in json_log() if line["logger"] == "sus.security"]
    assert event == {
        "level": "WARNING",
        "logger": "sus.security",
        "message": "login_failed",
        "event": "login_failed",
        "username": "fk-hl",
        "ip": "10.0.0.9",
        "request_id": "req-1",
        "timestamp": event["timestamp"],
    }


def test_django_error_lines_name_the_route_not_the_path(json_log, participation):
    path = f"/medverkan/{participation.public_id}/"
    request = RequestFactory().get(path)
    response = HttpResponse(status=500)
    log_response("Internal Server Error: %s", path, response=response, request=request)
    (line,) = [line for line in json_log() if line["logger"] == "django.request"]
    assert line["message"] == "Internal Server Error: -"
    assert str(participation.public_id) not in json_log.text()


def test_a_personnummer_in_an_error_text_is_blanked(json_log, participation):
    pnr = participation.person.personnummer
    try:
        raise ValueError(f"Key (personnummer)=({pnr}) already exists; {pnr[2:8]}-{pnr[8:]}")
    except ValueError:
        logging.getLogger("sus").exception("unexpected")
    text = json_log.text()
    assert "[personnummer]" in text
    for secret in (pnr, pnr[2:], f"{pnr[2:8]}-{pnr[8:]}"):
        assert secret not in text


def test_no_personnummer_or_name_in_the_log_of_a_caseworkers_day(
    client, fk_caseworker, participation, json_log
):
    """Searches (posted personnummer, found and not found, badly typed), the participant's
    page, its history, the list, the start page: the log tells what happened, never whom."""
    client.force_login(fk_caseworker)
    pnr = participation.person.personnummer
    for typed in (pnr, f"{pnr[2:8]}-{pnr[8:]}", "19850312-9805", "abc"):
        search(client, REGISTER, typed)
        search(client, HISTORY, typed)
    client.get(reverse("transitions:participation", args=[participation.public_id]))
    client.get(reverse("transitions:history-detail", args=[participation.public_id]))
    client.get(reverse("transitions:list"))
    client.get(reverse("home"))
    client.post(reverse("logout"))
    lines = json_log.requests()
    assert len(lines) >= 13
    assert {line["status"] for line in lines} <= {200, 302}
    text = json_log.text()
    for secret in [*personal_data_of(participation), "19850312-9805"]:
        assert secret not in text, secret


def test_the_request_line_never_loads_the_user_itself(json_log):
    """With the database out of reach the user could not be loaded: the line must not try again
    (it would wait out the pool's timeout a second time) and names no user."""

    def unreachable():
        raise AssertionError("the request line loaded the user")

    def view(request):
        request.user = SimpleLazyObject(unreachable)
        return HttpResponse(status=503)

    RequestLogMiddleware(view)(RequestFactory().get("/"))
    (line,) = json_log.requests()
    assert (line["status"], line["user_id"]) == (503, None)
