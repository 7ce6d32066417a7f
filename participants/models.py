"""Participants: reference geography, the population register, persons and participations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from participants.reference import GOTEBORG, STOCKHOLM

MUNICIPALITIES_WITH_STADSDEL = (STOCKHOLM, GOTEBORG)


class County(models.Model):
    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=60)

    class Meta:
        verbose_name = _("län")
        verbose_name_plural = _("län")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("kommunkod"), max_length=4, unique=True)
    name = models.CharField(_("namn"), max_length=60)
    county = models.ForeignKey(
        County, verbose_name=_("län"), on_delete=models.PROTECT, related_name="municipalities"
    )

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def has_stadsdelar(self) -> bool:
        return self.code in MUNICIPALITIES_WITH_STADSDEL


class Stadsdel(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="stadsdelar",
        limit_choices_to={"code__in": MUNICIPALITIES_WITH_STADSDEL},
    )
    name = models.CharField(_("namn"), max_length=60)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("stadsdel")
        verbose_name_plural = _("stadsdelar")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="participants_stadsdel_unique_name"
            ),
        ]

    def __str__(self):
        return self.name
