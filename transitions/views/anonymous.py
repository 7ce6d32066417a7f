""" "Registrera anonyma deltagare" (SPEC §3.3): counts only, no personal data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from participants.services import anonymous_counts_for, anonymous_delete, anonymous_register
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, submitted_once
from transitions import messages as texts
from transitions.forms import AnonymousForm, ConfirmForm
from transitions.views.guards import Page, caseworker_page

EARLIER_SHOWN = 50


@caseworker_page("transitions:anonymous", Page.ANONYMOUS)
def anonymous(request):
    form = AnonymousForm(
        request.POST or None,
        own_office_ids=request.acting.caseworker_office_ids,
        user_agency=request.user.agency,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with submitted_once(token=data["form_token"], user=request.user):
                anonymous_register(
                    af_office=data["af_office"],
                    fk_office=data["fk_office"],
                    year=data["year"],
                    women=data["women"],
                    men=data["men"],
                    actor=request.user,
                )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("transitions:anonymous")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, texts.ANONYMOUS_SAVED)
            return redirect("transitions:anonymous")
    return render(
        request,
        "transitions/anonymous.html",
        {"form": form, "earlier": anonymous_counts_for(actor=request.user)[:EARLIER_SHOWN]},
    )


@caseworker_page("transitions:anonymous", Page.ANONYMOUS)
def anonymous_delete_view(request, pk):
    """ "Radera" of an earlier anonymous registration of the user's own office, confirmed."""
    count = get_object_or_404(anonymous_counts_for(actor=request.user), pk=pk)
    form = ConfirmForm(request.POST or None, initial={"expected_sequence": 0})
    if request.method == "POST" and form.is_valid():
        try:
            with submitted_once(token=form.cleaned_data["form_token"], user=request.user):
                anonymous_delete(count=count, actor=request.user)
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, texts.ANONYMOUS_DELETED)
        return redirect("transitions:anonymous")
    return render(request, "transitions/anonymous_delete.html", {"count": count, "form": form})
