""" "Registrera uppgifter" (SPEC §6): the question sets of one transition."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.models import AccessOutcome
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, TokenForm, submitted_once
from transitions import messages as texts
from transitions.access import get_participation_for_user
from transitions.forms import answer_form_class
from transitions.models import Transition
from transitions.services import (
    AnswersInvalid,
    answers_check,
    answers_of,
    transition_answers_save,
)
from transitions.table import rule_for
from transitions.views.guards import Page, caseworker_page, log_participation_access

FROM_TODO = "att-gora"  # ?fran=att-gora: opened from "Att göra", which is where the user goes back


def _next_work_url(request, participation) -> str:
    """Where the user goes after saving or "Avbryt": back to "Att göra" when the answers were
    opened from there, else the participant's page with the next step."""
    if request.GET.get("fran") == FROM_TODO:
        return reverse("home")
    return reverse("transitions:participation", args=[participation.public_id])


def _add_rule_errors(forms) -> None:
    """Every error of a submit at once: besides the answers a form could not read, the rules
    the service would refuse (follow-up questions, försörjning …) are shown now, not after the
    next "Spara"."""
    for form in forms:
        values, choices = form.to_service()
        error = answers_check(
            question_set=form.question_set,
            values=values,
            choices=choices,
            skip=form.fields_in_error(),
        )
        if error is not None:
            form.add_service_errors(error)


@caseworker_page("transitions:answers", Page.ANSWERS)
def answers(request, public_id, sequence):
    """ "Registrera uppgifter": the question sets of one transition in panels; saved together,
    reopened and corrected from the history page."""
    participation = get_participation_for_user(request.acting, public_id)
    transition = (
        Transition.objects.filter(participation=participation, sequence=sequence)
        .select_related("af_office", "fk_office")
        .first()
    )
    rule = rule_for(transition.from_type, transition.to_type) if transition else None
    if rule is None or not rule.question_sets:
        raise Http404
    existing = answers_of(transition)
    data = request.POST if request.method == "POST" else None
    token_form = TokenForm(data)
    forms = [
        answer_form_class(question_set)(
            data,
            prefix=question_set.value.lower(),
            initial=answer_form_class(question_set).initial_from(existing.get(question_set)),
        )
        for question_set in rule.question_sets
    ]
    every_form_valid = all([form.is_valid() for form in forms])  # noqa: C419 (validate each)
    if data is not None and not every_form_valid:
        _add_rule_errors(forms)
    if data is not None and token_form.is_valid() and every_form_valid:
        try:
            with submitted_once(token=token_form.cleaned_data["form_token"], user=request.user):
                transition_answers_save(
                    transition=transition,
                    answers={form.question_set: form.to_service() for form in forms},
                    actor=request.user,
                )
                log_participation_access(request, participation, AccessOutcome.CHANGED)
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect(_next_work_url(request, participation))
        except AnswersInvalid as error:
            for form in forms:
                if form.question_set in error.by_set:
                    form.add_service_errors(error.by_set[form.question_set])
        else:
            messages.success(
                request,
                texts.ANSWERS_SAVED.format(
                    typ=transition.to_label, datum=transition.date.isoformat()
                ),
            )
            return redirect(_next_work_url(request, participation))
    log_participation_access(request, participation)
    return render(
        request,
        "transitions/answers.html",
        {
            "participation": participation,
            "transition": transition,
            "forms": forms,
            "token_form": token_form,
            "back_url": _next_work_url(request, participation),
        },
    )
