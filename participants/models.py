"""Participants: reference geography, the population register, persons and participations."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from offices.models import Agency, Office
from participants.personnummer import Sex
from participants.reference import GOTEBORG, STOCKHOLM
from transitions.table import ACTIVE_TYPES, CLOSING_TYPES, WAITING_TYPES, Insatstyp

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
        return f"{self.first_name} {self.last_name}".strip()


class ParticipationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def closed(self):
        return self.filter(closed_on__isnull=False)

    def current(self):
        """ "Aktuella": in an active insatstyp (GK, ARF, ARL)."""
        return self.filter(current_type__in=ACTIVE_TYPES)

    def waiting(self):
        """ "I väntan på insats": in a waiting insatstyp (BGK, PAF, PAL)."""
        return self.filter(current_type__in=WAITING_TYPES)

    def identified(self):
        return self.filter(person__personnummer__isnull=False)

    def at_offices(self, office_ids):
        """Participations whose current arbetsförmedling or kontor is one of the offices."""
        return self.filter(Q(af_office_id__in=office_ids) | Q(fk_office_id__in=office_ids))


class Participation(models.Model):
    """A person's time in the collaboration (medverkan / ärende): from the first registration
    (T1) until a closing insatstyp. The transitions are its history and the source of truth;
    `current_type`, `current_since`, `closed_on` and the current office pair are kept in step
    with them by the services (and verified by `manage.py check_histories`) so that lists,
    access checks and reports read them without walking the history.
    """

    public_id = models.UUIDField(_("id"), default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    started_on = models.DateField(_("startdatum"))
    current_type = models.CharField(_("aktuell insatstyp"), max_length=3, choices=Insatstyp.choices)
    current_since = models.DateField(_("datum för senaste övergång"))
    closed_on = models.DateField(_("avslutad"), null=True, blank=True)
    af_office = models.ForeignKey(
        Office,
        verbose_name=_("arbetsförmedling"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"agency": Agency.AF},
    )
    fk_office = models.ForeignKey(
        Office,
        verbose_name=_("kontor"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"agency": Agency.FK},
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("folkbokföringskommun"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Vid första registreringen."),
    )
    stadsdel = models.ForeignKey(
        Stadsdel, verbose_name=_("stadsdel"), on_delete=models.PROTECT, null=True, blank=True
    )
    age_at_start = models.PositiveSmallIntegerField(_("ålder vid start"))
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("medverkan")
        verbose_name_plural = _("medverkan")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(closed_on__isnull=True),
                name="participants_participation_one_open_per_person",
                violation_error_message=_(
                    "Deltagaren har redan en pågående medverkan i Af/FK-samarbetet."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    closed_on__isnull=True,
                    current_type__in=[t for t in Insatstyp.values if t not in CLOSING_TYPES],
                )
                | Q(closed_on__isnull=False, current_type__in=CLOSING_TYPES),
                name="participants_participation_closed_iff_closing_type",
            ),
            models.CheckConstraint(
                condition=Q(current_since__gte=models.F("started_on")),
                name="participants_participation_current_since_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["af_office", "current_type"], name="participation_af_type"),
            models.Index(fields=["fk_office", "current_type"], name="participation_fk_type"),
            models.Index(fields=["started_on"], name="participation_started_on"),
            models.Index(fields=["closed_on"], name="participation_closed_on"),
        ]

    def __str__(self):
        return f"Medverkan {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def office_of(self, agency: str) -> Office:
        return self.af_office if agency == Agency.AF else self.fk_office


class Consent(models.Model):
    """The confirmed written consent of one participation (SPEC §3.2)."""

    participation = models.OneToOneField(
        Participation,
        verbose_name=_("medverkan"),
        on_delete=models.CASCADE,
        related_name="consent",
    )
    given_on = models.DateField(_("datum för samtycke"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekräftat av"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("bekräftat"), auto_now_add=True)
    withdrawn_on = models.DateField(_("återtaget"), null=True, blank=True)

    class Meta:
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="participants_consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return f"Samtycke {self.given_on}"


class OfficePeriod(models.Model):
    """The office pair handling a participation from a day on ("Datum för flytt"). History:
    a move adds a period, nothing is overwritten. The latest period is the current pair."""

    participation = models.ForeignKey(
        Participation,
        verbose_name=_("medverkan"),
        on_delete=models.CASCADE,
        related_name="office_periods",
    )
    sequence = models.PositiveSmallIntegerField(_("ordning"))
    af_office = models.ForeignKey(
        Office, verbose_name=_("arbetsförmedling"), on_delete=models.PROTECT, related_name="+"
    )
    fk_office = models.ForeignKey(
        Office, verbose_name=_("kontor"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("datum för flytt"))
    registered_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("handläggande kontor")
        verbose_name_plural = _("handläggande kontor")
        ordering = ["participation", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "sequence"], name="participants_officeperiod_sequence"
            ),
        ]

    def __str__(self):
        return f"{self.af_office} / {self.fk_office} från {self.valid_from}"


class AnonymousCount(models.Model):
    """ "Registrera anonyma deltagare": counts only, no personal data (SPEC §3.3)."""

    af_office = models.ForeignKey(
        Office,
        verbose_name=_("arbetsförmedling"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"agency": Agency.AF},
    )
    fk_office = models.ForeignKey(
        Office,
        verbose_name=_("kontor"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"agency": Agency.FK},
    )
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
