""" "Byt kontor" (SPEC §5.5): search, the new offices and "Datum för flytt", a warning step,
then "OK"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from audit.models import AccessOutcome
from offices.selectors import Acting
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, submitted_once
from transitions import messages as texts
from transitions.access import get_participation_for_user, may_act_on
from transitions.forms import MoveConfirmForm, MoveFilterForm, MoveForm, PersonnummerForm
from transitions.search import Found
from transitions.selectors import participation_history
from transitions.services import participation_move, participation_move_check
from transitions.views.guards import (
    Page,
    caseworker_page,
    log_participation_access,
    search,
    search_rate,
)


@caseworker_page("transitions:move", Page.MOVE)
@search_rate
def move_search(request):
    """ "Personnummer" → the participant's move page."""
    form = PersonnummerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = search(request, form)
        if result is not None:
            if result.found == Found.OPEN:
                return redirect("transitions:move-offices", result.participation.public_id)
            form.add_error("personnummer", texts.NOTHING_TO_MOVE)
    return render(request, "transitions/move_search.html", {"form": form})


def _move_context(request, participation, **extra):
    participation = participation_history(participation)
    log_participation_access(request, participation)
    return {"participation": participation, **extra}


# The buttons of the move page besides "Byt kontor": "Filtrera" narrows the lists, and "Avbryt"
# on the warning step comes back; both keep what was chosen and check nothing yet.
FILTER_BUTTON = "filtrera"
BACK_BUTTON = "tillbaka"
CHOICES = ("af_office", "fk_office", "date")


def _move_page(request, participation, *, form=None, filter_form=None, data=None):
    """ "Byt kontor till": the filters and the new offices in one form. Without a bound form,
    the choices come from `data` (kept through "Filtrera" and "Avbryt") or are the current
    offices, so only the one that changes is picked."""
    filter_form = filter_form or MoveFilterForm(None)
    querysets = filter_form.office_querysets()
    if form is None:
        initial = (
            {name: data.get(name) for name in CHOICES if data.get(name)}
            if data is not None
            else {"af_office": participation.af_office_id, "fk_office": participation.fk_office_id}
        )
        form = MoveForm(initial=initial, querysets=querysets)
    return render(
        request,
        "transitions/move.html",
        _move_context(
            request,
            participation,
            form=form,
            filter_form=filter_form,
            filter_button=FILTER_BUTTON,
            empty_reasons=filter_form.empty_reasons(querysets),
        ),
    )


@caseworker_page("transitions:move", Page.MOVE)
def move_offices(request, public_id):
    """ "Byt kontor till": the new offices (lists narrowed by the area filters) and "Datum för
    flytt". "Byt kontor" leads to the warning step; nothing is changed yet."""
    participation = get_participation_for_user(request.acting, public_id)
    if not participation.is_open:
        messages.error(request, texts.MOVE_CLOSED)
        return redirect("transitions:history-detail", participation.public_id)
    if request.method != "POST":
        return _move_page(request, participation, filter_form=MoveFilterForm(request.GET or None))
    if BACK_BUTTON in request.POST:
        return _move_page(request, participation, data=request.POST)
    filter_form = MoveFilterForm(request.POST)
    if FILTER_BUTTON in request.POST:
        return _move_page(request, participation, filter_form=filter_form, data=request.POST)
    form = MoveForm(request.POST, querysets=filter_form.office_querysets())
    if form.is_valid():
        data = form.cleaned_data
        try:
            participation_move_check(
                participation=participation,
                af_office=data["af_office"],
                fk_office=data["fk_office"],
                date=data["date"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            latest = participation.latest_transition()
            confirm = MoveConfirmForm(initial={**data, "expected_sequence": latest.sequence})
            ahead = (
                texts.MOVE_AHEAD_WARNING.format(datum=data["date"].isoformat())
                if data["date"] > timezone.localdate()
                else None
            )
            return render(
                request,
                "transitions/move_confirm.html",
                _move_context(
                    request,
                    participation,
                    confirm=confirm,
                    choice=data,
                    ahead_warning=ahead,
                    back_button=BACK_BUTTON,
                ),
            )
    return _move_page(request, participation, form=form, filter_form=filter_form)


@caseworker_page("transitions:move", Page.MOVE)
def move_confirm(request, public_id):
    """ "OK" on the warning: the move is made; the user keeps access only with an uppdrag at
    the new office."""
    participation = get_participation_for_user(request.acting, public_id)
    if request.method != "POST":
        return redirect("transitions:move-offices", participation.public_id)
    form = MoveConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, texts.MOVE_CHOICES_MISSING)
        return redirect("transitions:move-offices", participation.public_id)
    data = form.cleaned_data
    try:
        with submitted_once(token=data["form_token"], user=request.user):
            period = participation_move(
                participation=participation,
                af_office=data["af_office"],
                fk_office=data["fk_office"],
                date=data["date"],
                actor=request.user,
                expected_sequence=data["expected_sequence"],
            )
            log_participation_access(request, participation, AccessOutcome.CHANGED)
    except AlreadySubmitted:
        messages.info(request, ALREADY_SUBMITTED)
        return redirect("transitions:move")
    except ValidationError as error:
        # Refused under the lock (changed meanwhile): the choices come back on the form.
        form = MoveForm(
            {
                "af_office": data["af_office"].pk,
                "fk_office": data["fk_office"].pk,
                "date": data["date"].isoformat(),
            },
            querysets=MoveFilterForm().office_querysets(),
        )
        form.is_valid()
        form.add_error(None, error)
        return _move_page(request, participation, form=form)
    messages.success(
        request,
        texts.MOVED
        % {"af": period.af_office, "fk": period.fk_office, "date": period.valid_from.isoformat()},
    )
    participation.refresh_from_db()
    if may_act_on(Acting(user=request.user), participation):
        return redirect("transitions:participation", participation.public_id)
    messages.info(request, texts.NO_LONGER_ACCESS)
    return redirect("transitions:move")
