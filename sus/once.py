"""Submit-once: every form that changes state carries a one-time token (a random UUID made when
the form is shown). The change and the token's use are saved in one transaction, so a form sent
twice changes things once; a failed change leaves the token unused for the corrected retry."""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from sus.forms import StrictForm
from sus.models import SubmittedForm

ALREADY_SUBMITTED = _("Formuläret har redan skickats. Ingenting registrerades en gång till.")


class AlreadySubmitted(Exception):
    pass


# The transaction depth of the submit-once block running now, on which connection: a service
# directly inside it (`service_transaction`) takes no savepoint of its own.
_BLOCK: ContextVar[tuple[str, int] | None] = ContextVar("sus_submitted_once_block", default=None)


@contextmanager
def service_transaction(using=None):
    """The transaction of a service that changes state. Called directly inside a submit-once
    block, whose views catch a refusal outside the block, so that any error ends the whole
    block, it takes no savepoint of its own (two round trips less per form): a refusal rolls
    the whole block back, the token's use included. Anywhere else, `transaction.atomic()`."""
    connection = transaction.get_connection(using)
    directly_inside = _BLOCK.get() == (connection.alias, len(connection.atomic_blocks))
    with transaction.atomic(using=using, savepoint=not directly_inside):
        yield


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
        connection = transaction.get_connection()
        block = _BLOCK.set((connection.alias, len(connection.atomic_blocks)))
        try:
            yield
        finally:
            _BLOCK.reset(block)


class TokenForm(OnceFormMixin):
    """Only the one-time token, for pages whose other forms carry the data."""
