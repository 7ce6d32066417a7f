"""Logging in (ASVS V6): throttling by django-axes and the security events of a login.

A locked-out login answers exactly like a wrong password or an unknown username: the same page,
the same message, the same status, and one password hash computed in each case, so neither
the answer nor its timing tells the three apart. The lock lasts AXES_COOLOFF_TIME and ends by
itself.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sus.middleware import session_started
from sus.models import SignInIdentity
from sus.security import keyed_hash, security_event
from sus.sessions import user_read_with_session


class ThrottlingBackend(AxesStandaloneBackend):
    """Axes' check first in AUTHENTICATION_BACKENDS. A locked-out attempt never reaches the
    password check, so it hashes the given password once, as a real check would."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None  # not a login over HTTP (a management command): nothing to throttle
        if username is None and password is None:
            return None  # a sign-in at the identity provider (sus.oidc): no password to guess
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            make_password(password or "")
            raise


class SessionUserBackend:
    """A backend's `get_user` that takes the user read with the request's session when there
    is one (sus.sessions: one query less on every request) and checks it as the backend's own
    reading does (`user_can_authenticate`); otherwise the backend reads it."""

    def get_user(self, user_id):
        user = user_read_with_session(user_id)
        if user is None:
            return super().get_user(user_id)
        return user if self.user_can_authenticate(user) else None


class LocalPasswordBackend(SessionUserBackend, ModelBackend):
    """Username and password. While the sign-in through the identity provider is on, only
    break-glass users may use it (they still give the second factor, sus.middleware); for
    anyone else the right password fails like a wrong one, and their password sessions end."""

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        if not settings.SUS_OIDC_ENABLED:
            return True
        return SignInIdentity.objects.filter(user=user, break_glass=True).exists()


BREAK_GLASS_BACKEND = f"{LocalPasswordBackend.__module__}.{LocalPasswordBackend.__qualname__}"


def lockout_response(request, original_response, credentials):
    """The response of a locked-out login: the login page as the view rendered it, with its
    ordinary "wrong username or password" message (axes would answer 429 and say why)."""
    return original_response


def _username_field(credentials: dict | None) -> dict:
    """How the typed username is logged: the user's id when it names a user, otherwise a keyed
    hash of it (it may be a mistyped password or a personnummer)."""
    username = (credentials or {}).get(get_user_model().USERNAME_FIELD) or ""
    user = get_user_model().objects.filter(username=username).only("pk").first()
    return {"target_user_id": user.pk} if user else {"username_hash": keyed_hash(username)}


@receiver(user_logged_in, dispatch_uid="sus.auth.logged_in")
def _logged_in(sender, request, user, **kwargs):
    if request is not None:
        session_started(request)
    security_event("login.success", request=request, user=user)
    if settings.SUS_OIDC_ENABLED and getattr(user, "backend", "") == BREAK_GLASS_BACKEND:
        # A password login while everyone else signs in at the provider: worth an alert.
        security_event("login.break_glass", request=request, user=user)


@receiver(user_login_failed, dispatch_uid="sus.auth.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    security_event("login.failure", request=request, **_username_field(credentials))


@receiver(user_locked_out, dispatch_uid="sus.auth.locked_out")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    security_event(
        "login.locked_out",
        request=request,
        **_username_field({get_user_model().USERNAME_FIELD: username}),
    )


@receiver(user_logged_out, dispatch_uid="sus.auth.logged_out")
def _logged_out(sender, request, user, **kwargs):
    security_event("logout", request=request, user=user)
