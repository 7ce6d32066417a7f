"""The first step of every change to a participation: lock its row (so two caseworkers acting
at once are serialised and the second validates against the first's result), check access and
that nobody changed the history since the actor read it."""

from django.core.exceptions import ValidationError

from transitions import messages
from transitions.access import ensure_may_act_on
from transitions.models import Participation, Transition


def lock_participation(
    participation: Participation, *, actor, expected_sequence: int | None = None
) -> tuple[Participation, Transition]:
    """Lock the participation row, check the actor's access and that nobody changed the
    history since the actor read it. Returns the locked row and its latest transition."""
    locked = (
        Participation.objects.select_for_update()
        .filter(pk=participation.pk)
        .select_related("person")
        .first()
    )
    if locked is None:
        raise ValidationError(messages.STALE, code="stale")
    ensure_may_act_on(actor, locked)
    latest = locked.latest_transition()
    if expected_sequence is not None and latest.sequence != expected_sequence:
        raise ValidationError(messages.STALE, code="stale")
    return locked, latest
