"""People: reference geography, the population register, the persons who take part and the
anonymous counts. The participation aggregate (`transitions`) builds on these; nothing here
knows about it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from offices.models import OfficePair
from participants.personnummer import Sex
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


class RegisterPerson(models.Model):
    """A row of the embedded population register: fictitious people only (test range 980–999)."""

    personnummer = models.CharField(_("personnummer"), max_length=12, unique=True)
    first_name = models.CharField(_("förnamn"), max_length=80)
    last_name = models.CharField(_("efternamn"), max_length=80)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("folkbokföringskommun"), on_delete=models.PROTECT
    )
    protected_identity = models.BooleanField(_("skyddade personuppgifter"), default=False)

    class Meta:
        verbose_name = _("person i folkbokföringen (demo)")
        verbose_name_plural = _("folkbokföringen (demo)")
        ordering = ["personnummer"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


def full_name(first_name: str, last_name: str) -> str:
    """A person's name as the screens show it (empty once the personal data is removed)."""
    return f"{first_name} {last_name}".strip()


class PersonQuerySet(models.QuerySet):
    def identified(self):
        """Persons whose personal data is still held (not protected, not removed by gallring)."""
        return self.filter(personnummer__isnull=False)


class Person(models.Model):
    """A participant, created at the first registration (never at a mere search).

    Name and personnummer are removed when the person gets protected identity or at gallring;
    kön and birth year stay for the statistics.
    """

    personnummer = models.CharField(
        _("personnummer"), max_length=12, unique=True, null=True, blank=True
    )
    first_name = models.CharField(_("förnamn"), max_length=80, blank=True)
    last_name = models.CharField(_("efternamn"), max_length=80, blank=True)
    sex = models.CharField(_("kön"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("födelseår"))
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("folkbokföringskommun"), on_delete=models.PROTECT
    )
    personal_data_removed_at = models.DateTimeField(
        _("personuppgifter borttagna"), null=True, blank=True
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(personnummer__isnull=True)
                | models.Q(personnummer__regex=r"^[0-9]{12}$"),
                name="participants_person_personnummer_12_digits",
            ),
        ]

    def __str__(self):
        return self.name or _("(personuppgifter borttagna)")

    @property
    def name(self) -> str:
        return full_name(self.first_name, self.last_name)


class AnonymousCount(OfficePair):
    """ "Registrera anonyma deltagare": counts only, no personal data (SPEC §3.3)."""

    year = models.PositiveSmallIntegerField(_("år"))
    women = models.PositiveIntegerField(_("antal kvinnor"), default=0)
    men = models.PositiveIntegerField(_("antal män"), default=0)
    registered_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("anonyma deltagare")
        verbose_name_plural = _("anonyma deltagare")
        ordering = ["-year", "-registered_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(women__gt=0) | Q(men__gt=0),
                name="participants_anonymouscount_not_empty",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.women} kvinnor, {self.men} män"
