from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.models import AccessOutcome
from participants.access import NoAccess, get_participation_for_user
from participants.views import caseworker_page, log_participation_access, no_access
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, TokenForm, submitted_once
from transitions.forms import answer_form_class
from transitions.models import Transition
from transitions.services import AnswersInvalid, answers_of, transition_answers_save
from transitions.table import rule_for


@caseworker_page("transitions:answers", "registrera-uppgifter")
def answers(request, public_id, sequence):
    """ "Registrera uppgifter": the question sets of one transition in panels; saved together,
    reopened and corrected from the history page."""
    try:
        participation = get_participation_for_user(request.acting, public_id)
    except NoAccess:
        return no_access(request, page="registrera-uppgifter", participation_ref=public_id)
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
            return redirect("participants:history-detail", participation.public_id)
        except AnswersInvalid as error:
            for form in forms:
                if form.question_set in error.by_set:
                    form.add_service_errors(error.by_set[form.question_set])
        except NoAccess:
            return no_access(request, page="registrera-uppgifter", participation_ref=public_id)
        else:
            log_participation_access(
                request, "registrera-uppgifter", participation, AccessOutcome.CHANGED
            )
            messages.success(request, _("Uppgifterna är sparade."))
            return redirect("participants:history-detail", participation.public_id)
    log_participation_access(request, "registrera-uppgifter", participation, AccessOutcome.SHOWN)
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
