"""Sign-in through the agencies' identity provider (OpenID Connect), on mozilla-django-oidc.

The library runs the authorization code flow: `state`, `nonce` and a PKCE verifier are kept in
the session, each used once; the code is exchanged at the token endpoint; the ID token's
signature is checked against the provider's JWKS. Here we add what SUS needs on top:

- the endpoints come from the provider's discovery document (cached an hour), whose `issuer`
  must be the configured one;
- the ID token's issuer, audience (our client id; `azp` with several audiences) and times
  (with a bounded clock skew, SUS_OIDC_LEEWAY) are checked with PyJWT;
- no access from the provider alone: the configured subject claim must match a
  `SignInIdentity` an administrator set; nobody is ever created from claims;
- the method of the sign-in (`acr`) must be one of SUS_OIDC_ACR_VALUES;
- every refusal is a Swedish page and a security event, never a 500;
- logout ends the SUS session and then the provider's (RP-initiated logout).
"""

import contextlib
import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from audit.services import audit_record
from sus.auth import SessionUserBackend
from sus.forms import LoginForm
from sus.middleware import SESSION_SIGN_IN, SIGNED_IN_AT_PROVIDER, signed_in_at_provider
from sus.models import SignInIdentity
from sus.security import keyed_hash, security_event

METADATA_SECONDS = 60 * 60
# How long a started sign-in may take at the provider before its state is no longer accepted.
STATE_SECONDS = 10 * 60
# Claims that only the (signed) ID token may carry: the user info endpoint cannot change them.
ID_TOKEN_ONLY = frozenset({"iss", "aud", "azp", "exp", "iat", "nbf", "nonce", "acr", "amr"})

_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not name our issuer."""


class SignInRefused(Exception):
    """A sign-in at the provider that gives no access; `reason` names the page in REFUSALS."""

    def __init__(self, reason: str, **fields):
        super().__init__(reason)
        self.reason = reason
        self.fields = fields


# reason: (heading, explanation, HTTP status)
REFUSALS = {
    "no_access": (
        _("Du saknar behörighet till SUS"),
        _(
            "Du är inloggad hos identitetsleverantören, men ditt konto är inte kopplat till "
            "någon användare i SUS. Kontakta den som beställer behörigheter på ditt kontor."
        ),
        403,
    ),
    "assurance": (
        _("Inloggningsmetoden räcker inte för SUS"),
        _(
            "SUS kräver inloggning med tvåfaktorsautentisering, till exempel tjänstekort eller "
            "Mobilt BankID. Logga in igen med ett av de sätten."
        ),
        403,
    ),
    "token": (
        _("Inloggningen kunde inte kontrolleras"),
        _(
            "Svaret från identitetsleverantören gick inte att lita på, så du har inte loggats "
            "in. Försök igen. Kvarstår felet, kontakta supporten."
        ),
        403,
    ),
    "state": (
        _("Inloggningen gick inte att slutföra"),
        _("Inloggningen tog för lång tid eller har redan använts. Börja om från inloggningssidan."),
        400,
    ),
    "cancelled": (
        _("Inloggningen avbröts"),
        _("Identitetsleverantören avbröt inloggningen. Försök igen."),
        403,
    ),
    "unavailable": (
        _("Identitetsleverantören svarar inte"),
        _("Inloggningen går inte att genomföra just nu. Försök igen om en stund."),
        503,
    ),
}


# --- The provider's configuration ------------------------------------------------------------

_metadata: dict[str, tuple[float, dict]] = {}


def provider_metadata() -> dict:
    """The provider's discovery document (OpenID Connect Discovery), cached per process."""
    url = settings.SUS_OIDC_DISCOVERY_URL
    cached = _metadata.get(url)
    if cached is not None and time.monotonic() - cached[0] < METADATA_SECONDS:
        return cached[1]
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"discovery failed: {type(error).__name__}") from error
    if not isinstance(metadata, dict) or metadata.get("issuer") != settings.SUS_OIDC_ISSUER:
        raise ProviderUnavailable("the discovery document names another issuer")
    _metadata[url] = (time.monotonic(), metadata)
    return metadata


def oidc_setting(attr, *args):
    """mozilla-django-oidc's settings, with the provider's endpoints from discovery."""
    if attr in _ENDPOINTS:
        return provider_metadata().get(_ENDPOINTS[attr])
    return import_from_settings(attr, *args)


# --- Claims to a SUS user (unit-tested in tests/oidc/test_claims.py) ---------------------------


def subject_of(claims: dict) -> str:
    """The person's stable id at the provider: the configured claim (sub, or e.g. an
    employee-number claim), as text; empty when missing."""
    value = claims.get(settings.SUS_OIDC_SUBJECT_CLAIM)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value).strip()


def meets_assurance(claims: dict) -> bool:
    """The sign-in's method (`acr`) is one SUS accepts; any method when none is configured."""
    accepted = settings.SUS_OIDC_ACR_VALUES
    return not accepted or claims.get("acr") in accepted


def profile_from_claims(claims: dict) -> dict:
    """Name and e-mail from the claims, for the fields of the user they fit; missing, empty,
    over-long or malformed values are left out (the stored value stays)."""
    user_model = get_user_model()
    profile = {}
    for field, claim in settings.SUS_OIDC_PROFILE_CLAIMS.items():
        value = claims.get(claim) if claim else None
        if not isinstance(value, str) or not value.strip():
            continue
        value = value.strip()
        if len(value) > user_model._meta.get_field(field).max_length:
            continue
        if field == "email":
            try:
                validate_email(value)
            except ValidationError:  # leave the stored address
                continue
        profile[field] = value
    return profile


def user_for_claims(claims: dict):
    """The active SUS user an administrator linked to the claims' subject, or SignInRefused."""
    subject = subject_of(claims)
    identity = (
        SignInIdentity.objects.select_related("user").filter(subject=subject).first()
        if subject
        else None
    )
    if identity is None or not identity.user.is_active:
        raise SignInRefused("no_access", subject_hash=keyed_hash(subject))
    return identity.user


def refresh_profile(user, claims: dict) -> None:
    """Name and e-mail follow the provider at each sign-in; a change is audited."""
    changes = {
        field: value
        for field, value in profile_from_claims(claims).items()
        if getattr(user, field) != value
    }
    if not changes:
        return
    before = {field: getattr(user, field) for field in changes}
    with transaction.atomic():
        for field, value in changes.items():
            setattr(user, field, value)
        user.save(update_fields=list(changes))
        audit_record(actor=user, action="oidc.profile", instance=user, before=before, after=changes)


# --- The authentication backend --------------------------------------------------------------


class ProviderBackend(SessionUserBackend, OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, read lazily: a password login (break-glass) never waits
    for the provider, and the endpoints come from discovery at a sign-in."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; a password login never reaches the provider.
        if not settings.SUS_OIDC_ENABLED or request is None or "nonce" not in kwargs:
            return None
        try:
            super().__init__()
            return super().authenticate(request, **kwargs)
        except ProviderUnavailable as error:
            raise SignInRefused("unavailable", detail=str(error)) from error
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            reason = "token" if 400 <= status < 500 else "unavailable"
            raise SignInRefused(reason, detail=f"provider answered {status}") from error
        except requests.RequestException as error:
            raise SignInRefused("unavailable", detail=type(error).__name__) from error
        except (SuspiciousOperation, jwt.PyJWTError, KeyError, ValueError) as error:
            raise SignInRefused("token", detail=type(error).__name__) from error

    def _verify_jws(self, payload, key):
        """The signature with the provider's key and algorithm, then issuer, audience and
        times (bounded clock skew); `sub`, `exp` and `iat` must be there."""
        alg = jwt.get_unverified_header(payload).get("alg")
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token signed with {alg!r}")
        claims = jwt.decode(
            payload,
            key,
            algorithms=[alg],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=settings.SUS_OIDC_ISSUER,
            leeway=settings.SUS_OIDC_LEEWAY,
            options={"require": ["iss", "aud", "sub", "exp", "iat"]},
        )
        audience = claims["aud"]
        several = isinstance(audience, list) and len(audience) > 1
        if several and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several audiences without our azp")
        return claims

    def verify_token(self, token, **kwargs):
        if not token:
            raise SuspiciousOperation("no ID token in the token response")
        return super().verify_token(token, **kwargs)

    def _claims(self, access_token, id_token, payload) -> dict:
        """The ID token's claims, completed by the user info endpoint where the provider has
        one (for the same subject only; the assurance claims come from the ID token alone)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            # SignInRefused, not SuspiciousOperation: the library would swallow that here.
            try:
                info = self.get_userinfo(access_token, id_token, payload)
            except SuspiciousOperation as error:  # a signed user info that does not verify
                raise SignInRefused("token", detail="user info not verified") from error
            if not isinstance(info, dict) or info.get("sub") != payload["sub"]:
                raise SignInRefused("token", detail="user info for another subject")
            for name, value in info.items():
                if name not in ID_TOKEN_ONLY:
                    claims.setdefault(name, value)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self._claims(access_token, id_token, payload)
        if not meets_assurance(claims):
            raise SignInRefused("assurance", acr=str(claims.get("acr", ""))[:64])
        user = user_for_claims(claims)
        refresh_profile(user, claims)
        return user

    def get_user(self, user_id):
        """A session begun at the provider lasts only while the provider sign-in is on and
        the user is active."""
        if not settings.SUS_OIDC_ENABLED:
            return None
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


# --- Views -----------------------------------------------------------------------------------


def refused(request, refusal: SignInRefused):
    heading, text, status = REFUSALS[refusal.reason]
    security_event("oidc.refused", request=request, reason=refusal.reason, **refusal.fields)
    context = {"heading": heading, "text": text}
    return render(request, "registration/oidc_refused.html", context, status=status)


class _Start(OIDCAuthenticationRequestView):
    get_settings = staticmethod(oidc_setting)

    def get_extra_params(self, request):
        if settings.SUS_OIDC_ACR_VALUES:
            return {"acr_values": " ".join(settings.SUS_OIDC_ACR_VALUES)}
        return {}


class _Callback(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        if request.GET.get("error"):
            with contextlib.suppress(SignInRefused):
                super().get(request)  # forgets the state, logs out
            raise SignInRefused("cancelled", error=request.GET["error"][:64])
        self._refuse_stale_state(request)
        try:
            return super().get(request)
        except SuspiciousOperation as error:  # a state this session did not start (or reused)
            raise SignInRefused("state", detail=type(error).__name__) from error

    @staticmethod
    def _refuse_stale_state(request):
        states = request.session.get("oidc_states") or {}
        entry = states.get(request.GET.get("state", ""))
        if entry is not None and time.time() - entry.get("added_on", 0) > STATE_SECONDS:
            del states[request.GET["state"]]
            request.session.modified = True
            raise SignInRefused("state", detail="stale")

    def login_failure(self):
        raise SignInRefused("state", detail="no sign-in started in this session")

    def login_success(self):
        response = super().login_success()
        self.request.session[SESSION_SIGN_IN] = SIGNED_IN_AT_PROVIDER
        security_event("oidc.signed_in", request=self.request, user=self.user)
        return response


def _provider_view(view):
    view = view.as_view()

    @login_not_required
    @never_cache
    def wrapped(request):
        if not settings.SUS_OIDC_ENABLED:
            raise Http404
        try:
            return view(request)
        except ProviderUnavailable as error:
            return refused(request, SignInRefused("unavailable", detail=str(error)))
        except SignInRefused as refusal:
            return refused(request, refusal)

    return wrapped


sign_in_start = _provider_view(_Start)
sign_in_callback = _provider_view(_Callback)


class LoginView(auth_views.LoginView):
    """The login page: the button to the identity provider when it is on, and the password
    form (then only for break-glass users)."""

    redirect_authenticated_user = True
    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=settings.SUS_OIDC_ENABLED, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Ends the SUS session; after a sign-in at the provider, then sends the browser to the
    provider's end-session endpoint (RP-initiated logout) when it has one."""

    def post(self, request, *args, **kwargs):
        at_provider = settings.SUS_OIDC_ENABLED and signed_in_at_provider(request)
        id_token = request.session.get("oidc_id_token", "")
        response = super().post(request, *args, **kwargs)
        if not at_provider:
            return response
        try:
            endpoint = provider_metadata().get("end_session_endpoint")
        except ProviderUnavailable:
            endpoint = None
        if not endpoint:
            return response
        params = {
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
        if id_token:
            params["id_token_hint"] = id_token
        return HttpResponseRedirect(f"{endpoint}?{urlencode(params)}")
