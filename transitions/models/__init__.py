"""The participation aggregate's models: the participation with its consent and office periods,
its transitions, the answers of their question sets and the lookup lists those answers use."""

from transitions.models.answers import (
    ANSWER_MODELS,
    AnswerSet,
    Avbrottsorsak,
    AvbrutetAnswers,
    AvslutatAnswers,
    AvslutGKAnswers,
    BegaranAnswers,
    FollowUps,
    InitieradAv,
)
from transitions.models.lookups import (
    Anstallningstyp,
    Forsorjning,
    InvolveradAktor,
    Lookup,
    Programtyp,
    TidOffentligForsorjning,
    Utbildningsniva,
)
from transitions.models.participation import Consent, OfficePeriod, Participation
from transitions.models.transition import Transition, lead_dates

__all__ = [
    "ANSWER_MODELS",
    "Anstallningstyp",
    "AnswerSet",
    "Avbrottsorsak",
    "AvbrutetAnswers",
    "AvslutGKAnswers",
    "AvslutatAnswers",
    "BegaranAnswers",
    "Consent",
    "FollowUps",
    "Forsorjning",
    "InitieradAv",
    "InvolveradAktor",
    "Lookup",
    "OfficePeriod",
    "Participation",
    "Programtyp",
    "TidOffentligForsorjning",
    "Transition",
    "Utbildningsniva",
    "lead_dates",
]
