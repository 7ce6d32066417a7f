"""Every page carries a strict Content-Security-Policy, and no page needs it loosened: no
inline script, no inline style, nothing from another origin."""

import re

import pytest
from django.urls import reverse

from tests.builders import d, start

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
OTHER_ORIGIN = re.compile(r'(?:src|href|action)="(?:https?:)?//', re.I)


def test_login_page_has_the_policy_headers(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_need_no_inline_script_or_style(client, today, fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 11, 2))
    client.force_login(fk_caseworker)
    pages = [
        reverse("home"),
        reverse("transitions:register"),
        reverse("transitions:participation", args=[participation.public_id]),
        reverse("transitions:history-detail", args=[participation.public_id]),
        reverse("transitions:answers", args=[participation.public_id, 1]),
        reverse("transitions:list"),
        reverse("transitions:anonymous"),
        reverse("transitions:move-offices", args=[participation.public_id]),
        reverse("reports:standard"),
        reverse("reports:participants"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_STYLE.search(html), url
        assert not OTHER_ORIGIN.search(html), url
