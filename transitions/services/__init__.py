"""The participation's life cycle: the only way the application changes it. Start (T1), steps
(T2–T15), delete, answers, move and gallring; every service locks the participation row,
checks access, validates, writes and audits in one transaction."""

from transitions.services.answers import (
    AnswersInvalid,
    answers_check,
    answers_of,
    answers_save,
    answers_snapshot,
    has_answers,
    transition_answers_save,
)
from transitions.services.locking import lock_participation
from transitions.services.participations import (
    participant_protect,
    participation_move,
    participation_move_check,
    participation_start,
    participation_start_errors,
    protected_identities_sweep,
    retention_apply,
)
from transitions.services.transitions import (
    delete_refusal,
    transition_date_errors,
    transition_delete_latest,
    transition_register,
)

__all__ = [
    "AnswersInvalid",
    "answers_check",
    "answers_of",
    "answers_save",
    "answers_snapshot",
    "delete_refusal",
    "has_answers",
    "lock_participation",
    "participant_protect",
    "participation_move",
    "participation_move_check",
    "participation_start",
    "participation_start_errors",
    "protected_identities_sweep",
    "retention_apply",
    "transition_answers_save",
    "transition_date_errors",
    "transition_delete_latest",
    "transition_register",
]
