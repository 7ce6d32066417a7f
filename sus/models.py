from importlib import import_module

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmittedForm(models.Model):
    """A one-time form token that has been used. A form submitted twice (a double click, the
    back button, a resent request) finds its token here and registers nothing the second time."""

    token = models.UUIDField(_("formulärnyckel"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.CASCADE
    )
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("skickat formulär")
        verbose_name_plural = _("skickade formulär")

    def __str__(self):
        return str(self.token)


class SignInIdentity(models.Model):
    """How a user signs in: the identity provider's stable id for the person, set by an
    administrator when the user is created (docs/security.md, "Sign-in through the identity
    provider"), and whether the user may still use the local password form when the provider is
    on (break-glass access, with the second factor). A sign-in at the provider gives access only
    through this row: roles and uppdrag stay in SUS."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="sign_in_identity",
    )
    subject = models.CharField(
        _("id hos identitetsleverantören"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Värdet som identitetsleverantören skickar för personen (anspråket i "
            "SUS_OIDC_SUBJECT_CLAIM: sub eller anställningsnummer). Tomt: kan inte logga in "
            "via identitetsleverantören."
        ),
    )
    break_glass = models.BooleanField(
        _("reservinloggning"),
        default=False,
        help_text=_(
            "Får logga in med lösenord och engångskod även när inloggning via "
            "identitetsleverantören är påslagen."
        ),
    )

    class Meta:
        verbose_name = _("inloggningsidentitet")
        verbose_name_plural = _("inloggningsidentiteter")

    def __str__(self):
        return str(self.user)


class RateCounter(models.Model):
    """A rate-limit counter (sus.counters.CounterCache): the requests one user or address has
    made in one window of one limit, counted by single atomic statements."""

    key = models.CharField(_("nyckel"), max_length=250, primary_key=True)
    value = models.BigIntegerField(_("antal"))
    expires = models.DateTimeField(_("upphör"), db_index=True)

    class Meta:
        db_table = "sus_ratecounter"
        verbose_name = _("räknare för hastighetsgräns")
        verbose_name_plural = _("räknare för hastighetsgränser")

    def __str__(self):
        return self.key


class Session(AbstractBaseSession):
    """A login, as Django's own database sessions keep it, with the user it belongs to in a
    column of its own (set from the session's data at every save, sus.sessions): a request
    reads its session and its user in one query, and a user's sessions are found without
    decoding every session (offices.sessions ends them). Deleting a user deletes its
    sessions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "sus_session"

    @classmethod
    def get_session_store_class(cls):
        return import_module(settings.SESSION_ENGINE).SessionStore
