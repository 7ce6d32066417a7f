"""The audit trail (every change, with before and after) and the access log (every view of a
participant's personal data). Both are append-only: rows are never changed or deleted — by the
models here, and by the database itself (triggers: django-pgtrigger on PostgreSQL, the same
rule on SQLite, see audit.append_only). The one way past them is `log_rewrite_allowed()`, for
the retention job."""

import pgtrigger
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

APPEND_ONLY = pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("Loggen kan inte ändras.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Loggen kan inte raderas.")


class AuditRecord(AppendOnlyModel):
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utförd av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Tomt när systemet självt gjorde ändringen (t.ex. demodata eller gallring)."),
    )
    action = models.CharField(_("händelse"), max_length=60, db_index=True)
    object_type = models.CharField(_("objekttyp"), max_length=60)
    object_id = models.CharField(_("objekt-id"), max_length=64)
    participation_ref = models.UUIDField(
        _("medverkan"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Medverkans publika id, kvar även om medverkan raderas."),
    )
    before = models.JSONField(_("före"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("efter"), null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("ändringspost")
        verbose_name_plural = _("ändringslogg")
        ordering = ["-at", "-id"]
        triggers = [APPEND_ONLY]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"


class AccessOutcome(models.TextChoices):
    SHOWN = "SHOWN", _("visad")
    CHANGED = "CHANGED", _("ändrad")
    DENIED = "DENIED", _("nekad")


class AccessLog(AppendOnlyModel):
    """One row per response that showed (or refused to show) a participant's personal data."""

    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # "accesslog_user_at" (user, at) serves every read by user
    )
    person_ref = models.BigIntegerField(
        _("deltagare"), null=True, blank=True, db_index=True, help_text=_("Personens id.")
    )
    participation_ref = models.UUIDField(_("medverkan"), null=True, blank=True, db_index=True)
    subject = models.CharField(
        _("personnummer (nyckelhash)"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_(
            "En nyckelhash av personnumret när personen inte finns i SUS (en sökning inför "
            "första registreringen): sökbar med personnumret, men inte läsbar."
        ),
    )
    page = models.CharField(_("sida eller åtgärd"), max_length=60)
    outcome = models.CharField(_("utfall"), max_length=8, choices=AccessOutcome.choices)

    class Meta:
        verbose_name = _("åtkomstpost")
        verbose_name_plural = _("åtkomstlogg")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "at"], name="accesslog_user_at")]
        triggers = [APPEND_ONLY]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.page} {self.get_outcome_display()}"
