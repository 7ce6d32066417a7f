"""Password rules beyond Django's own (ASVS V6.2.11): no password made of the words of this
context — the agencies, the system, the collaboration — with only digits or signs added."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTEXT_WORDS = {
    "sus",
    "susaffk",
    "affk",
    "fkaf",
    "forsakringskassan",
    "arbetsformedlingen",
    "samverkan",
    "samarbete",
    "uppfoljning",
    "losenord",
    "hemligt",
}
FOLD = str.maketrans("åäöéü", "aaoeu")


class ContextWordsValidator:
    def validate(self, password, user=None):
        letters = re.sub(r"[^a-zåäöéü]", "", password.lower()).translate(FOLD)
        if letters in CONTEXT_WORDS:
            raise ValidationError(
                _("Lösenordet bygger på ett ord som hör till SUS eller myndigheterna."),
                code="password_context_word",
            )

    def get_help_text(self):
        return _("Lösenordet får inte bygga på namnet på SUS eller myndigheterna.")
