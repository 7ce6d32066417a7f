""" "Visa deltagare" (SPEC §5.2): the user's participants, filtered and paged."""

from django.core.paginator import Paginator
from django.shortcuts import render

from audit.models import AccessOutcome
from audit.services import log_access
from offices.models import Office
from transitions.forms import ParticipantFilterForm
from transitions.selectors import participant_list
from transitions.views.guards import Page, caseworker_page

PAGE_SIZE = 25


@caseworker_page("transitions:list", Page.LIST)
def participant_list_view(request):
    acting = request.acting
    offices = Office.objects.filter(pk__in=acting.caseworker_office_ids).order_by("name", "series")
    form = ParticipantFilterForm(request.GET or None, offices=offices)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(participant_list(acting, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    log_access(
        user=request.user,
        page=request.access_page,
        outcome=AccessOutcome.SHOWN,
        participations=list(page.object_list),
    )
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "transitions/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "agency": request.user.agency},
    )
