"""The Content-Security-Policy (django-csp): the same strict policy on every page, and a report
endpoint that logs violations as security events."""

import json

import pytest

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    pairs = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return dict(pairs)


def test_the_policy_is_strict(client):
    policy = directives(client.get("/logga-in/"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["report-uri"] == "/csp-rapport/"
    assert "unsafe-inline" not in str(policy)


def test_a_violation_report_is_logged(client, security_records):
    report = {
        "csp-report": {
            "document-uri": "https://sus.example.se/medverkan/?q=hemligt",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/x.js?token=1",
        }
    }
    response = client.post(
        "/csp-rapport/", json.dumps(report), content_type="application/csp-report"
    )
    assert response.status_code == 204
    (record,) = [r for r in security_records() if r.event == "csp.violation"]
    assert record.directive == "script-src-elem"
    assert record.blocked == "https://evil.example"
    assert record.document_path == "/medverkan/"


def test_a_malformed_report_is_refused_without_error(client):
    response = client.post("/csp-rapport/", "inte json", content_type="application/csp-report")
    assert response.status_code == 400


def test_a_report_with_a_malformed_address_is_refused_without_error(client):
    report = {"csp-report": {"blocked-uri": "http://[", "document-uri": "http://["}}
    response = client.post(
        "/csp-rapport/", json.dumps(report), content_type="application/csp-report"
    )
    assert response.status_code == 400


def test_reports_and_exports_are_not_stored_by_browsers(client, reader):
    client.force_login(reader)
    params = {"start": "2026-01-01", "end": "2026-06-30"}
    for query in (params, {**params, "format": "csv"}, {**params, "format": "xlsx"}):
        response = client.get("/rapporter/status/", query)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
