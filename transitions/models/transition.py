"""The transition (övergång): one dated step of a participation, and the period that follows."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from offices.models import Office
from transitions.models.participation import Participation
from transitions.table import (
    ACTIVE_TYPES,
    FIRST,
    WAITING_TYPES,
    Insatstyp,
    QuestionSet,
    allowed_pairs_condition,
    question_sets,
)


def lead_dates(previous, *, to_type: str, date) -> dict:
    """The earlier dates a new step to `to_type` on `date` carries (`previous_date`,
    `gk_date`), after the step `previous` (None for the first). `previous` needs only `date`
    and `gk_date`, so the data generator's steps pass too."""
    return {
        "previous_date": previous.date if previous else None,
        "gk_date": date if to_type == Insatstyp.GK else previous and previous.gk_date,
    }


class TransitionQuerySet(models.QuerySet):
    def answers_missing(self):
        return self.filter(answers_complete=False)


class Transition(models.Model):
    """One dated step of a participation from one insatstyp to another. Also the period the
    participation spends in `to_type`: from `date` to `ended_on` (the next step's date, kept by
    the services; empty while it is the current insatstyp)."""

    participation = models.ForeignKey(
        Participation,
        verbose_name=_("medverkan"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    sequence = models.PositiveSmallIntegerField(_("ordning"))
    from_type = models.CharField(  # noqa: DJ001 (NULL = no open participation before T1)
        _("övergång från"), max_length=3, choices=Insatstyp.choices, null=True, blank=True
    )
    to_type = models.CharField(_("övergång till"), max_length=3, choices=Insatstyp.choices)
    date = models.DateField(_("datum för övergång"))
    ended_on = models.DateField(_("slutdatum"), null=True, blank=True)
    # Two dates of earlier steps, copied onto each step when it is registered (earlier steps
    # never change), so that Ledtider reads a lead time from the step that ends it alone:
    # `date - previous_date` is the length of the period the step ends; `date - gk_date` the
    # time since the gemensam kartläggning began.
    previous_date = models.DateField(
        _("datum för föregående övergång"),
        null=True,
        blank=True,
        help_text=_("Tomt för den första övergången."),
    )
    gk_date = models.DateField(
        _("datum för gemensam kartläggning"),
        null=True,
        blank=True,
        help_text=_(
            "Datum för övergången till gemensam kartläggning, för den övergången och alla "
            "som följer den; tomt före den eller utan den."
        ),
    )
    af_office = models.ForeignKey(
        Office, verbose_name=_("arbetsförmedling"), on_delete=models.PROTECT, related_name="+"
    )
    fk_office = models.ForeignKey(
        Office, verbose_name=_("kontor"), on_delete=models.PROTECT, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    answers_complete = models.BooleanField(
        _("uppgifter besvarade"),
        default=True,
        help_text=_("Falskt så länge någon av övergångens frågor saknar svar."),
    )

    objects = TransitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("övergång")
        verbose_name_plural = _("övergångar")
        ordering = ["participation", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "sequence"], name="transitions_transition_sequence"
            ),
            models.UniqueConstraint(
                fields=["participation"],
                condition=Q(ended_on__isnull=True),
                name="transitions_transition_one_current",
            ),
            models.CheckConstraint(
                condition=Q(from_type__isnull=True) | ~Q(from_type=F("to_type")),
                name="transitions_transition_from_differs_to",
            ),
            models.CheckConstraint(
                condition=allowed_pairs_condition(), name="transitions_transition_allowed_pair"
            ),
            models.CheckConstraint(
                # SQL's NULL logic lets a row without from_type pass the pair check above
                # whatever its to_type; only the first registration has no from_type.
                condition=Q(from_type__isnull=False) | Q(to_type=FIRST.to_type),
                name="transitions_transition_first_to_begaran",
            ),
            models.CheckConstraint(
                condition=Q(sequence=1, from_type__isnull=True)
                | Q(sequence__gt=1, from_type__isnull=False),
                name="transitions_transition_first_has_no_from",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("date")),
                name="transitions_transition_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(sequence=1, previous_date__isnull=True)
                | Q(sequence__gt=1, previous_date__isnull=False, previous_date__lte=F("date")),
                name="transitions_transition_previous_date",
            ),
            models.CheckConstraint(
                condition=Q(gk_date__isnull=True) | Q(gk_date__lte=F("date")),
                name="transitions_transition_gk_date",
            ),
        ]
        indexes = [
            # The reports read steps by type and date, and periods by type and end ("who was
            # where on day X", lead times); the columns they count by are included so that a
            # year of steps is read from the index alone (PostgreSQL); the id too, which the
            # counts count (without it Ledtider over the whole history read 3.5M rows from the
            # table: 14 s instead of 1.3 s).
            models.Index(
                fields=["to_type", "date"],
                include=[
                    "id",
                    "participation",
                    "from_type",
                    "ended_on",
                    "af_office",
                    "fk_office",
                    "previous_date",
                    "gk_date",
                ],
                name="transition_to_date_covering",
            ),
            # Flöde counts every step of a period by its pair of types: read from the index alone.
            models.Index(
                fields=["date"],
                include=["id", "from_type", "to_type", "participation", "af_office", "fk_office"],
                name="transition_date_covering",
            ),
            # Standardrapport: the periods going on now (the open participations' current
            # insatstyp), without the closed participations' last rows.
            models.Index(
                fields=["date"],
                include=["participation", "to_type", "af_office", "fk_office"],
                condition=Q(ended_on__isnull=True, to_type__in=WAITING_TYPES + ACTIVE_TYPES),
                name="transition_open_period",
            ),
            # Bakgrund reads each participation's first step (the Begäran answers hang on it).
            models.Index(
                fields=["participation"],
                include=["id", "date"],
                condition=Q(sequence=1),
                name="transition_first",
            ),
            models.Index(
                fields=["to_type", "ended_on"],
                include=["id", "participation", "date", "af_office", "fk_office"],
                name="transition_to_ended_covering",
            ),
            models.Index(fields=["participation", "to_type"], name="transition_participation_to"),
            models.Index(
                fields=["participation"],
                condition=Q(answers_complete=False),
                name="transition_answers_missing",
            ),
        ]

    def __str__(self):
        return f"{self.from_label or '–'} → {self.to_label} ({self.date})"

    # The insatstyp's names, as get_to_type_display() gives them: that builds a dict of every
    # choice and so translates all their labels on each call (a hundred rows of Att göra
    # translated a thousand labels); an enum lookup translates one.
    @property
    def to_label(self) -> str:
        return Insatstyp(self.to_type).label

    @property
    def from_label(self) -> str:
        return Insatstyp(self.from_type).label if self.from_type else ""

    @property
    def question_sets(self) -> tuple[QuestionSet, ...]:
        return question_sets(self.from_type, self.to_type)

    @property
    def has_questions(self) -> bool:
        return bool(self.question_sets)
