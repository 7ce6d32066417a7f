""" "Registrera anonyma deltagare" (SPEC §3.3): counts only, no personal data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from participants.services import anonymous_register
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, submitted_once
from transitions import messages as texts
from transitions.forms import AnonymousForm
from transitions.views.guards import Page, caseworker_page


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
    return render(request, "transitions/anonymous.html", {"form": form})
