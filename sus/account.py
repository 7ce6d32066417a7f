"""The user's own account: changing the password, and the second factor (TOTP with django-otp):
enrolment, the one-time code after the password, and recovery codes (django-otp's static
tokens, each usable once)."""

import base64
from urllib.parse import urlencode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sus.middleware import before_second_factor
from sus.security import security_event

RECOVERY_CODES = 10
APP_DEVICE = "Autentiseringsapp"
RECOVERY_DEVICE = "Reservkoder"


class OtpTokenForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("Engångskod"),
        max_length=16,
        help_text=gettext_lazy("Sex siffror från appen, eller en av dina reservkoder."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_change(request):
    """Byt lösenord: the old one, then the new one twice (the rules of AUTH_PASSWORD_VALIDATORS).
    The user's other sessions end; this one goes on."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        security_event("password.changed", request=request, user=user)
        messages.success(request, _("Ditt lösenord är bytt."))
        return redirect("home")
    return render(request, "account/password_change.html", {"form": form})


def _verify(user, token: str):
    """The confirmed device (app or recovery codes) that accepts the token, or None. Each
    device throttles its own failures (django-otp), so guessing slows down."""
    token = token.strip().replace(" ", "")
    for device in django_otp.devices_for_user(user, confirmed=True):
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


@never_cache
@before_second_factor
@sensitive_post_parameters("otp_token")
def otp_verify(request):
    """The one-time code after the password. Without a confirmed device: to enrolment."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not django_otp.user_has_device(request.user, confirmed=True):
        return redirect(_with_next("otp-enrol", _next_url(request)))
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _verify(request.user, form.cleaned_data["otp_token"])
        if device is not None:
            django_otp.login(request, device)
            security_event("otp.success", request=request, device=type(device).__name__)
            return redirect(_next_url(request))
        security_event("otp.failure", request=request)
        form.add_error("otp_token", _("Koden stämmer inte. Försök igen med en ny kod."))
    return render(request, "account/otp_verify.html", {"form": form, "next": _next_url(request)})


def _new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with new ones; return them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4)


@never_cache
@before_second_factor
@sensitive_post_parameters("otp_token")
def otp_enrol(request):
    """Aktivera tvåstegsverifiering: scan the QR code (or type the key), confirm with a code;
    then the recovery codes are shown once. A user who already has a confirmed device must
    first give a code from it: a password alone never adds a device."""
    user = request.user
    if django_otp.user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect(_with_next("otp-verify", _next_url(request)))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"].strip()):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=True).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(user)
            django_otp.login(request, device)
            security_event("otp.enrolled", request=request)
            return render(
                request, "account/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
            )
        security_event("otp.failure", request=request, stage="enrolment")
        form.add_error("otp_token", _("Koden stämmer inte. Kontrollera klockan i telefonen."))
    context = {
        "form": form,
        "qr": _qr_data_uri(device),
        "key": base64.b32encode(device.bin_key).decode(),
        "next": _next_url(request),
    }
    return render(request, "account/otp_enrol.html", context)


@never_cache
def recovery_codes(request):
    """Nya reservkoder (the old ones stop working). Only after the second factor."""
    if not request.user.is_verified():
        return redirect(_with_next("otp-verify", request.path))
    if request.method == "POST":
        codes = _new_recovery_codes(request.user)
        security_event("otp.recovery_codes_replaced", request=request)
        return render(request, "account/recovery_codes.html", {"codes": codes, "next": "/"})
    return render(request, "account/recovery_codes_new.html")
