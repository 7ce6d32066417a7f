"""The participation (medverkan / ärende), the root of the aggregate, with its consent and its
office periods."""

import datetime
import uuid
from dataclasses import dataclass
from operator import attrgetter

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from offices.choices import Agency
from offices.models import Office, OfficePair
from participants.models import Municipality, Person, Stadsdel
from transitions import messages
from transitions.table import (
    ACTIVE_TYPES,
    CLOSING_TYPES,
    STATUS_TYPES,
    WAITING_TYPES,
    Insatstyp,
)

# The constraint that means "the person already has an open participation".
ONE_OPEN = "transitions_participation_one_open_per_person"


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

    def with_status(self, status: str):
        """ "Deltagarstatus" now (Visa deltagare); ALL or an empty value filters nothing."""
        types = STATUS_TYPES.get(status) if status else None
        return self if types is None else self.filter(current_type__in=types)

    def identified(self):
        """Participations of persons whose personal data is still held (not protected, not
        gallrade): the stored `personal_data_held`, so a count of an office's participants
        reads one index instead of joining each of them to the person."""
        return self.filter(personal_data_held=True)

    def at_offices(self, office_ids_by_agency: dict[str, frozenset[int]]):
        """Participations whose current arbetsförmedling or kontor is one of the offices,
        given per agency (`offices.selectors.caseworker_offices_by_agency`): a condition only
        for the agencies that have offices, so one agency's offices read one index."""
        wanted = Q()
        for agency, office_ids in office_ids_by_agency.items():
            if office_ids:
                wanted |= Q(**{f"{Agency(agency).office_field}_id__in": office_ids})
        return self.filter(wanted) if wanted else self.none()


def _per_office(name: str, fields: list[str], **options) -> list[models.Index]:
    """The same index led by the arbetsförmedling and by the kontor: a user's offices are
    looked for in the column of their agency (`ParticipationQuerySet.at_offices`)."""
    return [
        models.Index(
            fields=[f"{agency}_office", *fields], name=f"participation_{agency}_{name}", **options
        )
        for agency in ("af", "fk")
    ]


class Participation(OfficePair):
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
    answers_due_since = models.DateField(
        _("uppgifter saknas sedan"),
        null=True,
        blank=True,
        help_text=_(
            "Datum för det tidigaste steg som saknar svar; tomt när alla steg är besvarade "
            "(för Att göra)."
        ),
    )
    # The current office pair's period (the latest OfficePeriod), kept beside the pair itself by
    # the services that add periods: a step, "Radera" and "Byt kontor" check the move date
    # without reading the office history (`current_office_period`).
    period_sequence = models.PositiveSmallIntegerField(
        _("kontorsperiod"), default=1, help_text=_("Ordningsnumret för nuvarande kontor.")
    )
    period_from = models.DateField(
        _("datum för flytt"), help_text=_("Från denna dag handläggs medverkan av nuvarande kontor.")
    )
    period_fenced_sequence = models.PositiveSmallIntegerField(
        _("senaste övergång före flytten"),
        default=0,
        help_text=_("Övergångar till och med denna tillhör det tidigare kontoret."),
    )
    personal_data_held = models.BooleanField(
        _("personuppgifter finns"),
        default=True,
        help_text=_(
            "Nej när personens personuppgifter har tagits bort (skyddad identitet eller "
            "gallring); då visas medverkan inte längre för handläggare."
        ),
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
                name=ONE_OPEN,
                violation_error_message=messages.ALREADY_OPEN,
            ),
            models.CheckConstraint(
                condition=Q(
                    closed_on__isnull=True,
                    current_type__in=[t for t in Insatstyp.values if t not in CLOSING_TYPES],
                )
                | Q(closed_on__isnull=False, current_type__in=CLOSING_TYPES),
                name="transitions_participation_closed_iff_closing_type",
            ),
            models.CheckConstraint(
                condition=Q(current_since__gte=models.F("started_on")),
                name="transitions_participation_current_since_after_start",
            ),
        ]
        indexes = [
            *_per_office("type", ["current_type"]),
            models.Index(fields=["started_on"], name="participation_started_on"),
            models.Index(fields=["closed_on"], name="participation_closed_on"),
            # Visa deltagare (newest step first) and "väntat länge" (oldest first) of an office.
            # (the person and the insatstyp included, only those whose personal data is held: a
            # count of an office's participants reads the index only)
            *_per_office(
                "since",
                ["current_since", "id"],
                include=["person", "current_type"],
                condition=Q(personal_data_held=True),
            ),
            # "Att göra": who has waited longest (only the waiting participants, oldest first;
            # like every list, only those whose personal data is held).
            *_per_office(
                "waiting",
                ["current_since", "id"],
                condition=Q(current_type__in=WAITING_TYPES, personal_data_held=True),
            ),
            # "Att göra": the participants of an office with a step whose answers are due.
            *_per_office(
                "due",
                ["answers_due_since", "id"],
                condition=Q(answers_due_since__isnull=False, personal_data_held=True),
            ),
        ]

    def __str__(self):
        return f"Medverkan {self.public_id}"

    @property
    def current_label(self) -> str:
        """The current insatstyp's name (`Transition.to_label` says why not the display)."""
        return Insatstyp(self.current_type).label

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def office_of(self, agency: str) -> Office:
        return getattr(self, Agency(agency).office_field)

    def _last_of(self, relation: str):
        """The row with the highest sequence: from the rows prefetched for the page when they
        were (no further query), else read."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get(relation)
        if prefetched is not None:
            return max(prefetched, key=attrgetter("sequence"), default=None)
        return getattr(self, relation).order_by("-sequence").first()

    def latest_transition(self):
        """The current step (the one the participation is in now)."""
        return self._last_of("transitions")

    def current_office_period(self) -> "CurrentPeriod":
        """The office pair handling the participation now, with its "Datum för flytt", as
        stored on the participation (no query)."""
        return CurrentPeriod(
            sequence=self.period_sequence,
            valid_from=self.period_from,
            fenced_sequence=self.period_fenced_sequence,
            af_office_id=self.af_office_id,
            fk_office_id=self.fk_office_id,
        )

    def set_current_period(self, period: "OfficePeriod") -> list[str]:
        """Store `period` as the current one; returns the fields to save."""
        self.af_office_id, self.fk_office_id = period.af_office_id, period.fk_office_id
        self.period_sequence, self.period_from = period.sequence, period.valid_from
        self.period_fenced_sequence = period.fenced_sequence
        return [
            "period_sequence",
            "period_from",
            "period_fenced_sequence",
            "af_office",
            "fk_office",
        ]


@dataclass(frozen=True)
class CurrentPeriod:
    """What a participation stores of its current office period (the latest `OfficePeriod`)."""

    sequence: int
    valid_from: datetime.date
    fenced_sequence: int
    af_office_id: int
    fk_office_id: int


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
                name="transitions_consent_withdrawn_after_given",
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
    fenced_sequence = models.PositiveSmallIntegerField(
        _("senaste övergång före flytten"),
        default=0,
        help_text=_("Övergångar till och med denna tillhör det tidigare kontoret."),
    )
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
                fields=["participation", "sequence"], name="transitions_officeperiod_sequence"
            ),
        ]

    def __str__(self):
        return f"{self.af_office} / {self.fk_office} från {self.valid_from}"
