""" "Historik enskild deltagare" (SPEC §5.4)."""

from django.shortcuts import redirect, render

from transitions import messages as texts
from transitions.access import get_participation_for_user
from transitions.forms import PersonnummerForm
from transitions.selectors import other_participations, participation_history
from transitions.views.guards import (
    Page,
    caseworker_page,
    log_participation_access,
    search,
    search_rate,
)


@caseworker_page("transitions:history", Page.HISTORY)
@search_rate
def history_search(request):
    form = PersonnummerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = search(request, form)
        if result is not None:
            if result.participation is not None:
                return redirect("transitions:history-detail", result.participation.public_id)
            form.add_error("personnummer", texts.NO_VISIBLE_PARTICIPATION)
    return render(request, "transitions/history_search.html", {"form": form})


@caseworker_page("transitions:history", Page.HISTORY)
def history_detail(request, public_id):
    """One row per insatstyp period with "Välj"/"Skapa" for its answers, and the offices."""
    participation = participation_history(
        get_participation_for_user(request.acting, public_id), office_history=True
    )
    log_participation_access(request, participation)
    return render(
        request,
        "transitions/history.html",
        {
            "participation": participation,
            "transitions": list(participation.transitions.all()),
            "others": list(other_participations(request.acting, participation)),
        },
    )
