"""Middleware of the project: response headers, bad input refused early, the second factor and
the session timeouts. The Content-Security-Policy itself is django-csp's (settings)."""

import re
import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from sus.security import security_event
from sus.sessions import reading_user_of

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class AuthenticationMiddleware(DjangoAuthentication):
    """Django's, but the request's user is the one read with its session (sus.sessions): the
    backends take it from there instead of reading it again, and check it as they would. The
    rest of Django's reading is unchanged (the session's backend, its auth hash)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user_of(request))


def _user_of(request):
    if not hasattr(request, "_cached_user"):
        with reading_user_of(request.session):
            request._cached_user = auth.get_user(request)
    return request._cached_user


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# Control characters no form field, query string or header of ours ever needs. Tab, line feed
# and carriage return stay allowed in form fields (text areas); headers allow tab only.
FIELD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HEADER_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


def _has_control_characters(request) -> bool:
    if FIELD_CONTROL.search(request.path_info):
        return True
    for name, value in request.META.items():
        if name.startswith("HTTP_") and isinstance(value, str) and HEADER_CONTROL.search(value):
            return True
    fields = list(request.GET.lists())
    if request.method == "POST" and request.content_type in FORM_TYPES:
        fields += list(request.POST.lists())
    return any(
        FIELD_CONTROL.search(key) or any(FIELD_CONTROL.search(value) for value in values)
        for key, values in fields
    )


class RefuseControlCharactersMiddleware:
    """Methods no view uses (TRACE among them) are answered 405. A NUL byte or another control
    character in the path, a query string, a form field or a header is answered with 400 before
    anything reads the database (PostgreSQL refuses NUL in text, which would otherwise be a
    500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:  # TRACE, PUT, DELETE …: no view of ours
            security_event("request.refused", request=request, reason="method")
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        if _has_control_characters(request):
            security_event("request.refused", request=request, reason="control-character")
            return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)


# Set in the session by a sign-in at the identity provider (sus.oidc).
SESSION_SIGN_IN = "sus_sign_in"
SIGNED_IN_AT_PROVIDER = "provider"


def signed_in_at_provider(request) -> bool:
    return request.session.get(SESSION_SIGN_IN) == SIGNED_IN_AT_PROVIDER


def second_factor_done(request) -> bool:
    """A one-time code given in this session, or a sign-in at the identity provider with one of
    the accepted two-factor methods (SUS_OIDC_ACR_VALUES, checked at the sign-in)."""
    if request.user.is_verified():
        return True
    return (
        settings.SUS_OIDC_ENABLED
        and bool(settings.SUS_OIDC_ACR_VALUES)
        and signed_in_at_provider(request)
    )


def before_second_factor(view):
    """Mark a view that a user may reach after the password but before the second factor."""
    view.sus_before_second_factor = True
    return view


class SecondFactorMiddleware:
    """After the password, only the second-factor pages until a one-time code has been given:
    always for Django admin, for every page when SUS_REQUIRE_OTP is on, and for every
    password login (break-glass) while the sign-in through the identity provider is on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or second_factor_done(request):
            return None
        if getattr(view_func, "sus_before_second_factor", False):
            return None
        in_admin = (
            settings.SUS_ADMIN_REQUIRES_OTP
            and request.resolver_match is not None
            and request.resolver_match.app_name == "admin"
        )
        break_glass = settings.SUS_OIDC_ENABLED and not signed_in_at_provider(request)
        if not (settings.SUS_REQUIRE_OTP or in_admin or break_glass):
            return None
        return redirect_to_login(request.get_full_path(), login_url=reverse("otp-verify"))


SESSION_LOGIN_AT = "sus_login_at"
SESSION_SEEN_AT = "sus_seen_at"
SEEN_RESOLUTION = 60  # seconds: the last-seen time is saved at most once a minute


def session_started(request) -> None:
    """Stamp a new login's session with its start (the absolute lifetime counts from here)."""
    now = time.time()
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Ends a session idle for SUS_SESSION_IDLE_SECONDS or older than SESSION_COOKIE_AGE, on
    the server: the session is flushed, whatever the browser sends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        now = time.time()
        session = request.session
        login_at = session.setdefault(SESSION_LOGIN_AT, now)
        seen_at = session.setdefault(SESSION_SEEN_AT, now)
        if now - seen_at > settings.SUS_SESSION_IDLE_SECONDS:
            reason, message = "idle", _("Du har loggats ut eftersom du inte har varit aktiv.")
        elif now - login_at > settings.SESSION_COOKIE_AGE:
            reason, message = "lifetime", _("Du har loggats ut. Logga in igen för att fortsätta.")
        else:
            if now - seen_at >= SEEN_RESOLUTION:
                session[SESSION_SEEN_AT] = now
            return
        security_event("session.ended", request=request, reason=reason)
        logout(request)
        messages.info(request, message)
