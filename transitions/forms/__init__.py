"""The forms of the caseworker screens. They only parse and present; every rule is checked by
the services, whose messages the views put back on these forms' fields."""

from transitions.forms.answers import AnswerForm, answer_form_class
from transitions.forms.participation import (
    AnonymousForm,
    ConfirmForm,
    MoveConfirmForm,
    MoveFilterForm,
    MoveForm,
    ParticipantFilterForm,
    PersonnummerForm,
    StartForm,
    TransitionForm,
    next_type_choices,
)

__all__ = [
    "AnonymousForm",
    "AnswerForm",
    "ConfirmForm",
    "MoveConfirmForm",
    "MoveFilterForm",
    "MoveForm",
    "ParticipantFilterForm",
    "PersonnummerForm",
    "StartForm",
    "TransitionForm",
    "answer_form_class",
    "next_type_choices",
]
