"""Registering and deleting transitions and saving their answers: the only way to change them.

Every service opens one transaction, locks the participation row first (so two caseworkers
acting at once are serialised and the second validates against the first's result), checks
access, validates, writes and audits — in that order. A refusal raises ValidationError (or
NoAccess) with the message of SPEC and leaves the database untouched.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import audit_record, snapshot
from participants.access import ensure_may_act_on
from participants.models import Consent, Participation
from transitions import messages
from transitions.models import ANSWER_MODELS, AnswerSet, Avbrottsorsak, Transition
from transitions.rules import validate_transition_date
from transitions.table import Insatstyp, QuestionSet, is_closing, rule_for


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
    latest = locked.transitions.order_by("-sequence").first()
    if expected_sequence is not None and latest.sequence != expected_sequence:
        raise ValidationError(messages.STALE, code="stale")
    return locked, latest


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
    with transaction.atomic():
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
        period = participation.office_periods.order_by("-sequence").first()
        validate_transition_date(date, today=today, previous=latest.date, moved=period.valid_from)
        latest.ended_on = date
        latest.save(update_fields=["ended_on"])
        transition = Transition.objects.create(
            participation=participation,
            sequence=latest.sequence + 1,
            from_type=participation.current_type,
            to_type=rule.to_type,
            date=date,
            af_office_id=participation.af_office_id,
            fk_office_id=participation.fk_office_id,
            registered_by=actor,
            answers_complete=not rule.question_sets,
        )
        before = snapshot(participation)
        participation.current_type = rule.to_type
        participation.current_since = date
        participation.closed_on = date if is_closing(rule.to_type) else None
        participation.save(update_fields=["current_type", "current_since", "closed_on"])
        audit_record(
            actor=actor,
            action="transition.register",
            instance=transition,
            before=before,
            after=snapshot(transition),
            participation_ref=participation.public_id,
        )
    return transition


def transition_delete_latest(
    *, participation: Participation, actor, expected_sequence: int | None = None
) -> Participation | None:
    """Delete the latest transition with its answers (SPEC §4.4). Deleting the first one (T1)
    deletes the whole participation; then None is returned. Everything deleted is kept in the
    audit record."""
    with transaction.atomic():
        participation, latest = lock_participation(
            participation, actor=actor, expected_sequence=expected_sequence
        )
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
        # Reopening is refused once the person has any later participation, open or closed: a
        # person's participations follow one another (each starts after the previous closed).
        later = participation.person.participations.filter(pk__gt=participation.pk)
        if participation.closed_on and later.exists():
            raise ValidationError(messages.LATER_PARTICIPATION, code="later_participation")
        latest.delete()
        previous.ended_on = None
        previous.save(update_fields=["ended_on"])
        participation.current_type = previous.to_type
        participation.current_since = previous.date
        participation.closed_on = None
        try:
            with transaction.atomic():
                participation.save(update_fields=["current_type", "current_since", "closed_on"])
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


def answers_of(transition: Transition) -> dict[QuestionSet, AnswerSet]:
    """The saved answer sets of a transition, in the order of its rule."""
    rule = rule_for(transition.from_type, transition.to_type)
    found = {}
    for question_set in rule.question_sets:
        model = ANSWER_MODELS[question_set]
        answers = model.objects.filter(transition=transition).first()
        if answers is not None:
            found[question_set] = answers
    return found


def answers_snapshot(answers: AnswerSet) -> dict:
    data = snapshot(answers)
    for field in answers._meta.many_to_many:
        data[field.name] = sorted(getattr(answers, field.name).values_list("pk", flat=True))
    return data


def answers_save(
    *,
    transition: Transition,
    question_set: QuestionSet,
    values: dict,
    choices: dict | None = None,
    actor,
) -> AnswerSet:
    """Save (create or correct) the answers of one question set of a transition.

    `values` are the set's ordinary fields, `choices` its multiple-choice answers (lists of
    lookup rows). Follow-up questions are required when their parent is "Ja" and cleared
    otherwise; percentages are 1–100. The transition counts as answered when all its sets are.
    Withdrawn consent ("återtagit samtycke") is recorded on the participation's consent.
    """
    question_set = QuestionSet(question_set)
    with transaction.atomic():
        participation, _latest = lock_participation(transition.participation, actor=actor)
        transition = Transition.objects.get(pk=transition.pk, participation=participation)
        rule = rule_for(transition.from_type, transition.to_type)
        if question_set not in rule.question_sets:
            raise ValidationError(messages.NOT_IN_SET, code="not_in_set")
        model = ANSWER_MODELS[question_set]
        answers = model.objects.filter(transition=transition).first()
        before = answers_snapshot(answers) if answers else None
        if answers is None:
            answers = model(transition=transition)
        field_names = {f.name for f in model._meta.concrete_fields} - {
            "id",
            "transition",
            "answered_by",
            "answered_at",
        }
        unknown = set(values) - field_names
        if unknown:
            raise ValueError(f"Unknown answer fields: {sorted(unknown)}")
        for name, value in values.items():
            setattr(answers, name, value)
        answers.answered_by = actor
        # The check constraints are the database's copy of the rules clean() applies; validating
        # them again in Python would cost a query each.
        answers.full_clean(exclude=["transition", "answered_by"], validate_constraints=False)
        choices = answers.clean_choices(dict(choices or {}))
        answers.save()
        for name, selected in choices.items():
            getattr(answers, name).set(selected)
        complete = all(
            ANSWER_MODELS[s].objects.filter(transition=transition).exists()
            for s in rule.question_sets
        )
        if transition.answers_complete != complete:
            transition.answers_complete = complete
            transition.save(update_fields=["answers_complete"])
        if question_set == QuestionSet.AVBRUTET:
            withdrawn = answers.avbrottsorsak == Avbrottsorsak.ATERTAGIT_SAMTYCKE
            consent = Consent.objects.filter(participation=participation).first()
            if consent is not None:
                # Withdrawn on the day of the step, but never before it was given (a consent may
                # be dated after the request it belongs to).
                consent.withdrawn_on = max(transition.date, consent.given_on) if withdrawn else None
                consent.save(update_fields=["withdrawn_on"])
        audit_record(
            actor=actor,
            action="answers.save",
            instance=answers,
            before=before,
            after=answers_snapshot(answers),
            participation_ref=participation.public_id,
        )
    return answers


class AnswersInvalid(ValidationError):
    """Some question sets were refused; `by_set` holds each set's ValidationError."""

    def __init__(self, by_set: dict):
        self.by_set = by_set
        super().__init__([message for error in by_set.values() for message in error.messages])


def transition_answers_save(*, transition: Transition, answers: dict, actor) -> None:
    """Save the answers of several question sets of one transition together ("Registrera
    uppgifter" shows them on one page): all are saved, or none. `answers` maps each question
    set to its (values, choices). Raises AnswersInvalid with every set's errors at once."""
    errors = {}
    with transaction.atomic():
        for question_set, (values, choices) in answers.items():
            try:
                with transaction.atomic():
                    answers_save(
                        transition=transition,
                        question_set=question_set,
                        values=values,
                        choices=choices,
                        actor=actor,
                    )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):  # stale or not per field: no per-set form
                    raise
                errors[QuestionSet(question_set)] = error
        if errors:
            raise AnswersInvalid(errors)
