from django.conf import settings
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
