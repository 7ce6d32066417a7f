""" "Registrera uppgifter" (SPEC §6): the question sets of one transition."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from audit.models import AccessOutcome
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, TokenForm, submitted_once
from transitions import messages as texts
from transitions.access import get_participation_for_user
from transitions.forms import answer_form_class
from transitions.models import Transition
from transitions.services import AnswersInvalid, answers_of, transition_answers_save
from transitions.table import rule_for
from transitions.views.guards import Page, caseworker_page, log_participation_access


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
    if data is not None and token_form.is_valid() and every_form_valid:
        try:
            with submitted_once(token=token_form.cleaned_data["form_token"], user=request.user):
                transition_answers_save(
                    transition=transition,
                    answers={form.question_set: form.to_service() for form in forms},
                    actor=request.user,
                )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("transitions:history-detail", participation.public_id)
        except AnswersInvalid as error:
            for form in forms:
                if form.question_set in error.by_set:
                    form.add_service_errors(error.by_set[form.question_set])
        else:
            log_participation_access(request, participation, AccessOutcome.CHANGED)
            messages.success(request, texts.ANSWERS_SAVED)
            return redirect("transitions:history-detail", participation.public_id)
    log_participation_access(request, participation)
    return render(
        request,
        "transitions/answers.html",
        {
            "participation": participation,
            "transition": transition,
            "forms": forms,
            "token_form": token_form,
        },
    )
