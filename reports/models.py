"""Stored parts of the reports that add up over days (`reports.parts`), and the record of which
days of the history have changed since a part was computed.

`ReportPart` holds one report's counts for one day, one calendar month or one calendar year
and one choice of the report form's other fields. `ReportChange` is written by database
triggers (migration `reports.0001`), never by the code: every insert, update or delete of a
step, an answer set or its many-to-many choices, a participation's office pair, kommun, age or
dates, and a person's kön records the days of the steps concerned, with the writing
transaction's number. A stored part is used only while no change of its days has a number at
or above the one it was computed under (`snapshot`), so whatever writes the history — the
services, admin, a shell, a data migration — a report never shows a stored count that a later
change made wrong."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Span(models.TextChoices):
    DAY = "D", _("Dag")
    MONTH = "M", _("Månad")
    YEAR = "Y", _("År")


class ReportPart(models.Model):
    key = models.CharField(_("nyckel"), max_length=64)
    span = models.CharField(_("omfång"), max_length=1, choices=Span.choices)
    first_day = models.DateField(_("första dag"))
    last_day = models.DateField(_("sista dag"))
    snapshot = models.BigIntegerField(
        _("ögonblicksbild"),
        help_text=_("Ändringar med detta nummer eller högre är inte med i delen."),
    )
    results = models.TextField(_("resultat"))
    computed_at = models.DateTimeField(_("beräknad"), auto_now=True)

    class Meta:
        verbose_name = _("sparad rapportdel")
        verbose_name_plural = _("sparade rapportdelar")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "span", "first_day"], name="reports_part_unique"
            ),
        ]

    def __str__(self):
        return f"{self.first_day}–{self.last_day}"


class ReportChange(models.Model):
    day = models.DateField(_("dag"))
    xact = models.BigIntegerField(_("transaktion"))
    created_at = models.DateTimeField(_("skapad"))

    class Meta:
        verbose_name = _("ändrad dag")
        verbose_name_plural = _("ändrade dagar")
        constraints = [
            models.UniqueConstraint(fields=["day", "xact"], name="reports_change_unique"),
        ]

    def __str__(self):
        return str(self.day)
