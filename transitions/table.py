"""The insatstyper and the transition table of SPEC §4.2: the one place these rules exist.

Everything that needs to know which step may follow which — the services, the forms' choices,
the database check constraint, the consistency checker, the "normally registered by" hints and
the question sets shown on "Registrera uppgifter" — reads `TRANSITIONS`.
"""

import operator
from dataclasses import dataclass
from enum import Enum
from functools import reduce

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from offices.choices import Agency


class Insatstyp(models.TextChoices):
    BGK = "BGK", _("Begäran om gemensam kartläggning")
    GK = "GK", _("Gemensam kartläggning")
    PAF = "PAF", _("Planerad arbetsförberedande")
    PAL = "PAL", _("Planerad arbetslivsinriktad")
    ARF = "ARF", _("Arbetsförberedande")
    ARL = "ARL", _("Arbetslivsinriktad")
    AVS = "AVS", _("Avslutat samarbete")
    AVB = "AVB", _("Avbrutet samarbete")
    KS = "KS", _("Konsultativt stöd")


class Kind(Enum):
    WAITING = "väntan"
    ACTIVE = "aktiv"
    CLOSING = "avslutande"


KIND = {
    Insatstyp.BGK: Kind.WAITING,
    Insatstyp.GK: Kind.ACTIVE,
    Insatstyp.PAF: Kind.WAITING,
    Insatstyp.PAL: Kind.WAITING,
    Insatstyp.ARF: Kind.ACTIVE,
    Insatstyp.ARL: Kind.ACTIVE,
    Insatstyp.AVS: Kind.CLOSING,
    Insatstyp.AVB: Kind.CLOSING,
    Insatstyp.KS: Kind.CLOSING,
}

WAITING_TYPES = tuple(t for t, kind in KIND.items() if kind is Kind.WAITING)
ACTIVE_TYPES = tuple(t for t, kind in KIND.items() if kind is Kind.ACTIVE)
CLOSING_TYPES = tuple(t for t, kind in KIND.items() if kind is Kind.CLOSING)


class ParticipantStatus(models.TextChoices):
    """ "Deltagarstatus" (Visa deltagare, the reports): the kind of the current insatstyp."""

    ALL = "ALLA", _("Alla")
    CURRENT = "AKTUELLA", _("Aktuella")
    WAITING = "VANTAN", _("I väntan på insats")
    CLOSED = "AVSLUTADE", _("Avslutade")


STATUS_TYPES = {
    ParticipantStatus.CURRENT: ACTIVE_TYPES,
    ParticipantStatus.WAITING: WAITING_TYPES,
    ParticipantStatus.CLOSED: CLOSING_TYPES,
}


class QuestionSet(models.TextChoices):
    """The question sets of SPEC §6, in the order their panels are shown."""

    BEGARAN = "BEGARAN", _("Begäran om gemensam kartläggning")
    AVBRUTET = "AVBRUTET", _("Avbrutet samarbete")
    AVSLUT_GK = "AVSLUT_GK", _("Avslut gemensam kartläggning")
    AVSLUTAT = "AVSLUTAT", _("Avslutat samarbete")


@dataclass(frozen=True)
class Rule:
    code: str
    from_type: Insatstyp | None  # None: no open participation (the first registration)
    to_type: Insatstyp
    normally_by: Agency
    question_sets: tuple[QuestionSet, ...] = ()


_B, _GKS, _AS, _AB = (
    QuestionSet.BEGARAN,
    QuestionSet.AVSLUT_GK,
    QuestionSet.AVSLUTAT,
    QuestionSet.AVBRUTET,
)
T = Insatstyp
FK, AF = Agency.FK, Agency.AF

TRANSITIONS: tuple[Rule, ...] = (
    Rule("T1", None, T.BGK, FK, (_B,)),
    Rule("T2", T.BGK, T.GK, FK),
    Rule("T3", T.GK, T.PAF, FK, (_GKS,)),
    Rule("T4", T.GK, T.PAL, FK, (_GKS,)),
    Rule("T5", T.GK, T.AVS, FK, (_GKS, _AS)),
    Rule("T6", T.GK, T.KS, FK, (_GKS, _AS)),
    Rule("T7", T.BGK, T.AVB, FK, (_AB,)),
    Rule("T8", T.GK, T.AVB, FK, (_AB, _GKS)),
    Rule("T9", T.PAF, T.ARF, AF),
    Rule("T10", T.PAL, T.ARL, AF),
    Rule("T11", T.PAF, T.ARL, AF),
    Rule("T11", T.PAL, T.ARF, AF),
    Rule("T12", T.ARF, T.ARL, AF),
    Rule("T12", T.ARL, T.ARF, AF),
    Rule("T13", T.ARF, T.AVS, AF, (_AS,)),
    Rule("T13", T.ARL, T.AVS, AF, (_AS,)),
    Rule("T14", T.PAF, T.AVS, AF, (_AS,)),
    Rule("T14", T.PAL, T.AVS, AF, (_AS,)),
    Rule("T15", T.PAF, T.AVB, AF, (_AB,)),
    Rule("T15", T.PAL, T.AVB, AF, (_AB,)),
    Rule("T15", T.ARF, T.AVB, AF, (_AB,)),
    Rule("T15", T.ARL, T.AVB, AF, (_AB,)),
)

_BY_PAIR = {(rule.from_type, rule.to_type): rule for rule in TRANSITIONS}
FIRST = _BY_PAIR[(None, T.BGK)]


def rule_for(from_type: str | None, to_type: str) -> Rule | None:
    """The rule allowing from → to, or None when the step is not allowed."""
    from_key = Insatstyp(from_type) if from_type else None
    return _BY_PAIR.get((from_key, Insatstyp(to_type)))


def allowed_next(from_type: str | None) -> list[Rule]:
    """The steps allowed from a current insatstyp (None: no open participation)."""
    from_key = Insatstyp(from_type) if from_type else None
    return [rule for rule in TRANSITIONS if rule.from_type == from_key]


def question_sets(from_type: str | None, to_type: str) -> tuple[QuestionSet, ...]:
    rule = rule_for(from_type, to_type)
    return rule.question_sets if rule else ()


def is_closing(insatstyp: str) -> bool:
    return KIND[Insatstyp(insatstyp)] is Kind.CLOSING


def allowed_pairs_condition() -> Q:
    """The table as a database check: (from_type, to_type) must be one of its pairs."""
    return reduce(
        operator.or_,
        (
            Q(from_type__isnull=True, to_type=rule.to_type)
            if rule.from_type is None
            else Q(from_type=rule.from_type, to_type=rule.to_type)
            for rule in TRANSITIONS
        ),
    )
