"""Submit-once: every form that changes state carries a one-time token (a random UUID made when
the form is shown). The change and the token's use are saved in one transaction, so a form sent
twice changes things once; a failed change leaves the token unused for the corrected retry."""

import uuid
from contextlib import contextmanager

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from sus.forms import StrictForm
from sus.models import SubmittedForm

ALREADY_SUBMITTED = _("Formuläret har redan skickats. Ingenting registrerades en gång till.")


class AlreadySubmitted(Exception):
    pass


class OnceFormMixin(StrictForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


def was_submitted(*, token, user) -> bool:
    """Whether the user already sent the form carrying this token."""
    return SubmittedForm.objects.filter(token=token, user=user).exists()


@contextmanager
def submitted_once(*, token, user):
    """Run the block in a transaction that also records the token; raise AlreadySubmitted
    (changing nothing) when the token was used before."""
    with transaction.atomic():
        try:
            # No savepoint of its own: a token used before ends the whole block, so there is
            # nothing to roll back to but the block's start (two round trips less per form).
            with transaction.atomic(savepoint=False):
                SubmittedForm.objects.create(token=token, user=user)
        except IntegrityError:
            raise AlreadySubmitted from None
        yield


class TokenForm(OnceFormMixin):
    """Only the one-time token, for pages whose other forms carry the data."""
