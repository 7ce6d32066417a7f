""" "Registrera medverkan" (SPEC §5.1, §5.3): search, the first registration (T1), the
participant page with the next step, and "Radera" of the latest step.

No personnummer ever appears in a URL: searches are posted, and pages address a participation
by its opaque public id.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from audit.models import AccessOutcome
from audit.services import log_access
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, submitted_once, was_submitted
from transitions import messages as texts
from transitions.access import NoAccess, get_participation_for_user
from transitions.forms import ConfirmForm, PersonnummerForm, StartForm, TransitionForm
from transitions.search import Found, participant_search
from transitions.selectors import participation_history
from transitions.services import (
    delete_refusal,
    has_answers,
    participation_start,
    participation_start_errors,
    transition_date_errors,
    transition_delete_latest,
    transition_register,
)
from transitions.table import rule_for
from transitions.views.guards import (
    Page,
    caseworker_page,
    ensure_visible,
    log_participation_access,
    recall_search,
    remember_search,
    search,
    search_rate,
)


@caseworker_page("transitions:register", Page.REGISTER)
@search_rate
def register_search(request):
    """ "Personnummer" + "Sök"."""
    form = PersonnummerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = search(request, form)
        if result is not None:
            if result.found == Found.OPEN:
                return redirect("transitions:participation", result.participation.public_id)
            key = remember_search(request, result.entry.personnummer.value)
            return redirect("transitions:start", key)
    return render(request, "transitions/register_search.html", {"form": form})


START_FIELDS = ("af_office", "fk_office", "stadsdel", "consent_confirmed", "consent_date", "date")


def _add_start_rule_errors(request, form, *, entry) -> None:
    """Every error of a submit at once: beside the fields the form could not read, the rules
    of the first registration that the service would refuse, on the fields without an error
    of their own."""
    data = {name: form.cleaned_data.get(name) for name in START_FIELDS}
    errors = participation_start_errors(entry=entry, actor=request.user, **data)
    for name, message in errors.items():
        if name not in form.errors:
            form.add_error(name if name in form.fields else None, message)


@caseworker_page("transitions:register", Page.REGISTER)
def start(request, key):
    """The first registration (T1) of a person found by "Sök"."""
    personnummer = recall_search(request, key)
    if personnummer is None:
        messages.info(request, texts.SEARCH_AGAIN)
        return redirect("transitions:register")
    result = ensure_visible(participant_search(personnummer=personnummer, acting=request.acting))
    if result.found == Found.OPEN:
        if request.method == "POST":  # opened since the user read this page: not saved again
            messages.error(request, texts.ALREADY_OPEN)
        return redirect("transitions:participation", result.participation.public_id)
    form = StartForm(
        request.POST or None,
        entry=result.entry,
        own_office_ids=request.acting.caseworker_office_ids,
        user_agency=request.user.agency,
        previous_stadsdel=result.stadsdel,
    )
    if request.method == "POST" and not form.is_valid():
        _add_start_rule_errors(request, form, entry=result.entry)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with submitted_once(token=data["form_token"], user=request.user):
                participation = participation_start(
                    personnummer=result.entry.personnummer,
                    af_office=data["af_office"],
                    fk_office=data["fk_office"],
                    stadsdel=data.get("stadsdel"),
                    consent_confirmed=data["consent_confirmed"],
                    consent_date=data["consent_date"],
                    date=data["date"],
                    actor=request.user,
                )
                log_participation_access(request, participation, AccessOutcome.CHANGED)
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("transitions:register")
        except NoAccess:  # opened meanwhile at another office: search again, learn nothing
            return redirect("transitions:start", key)
        except ValidationError as error:
            if "personnummer" in getattr(error, "error_dict", {}):
                # About the person itself (opened by a colleague at the same moment): this form
                # has no such field; say so and show the person's current state.
                messages.error(request, " ".join(error.message_dict["personnummer"]))
                return redirect("transitions:start", key)
            form.add_error(None, error)
        else:
            messages.success(request, texts.REGISTERED)
            return redirect("transitions:answers", participation.public_id, 1)
    previous = participation_history(result.participation) if result.participation else None
    log_access(
        user=request.user,
        page=request.access_page,
        outcome=AccessOutcome.SHOWN,
        participations=[previous] if previous else [],
        person_ids=[] if previous or not result.person else [result.person.pk],
        personnummer=None if result.person else result.entry.personnummer.value,
    )
    return render(
        request,
        "transitions/start.html",
        {"form": form, "entry": result.entry, "previous": previous},
    )


def _add_date_rule_errors(form, participation) -> None:
    """Every error at once: a refused step with a readable date also shows the date rules."""
    if form.cleaned_data.get("date"):
        for name, message in transition_date_errors(
            participation, form.cleaned_data["date"]
        ).items():
            form.add_error(name, message)


@caseworker_page("transitions:register", Page.REGISTER)
def participation_detail(request, public_id):
    """The participant, the current offices and insatstyp, the history and the next step."""
    # a step is read again by the service under its lock; the page is then rarely shown
    posted = request.method == "POST"
    participation = get_participation_for_user(request.acting, public_id, related=not posted)
    if request.method == "POST" and not participation.is_open:
        messages.error(request, texts.CLOSED_NO_STEP)
        return redirect("transitions:participation", participation.public_id)
    form = None
    if participation.is_open:
        form = TransitionForm(
            request.POST or None,
            current_type=participation.current_type,
            initial={"expected_sequence": None},
        )
    if request.method == "POST" and form is not None and not form.is_valid():
        _add_date_rule_errors(form, participation)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            with submitted_once(token=data["form_token"], user=request.user):
                transition = transition_register(
                    participation=participation,
                    to_type=data["to_type"],
                    date=data["date"],
                    actor=request.user,
                    expected_sequence=data["expected_sequence"],
                )
                log_participation_access(request, participation, AccessOutcome.CHANGED)
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("transitions:participation", participation.public_id)
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":  # a refusal per field has no code
                messages.error(request, error.messages[0])
                return redirect("transitions:participation", participation.public_id)
            form.add_error(None, error)
        else:
            if rule_for(transition.from_type, transition.to_type).question_sets:
                messages.success(request, texts.STEP_SAVED_ANSWER)
                return redirect("transitions:answers", participation.public_id, transition.sequence)
            messages.success(request, texts.STEP_SAVED)
            return redirect("transitions:participation", participation.public_id)
    participation = participation_history(participation)
    transitions = list(participation.transitions.all())
    if form is not None and not form.is_bound:
        form.initial["expected_sequence"] = transitions[-1].sequence
    log_participation_access(request, participation)
    return render(
        request,
        "transitions/participation.html",
        {
            "participation": participation,
            "transitions": transitions,
            "missing": [t for t in transitions if t.has_questions and not t.answers_complete],
            "latest": transitions[-1],
            "form": form,
            "may_delete": delete_refusal(participation, latest=transitions[-1]) is None,
        },
    )


@caseworker_page("transitions:register", Page.DELETE)
def transition_delete(request, public_id):
    """ "Radera" on the latest transition, after a confirmation page (SPEC §4.4)."""
    try:
        participation = get_participation_for_user(request.acting, public_id)
    except NoAccess:
        sent = ConfirmForm(request.POST) if request.method == "POST" else None
        if (
            sent is not None
            and sent.is_valid()
            and was_submitted(token=sent.cleaned_data["form_token"], user=request.user)
        ):  # the first registration's "Radera" sent twice: the participation is gone already
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("transitions:register")
        raise
    participation = participation_history(participation)
    latest = list(participation.transitions.all())[-1]
    form = ConfirmForm(request.POST or None, initial={"expected_sequence": latest.sequence})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with submitted_once(token=data["form_token"], user=request.user):
                remaining = transition_delete_latest(
                    participation=participation,
                    actor=request.user,
                    expected_sequence=data["expected_sequence"],
                )
                log_participation_access(request, participation, AccessOutcome.CHANGED)
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("transitions:register")
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("transitions:participation", participation.public_id)
        if remaining is None:
            messages.success(request, texts.PARTICIPATION_DELETED)
            return redirect("transitions:register")
        messages.success(request, texts.STEP_DELETED)
        return redirect("transitions:participation", participation.public_id)
    log_participation_access(request, participation)
    refusal = delete_refusal(participation, latest=latest)
    return render(
        request,
        "transitions/delete.html",
        {
            "participation": participation,
            "latest": latest,
            "answered": has_answers(latest),
            "form": form if refusal is None else None,
            "refusal": refusal,
        },
    )
