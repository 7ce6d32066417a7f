"""The lookup lists of the question sets: admin-editable, seeded with the values of SPEC §6."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Lookup(models.Model):
    label = models.CharField(_("text"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Inaktiva värden kan inte väljas i nya svar.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self):
        return self.label


class Anstallningstyp(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("typ av anställning")
        verbose_name_plural = _("typer av anställning")


class Forsorjning(Lookup):
    is_public = models.BooleanField(
        _("offentlig försörjning"),
        default=True,
        help_text=_("Avgör om frågan om tid med offentlig försörjning ställs."),
    )

    class Meta(Lookup.Meta):
        verbose_name = _("försörjning")
        verbose_name_plural = _("försörjningar")


class TidOffentligForsorjning(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("tid med offentlig försörjning")
        verbose_name_plural = _("tider med offentlig försörjning")


class Utbildningsniva(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("utbildningsnivå")
        verbose_name_plural = _("utbildningsnivåer")


class Programtyp(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("typ av arbetsmarknadspolitiskt program")
        verbose_name_plural = _("typer av arbetsmarknadspolitiska program")


class InvolveradAktor(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("involverad aktör")
        verbose_name_plural = _("involverade aktörer")
