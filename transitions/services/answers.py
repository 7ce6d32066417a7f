"""Saving the answers of a transition's question sets ("Registrera uppgifter"), the only way
to change them. Same order as every service: transaction → lock → check access → validate →
write → audit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from audit.services import audit_record, snapshot
from sus.once import service_transaction
from transitions import messages
from transitions.models import ANSWER_MODELS, AnswerSet, Avbrottsorsak, Consent, Transition
from transitions.services.locking import lock_participation
from transitions.table import QuestionSet, rule_for


def follow_answers_due(participation) -> None:
    """Keep the participation's stored "answers due since" (read by Att göra) equal to the
    date of its earliest step that lacks answers, after a step's answers became complete or
    incomplete or a step without answers was deleted. Called under the participation's lock."""
    due = (
        Transition.objects.filter(participation=participation, answers_complete=False)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    if participation.answers_due_since != due:
        participation.answers_due_since = due
        participation.save(update_fields=["answers_due_since"])


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


def has_answers(transition: Transition) -> bool:
    """Whether any question set of the transition is answered (one query, whatever the step):
    "Radera" says that the answers go only when there are some."""
    answered = Q()
    for model in ANSWER_MODELS.values():
        answered |= Q(**{f"{model._meta.model_name}__isnull": False})
    return Transition.objects.filter(pk=transition.pk).filter(answered).exists()


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
            follow_answers_due(participation)
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


def answers_check(
    *, question_set: QuestionSet, values: dict, choices: dict | None = None, skip=()
) -> ValidationError | None:
    """The errors the service would give these answers, without saving or reading anything:
    "Registrera uppgifter" shows them together with the answers it could not read (`skip`,
    model fields left out of the check), so that every error comes in one round. Saving
    checks again, under the lock."""
    model = ANSWER_MODELS[QuestionSet(question_set)]
    answers = model()
    for name, value in values.items():
        if name not in skip:
            setattr(answers, name, value)
    errors = {}
    try:
        answers.full_clean(
            exclude=["transition", "answered_by", *skip],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        answers.clean_choices({k: v for k, v in (choices or {}).items() if k not in skip})
    except ValidationError as error:
        errors.update(error.message_dict)
    return ValidationError(errors) if errors else None


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
    with service_transaction():
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
