"""The answers of the question sets of a transition (SPEC §6)."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr, personnummer

from offices.choices import Agency
from transitions.models.lookups import (
    Anstallningstyp,
    Forsorjning,
    InvolveradAktor,
    Programtyp,
    TidOffentligForsorjning,
    Utbildningsniva,
)
from transitions.models.transition import Transition
from transitions.table import QuestionSet

PERCENT = [MinValueValidator(1), MaxValueValidator(100)]


def _percent_field(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=PERCENT)


@dataclass(frozen=True)
class FollowUps:
    """A yes/no question and the follow-up questions shown (and required) when it is "Ja".

    `ticks` are check boxes of which at least one must be ticked; `values` must be given.
    When the answer is "Nej" every follow-up is empty. The database checks the same.
    """

    parent: str
    ticks: tuple[str, ...] = ()
    values: tuple[str, ...] = ()

    def constraints(self, prefix: str) -> list[models.CheckConstraint]:
        empty = Q(**dict.fromkeys(self.ticks, False)) & Q(
            **{f"{name}__isnull": True for name in self.values}
        )
        given = Q(**{f"{name}__isnull": False for name in self.values})
        if self.ticks:
            given &= reduce(operator.or_, (Q(**{name: True}) for name in self.ticks))
        return [
            models.CheckConstraint(
                condition=Q(**{self.parent: True}) | empty,
                name=f"{prefix}_{self.parent}_no_follow_ups_when_no",
            ),
            models.CheckConstraint(
                condition=Q(**{self.parent: False}) | given,
                name=f"{prefix}_{self.parent}_follow_ups_when_yes",
            ),
        ]

    def apply(self, instance) -> dict[str, str]:
        """Validate one instance: clear follow-ups after "Nej", require them after "Ja".

        Clearing rather than refusing: a caseworker who answers "Ja", fills in a follow-up and
        then changes to "Nej" is not stopped by a field that is no longer shown.
        """
        if not getattr(instance, self.parent):
            for name in self.ticks:
                setattr(instance, name, False)
            for name in self.values:
                setattr(instance, instance._meta.get_field(name).attname, None)
            return {}
        errors = {}
        for name in self.values:
            if getattr(instance, instance._meta.get_field(name).attname) in (None, ""):
                errors[name] = _("Ange ett svar.")
        if self.ticks and not any(getattr(instance, name) for name in self.ticks):
            errors[self.ticks[0]] = _("Ange minst ett alternativ.")
        return errors


class AnswerSet(models.Model):
    transition = models.OneToOneField(
        Transition,
        verbose_name=_("övergång"),
        on_delete=models.CASCADE,
        related_name="%(class)s",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvarad av"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("besvarad"), auto_now=True)

    question_set: QuestionSet
    FOLLOW_UPS: tuple[FollowUps, ...] = ()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.question_set.label}: {self.transition}"

    def clean(self):
        super().clean()
        errors = {}
        for follow_ups in self.FOLLOW_UPS:
            errors.update(follow_ups.apply(self))
        if errors:
            raise ValidationError(errors)

    def clean_choices(self, choices: dict[str, list]) -> dict[str, list]:
        """Validate the answers to the multiple-choice questions (many-to-many fields), which
        exist only once the set is saved. Returns them cleaned; raises ValidationError."""
        return choices


FORSORJNING_REQUIRED = _("Ange minst en försörjning.")
FORSORJNING_EXCLUSIVE = _(
    "Ingen offentlig försörjning kan inte kombineras med andra försörjningar."
)


def _clean_forsorjning(values: list, errors: dict) -> bool:
    """At least one försörjning, and "no public" alone. Returns whether any is public."""
    if not values:
        errors["forsorjning"] = FORSORJNING_REQUIRED
        return False
    public = [value for value in values if value.is_public]
    if public and len(public) != len(values):
        errors["forsorjning"] = FORSORJNING_EXCLUSIVE
    return bool(public)


class Sysselsattning(models.Model):
    """The Sysselsättning block (SPEC §6.1), used directly before and directly after."""

    arbetar = models.BooleanField(_("Arbetar"))
    arbete_subventionerat = models.BooleanField(_("Subventionerat arbete"), default=False)
    arbete_ej_subventionerat = models.BooleanField(_("Ej subventionerat arbete"), default=False)
    andel_arbete = _percent_field(_("Andel av arbete"))
    studerar = models.BooleanField(_("Studerar"))
    studier_reguljara = models.BooleanField(_("Reguljära studier"), default=False)
    studier_arbetsmarknadsutbildning = models.BooleanField(
        _("Arbetsmarknadsutbildning"), default=False
    )
    andel_studier = _percent_field(_("Andel av studier"))
    arbetssokande = models.BooleanField(_("Arbetssökande"))
    andel_arbetssokande = _percent_field(_("Andel arbetssökande"))
    program = models.BooleanField(_("Arbetsmarknadspolitiskt program"))
    programtyp = models.ForeignKey(
        Programtyp,
        verbose_name=_("Typ av arbetsmarknadspolitiskt program"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    andel_program = _percent_field(_("Andel sysselsättning i"))

    class Meta:
        abstract = True


SYSSELSATTNING_FOLLOW_UPS = (
    FollowUps(
        "arbetar",
        ticks=("arbete_subventionerat", "arbete_ej_subventionerat"),
        values=("andel_arbete",),
    ),
    FollowUps(
        "studerar",
        ticks=("studier_reguljara", "studier_arbetsmarknadsutbildning"),
        values=("andel_studier",),
    ),
    FollowUps("arbetssokande", values=("andel_arbetssokande",)),
    FollowUps("program", values=("programtyp", "andel_program")),
)
PERCENT_FIELDS = ("andel_arbete", "andel_studier", "andel_arbetssokande", "andel_program")


def sysselsattning_constraints(prefix: str) -> list[models.CheckConstraint]:
    constraints = [c for f in SYSSELSATTNING_FOLLOW_UPS for c in f.constraints(prefix)]
    for name in PERCENT_FIELDS:
        constraints.append(
            models.CheckConstraint(
                condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (1, 100)}),
                name=f"{prefix}_{name}_percent",
            )
        )
    return constraints


class InitieradAv(models.TextChoices):
    AF = Agency.AF.value, _("Arbetsförmedlingen")
    FK = Agency.FK.value, _("Försäkringskassan")


ARBETSGIVARE_PERSONNUMMER = _(
    "Ange arbetsgivarens organisationsnummer. Ett personnummer registreras inte här."
)
ANSTALLD_FOLLOW_UPS = FollowUps("anstalld", values=("arbetsgivare", "anstallningstyp"))


class BegaranAnswers(AnswerSet, Sysselsattning):
    """Begäran set (T1): the situation directly before the request (SPEC §6.1)."""

    question_set = QuestionSet.BEGARAN

    initierad_av = models.CharField(_("Initierad av"), max_length=2, choices=InitieradAv.choices)
    anstalld = models.BooleanField(_("Anställd"))
    arbetsgivare = models.CharField(  # noqa: DJ001 (null = not asked, as for every follow-up)
        _("Arbetsgivare"), max_length=11, null=True, blank=True, help_text=_("Organisationsnummer")
    )
    anstallningstyp = models.ForeignKey(
        Anstallningstyp,
        verbose_name=_("Typ av anställning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    eget_foretag = models.BooleanField(_("Eget företag"))
    inskriven_af = models.BooleanField(_("Inskriven hos Arbetsförmedlingen"))
    forsorjning = models.ManyToManyField(
        Forsorjning, verbose_name=_("Försörjning"), related_name="+"
    )
    tid_offentlig_forsorjning = models.ForeignKey(
        TidOffentligForsorjning,
        verbose_name=_("Tid med offentlig försörjning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    utbildningsniva = models.ForeignKey(
        Utbildningsniva,
        verbose_name=_("Utbildningsnivå"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    FOLLOW_UPS = (ANSTALLD_FOLLOW_UPS, *SYSSELSATTNING_FOLLOW_UPS)

    class Meta:
        verbose_name = _("svar: begäran om gemensam kartläggning")
        verbose_name_plural = _("svar: begäran om gemensam kartläggning")
        constraints = [
            *sysselsattning_constraints("transitions_begarananswers"),
            *ANSTALLD_FOLLOW_UPS.constraints("transitions_begarananswers"),
        ]

    def clean_choices(self, choices):
        errors = {}
        any_public = _clean_forsorjning(list(choices.get("forsorjning", [])), errors)
        if not any_public:
            self.tid_offentlig_forsorjning = None
        elif self.tid_offentlig_forsorjning_id is None:
            errors["tid_offentlig_forsorjning"] = _("Ange ett svar.")
        if errors:
            raise ValidationError(errors)
        return choices

    def clean(self):
        super().clean()
        if self.arbetsgivare:
            if personnummer.is_valid(self.arbetsgivare):
                # A sole trader's organisationsnummer is a personnummer: personal data that SUS
                # does not ask for (python-stdnum's orgnr would accept it).
                raise ValidationError({"arbetsgivare": ARBETSGIVARE_PERSONNUMMER})
            try:
                self.arbetsgivare = orgnr.compact(orgnr.validate(self.arbetsgivare))
            except StdnumError:
                raise ValidationError(
                    {"arbetsgivare": _("Ange ett giltigt organisationsnummer.")}
                ) from None


MEETINGS_TOO_MANY = _("Ange ett rimligt antal möten, högst {högst}.")


class AvslutGKAnswers(AnswerSet):
    """Avslut GK set (T3–T6, T8), provisional and small (SPEC §6.2)."""

    question_set = QuestionSet.AVSLUT_GK

    antal_moten = models.PositiveSmallIntegerField(
        _("Antal möten inom gemensam kartläggning"), validators=[MinValueValidator(1)]
    )
    sjukskriven_vid_avslut = models.BooleanField(_("Sjukskriven vid avslut"))

    class Meta:
        verbose_name = _("svar: avslut gemensam kartläggning")
        verbose_name_plural = _("svar: avslut gemensam kartläggning")
        constraints = [
            models.CheckConstraint(
                condition=Q(antal_moten__gte=1), name="transitions_avslutgkanswers_moten_positive"
            ),
        ]

    def clean(self):
        super().clean()
        most = settings.SUS_MAX_MEETINGS
        if self.antal_moten is not None and self.antal_moten > most:
            raise ValidationError({"antal_moten": MEETINGS_TOO_MANY.format(högst=most)})


class AvslutatAnswers(AnswerSet, Sysselsattning):
    """Avslutat set (T5, T6, T13, T14): directly after the end (SPEC §6.3)."""

    question_set = QuestionSet.AVSLUTAT

    inskriven_af = models.BooleanField(_("Inskriven hos Arbetsförmedlingen"))
    forsorjning = models.ManyToManyField(
        Forsorjning, verbose_name=_("Försörjning"), related_name="+"
    )
    fortsatt_fk = models.BooleanField(_("Fortsatt handläggning hos Försäkringskassan"))
    involverade_aktorer = models.ManyToManyField(
        InvolveradAktor, verbose_name=_("Involverade aktörer"), blank=True, related_name="+"
    )
    fortsatt_af = models.BooleanField(_("Fortsatt handläggning hos Arbetsförmedlingen"))
    fortsatt_kommun = models.BooleanField(_("Fortsatt stöd av kommunen"))

    FOLLOW_UPS = SYSSELSATTNING_FOLLOW_UPS

    class Meta:
        verbose_name = _("svar: avslutat samarbete")
        verbose_name_plural = _("svar: avslutat samarbete")
        constraints = sysselsattning_constraints("transitions_avslutatanswers")

    def clean_choices(self, choices):
        errors = {}
        _clean_forsorjning(list(choices.get("forsorjning", [])), errors)
        choices = dict(choices)
        if not self.fortsatt_fk:
            choices["involverade_aktorer"] = []
        elif not choices.get("involverade_aktorer"):
            errors["involverade_aktorer"] = _("Ange minst en aktör.")
        if errors:
            raise ValidationError(errors)
        return choices


class Avbrottsorsak(models.TextChoices):
    ATERTAGIT_SAMTYCKE = "ATERTAGIT_SAMTYCKE", _("återtagit samtycke")
    OVRIGT = "OVRIGT", _("övrigt")


class AvbrutetAnswers(AnswerSet):
    """Avbrutet set (T7, T8, T15) (SPEC §6.4)."""

    question_set = QuestionSet.AVBRUTET

    avbrottsorsak = models.CharField(
        _("Avbrottsorsak"), max_length=20, choices=Avbrottsorsak.choices
    )

    class Meta:
        verbose_name = _("svar: avbrutet samarbete")
        verbose_name_plural = _("svar: avbrutet samarbete")


ANSWER_MODELS: dict[QuestionSet, type[AnswerSet]] = {
    QuestionSet.BEGARAN: BegaranAnswers,
    QuestionSet.AVSLUT_GK: AvslutGKAnswers,
    QuestionSet.AVSLUTAT: AvslutatAnswers,
    QuestionSet.AVBRUTET: AvbrutetAnswers,
}
