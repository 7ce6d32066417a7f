"""Registering and deleting transitions: the only way to change them.

Every service opens one transaction, locks the participation row first (so two caseworkers
acting at once are serialised and the second validates against the first's result), checks
access, validates, writes and audits — in that order. A refusal raises ValidationError (or
NoAccess) with the message of SPEC and leaves the database untouched.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import audit_record, snapshot
from sus.once import service_transaction
from transitions import messages
from transitions.models import Consent, Participation, Transition, lead_dates
from transitions.rules import iso, validate_transition_date
from transitions.services.answers import answers_of, answers_snapshot, follow_answers_due
from transitions.services.locking import lock_participation
from transitions.table import Insatstyp, Rule, is_closing, rule_for


def _transition_create(
    participation: Participation, *, rule: Rule, date: datetime.date, actor, previous=None
) -> Transition:
    """The one place a transition row is written: the first registration (T1, no previous
    step) and every later step. It records the office pair handling the participation now and
    whether answers are still due (and, on the participation in memory, since when answers
    are due: the caller saves it), and the earlier dates its lead times start from."""
    if rule.question_sets and participation.answers_due_since is None:
        participation.answers_due_since = date  # no earlier step lacks answers
    return Transition.objects.create(
        participation=participation,
        sequence=previous.sequence + 1 if previous else 1,
        from_type=previous.to_type if previous else None,
        to_type=rule.to_type,
        date=date,
        **lead_dates(previous, to_type=rule.to_type, date=date),
        af_office_id=participation.af_office_id,
        fk_office_id=participation.fk_office_id,
        registered_by=actor,
        answers_complete=not rule.question_sets,
    )


def _step(
    participation: Participation, *, latest: Transition, rule: Rule, date, actor, action: str
) -> Transition:
    """Take a validated step under the caller's lock: the current period ends on `date`, the
    new transition is written, the participation's current state (and, for a closing type,
    its closing date) follows, and the change is audited."""
    latest.ended_on = date
    latest.save(update_fields=["ended_on"])
    transition = _transition_create(
        participation, rule=rule, date=date, actor=actor, previous=latest
    )
    before = snapshot(participation)
    participation.current_type = rule.to_type
    participation.current_since = date
    participation.closed_on = date if is_closing(rule.to_type) else None
    participation.save(
        update_fields=["current_type", "current_since", "closed_on", "answers_due_since"]
    )
    audit_record(
        actor=actor,
        action=action,
        instance=transition,
        before=before,
        after=snapshot(transition),
        participation_ref=participation.public_id,
    )
    return transition


def transition_date_errors(participation: Participation, date: datetime.date) -> dict:
    """The date rules of the next step, without a lock (empty when none fails): shown beside
    the other errors of a refused submit; transition_register checks them again."""
    try:
        validate_transition_date(
            date,
            today=timezone.localdate(),
            previous=participation.latest_transition().date,
            moved=participation.current_office_period().valid_from,
        )
    except ValidationError as error:
        return error.message_dict
    return {}


def transition_register(
    *,
    participation: Participation,
    to_type: str,
    date: datetime.date | None,
    actor,
    expected_sequence: int | None = None,
) -> Transition:
    """Register the step from the current insatstyp to `to_type` on `date` (T2–T15).

    Guarantees: the step is in the transition table; the date is not in the future, not before
    the previous step and not before the current office pair's move date; the previous period
    ends on `date`; the participation's current state and, for a closing type, its closing date
    follow. The offices at the time and the registering user are recorded.
    """
    today = timezone.localdate()
    with service_transaction():
        participation, latest = lock_participation(
            participation, actor=actor, expected_sequence=expected_sequence
        )
        rule = rule_for(participation.current_type, to_type)
        if rule is None:
            raise ValidationError(
                {
                    "to_type": messages.NOT_ALLOWED.format(
                        från=Insatstyp(participation.current_type).label,
                        till=Insatstyp(to_type).label,
                    )
                },
                code="not_allowed",
            )
        period = participation.current_office_period()
        validate_transition_date(date, today=today, previous=latest.date, moved=period.valid_from)
        transition = _step(
            participation,
            latest=latest,
            rule=rule,
            date=date,
            actor=actor,
            action="transition.register",
        )
    return transition


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


def delete_refusal(participation: Participation, *, latest: Transition) -> Refusal | None:
    """Why "Radera" of the latest step is not allowed, or None when it is. Read by the service
    (under the lock) and by the pages, which offer "Radera" only where it will be allowed.

    - A move fences the history: after "Byt kontor" nobody deletes a step of the previous
      office pair (dated before "Datum för flytt", or registered before the move: up to the
      step the move recorded as the last before it).
    - Reopening is refused once the person has any later participation, open or closed: a
      person's participations follow one another (each starts after the previous closed).
    """
    period = participation.current_office_period()
    if period.sequence > 1 and (
        latest.date < period.valid_from or latest.sequence <= period.fenced_sequence
    ):
        return Refusal(
            "before_move", messages.DELETE_BEFORE_MOVE.format(datum=iso(period.valid_from))
        )
    later = participation.person.participations.filter(pk__gt=participation.pk)
    if participation.closed_on and later.exists():
        return Refusal("later_participation", str(messages.LATER_PARTICIPATION))
    return None


def transition_delete_latest(
    *, participation: Participation, actor, expected_sequence: int | None = None
) -> Participation | None:
    """Delete the latest transition with its answers (SPEC §4.4). Deleting the first one (T1)
    deletes the whole participation; then None is returned. Everything deleted is kept in the
    audit record."""
    with service_transaction():
        participation, latest = lock_participation(
            participation, actor=actor, expected_sequence=expected_sequence
        )
        refusal = delete_refusal(participation, latest=latest)
        if refusal is not None:
            raise ValidationError(refusal.message, code=refusal.code)
        deleted = {
            "transition": snapshot(latest),
            "answers": {
                question_set.value: answers_snapshot(answers)
                for question_set, answers in answers_of(latest).items()
            },
        }
        if latest.sequence == 1:
            deleted["participation"] = snapshot(participation)
            deleted["consent"] = snapshot(
                Consent.objects.filter(participation=participation).first()
            )
            deleted["office_periods"] = [snapshot(p) for p in participation.office_periods.all()]
            audit_record(
                actor=actor,
                action="participation.delete",
                instance=participation,
                before=deleted,
                participation_ref=participation.public_id,
            )
            person = participation.person
            participation.delete()
            if not person.participations.exists():
                # A mistaken first registration: keep no personal data of someone not registered.
                person.delete()
            return None
        previous = participation.transitions.get(sequence=latest.sequence - 1)
        latest.delete()
        previous.ended_on = None
        previous.save(update_fields=["ended_on"])
        participation.current_type = previous.to_type
        participation.current_since = previous.date
        participation.closed_on = None
        try:
            with transaction.atomic():
                participation.save(update_fields=["current_type", "current_since", "closed_on"])
                if not latest.answers_complete:
                    follow_answers_due(participation)
        except IntegrityError:  # a later participation was opened meanwhile
            raise ValidationError(
                messages.LATER_PARTICIPATION, code="later_participation"
            ) from None
        Consent.objects.filter(participation=participation).update(withdrawn_on=None)
        audit_record(
            actor=actor,
            action="transition.delete",
            instance=latest,
            before=deleted,
            after=snapshot(previous),
            participation_ref=participation.public_id,
        )
    return participation
