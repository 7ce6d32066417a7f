""" "Tilldela uppdrag" (SPEC §5.6): insatsansvariga give and end deltagaransvarig-uppdrag at
their offices; samverkansadministratörer give and end insatsansvarig-uppdrag in their agency."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from offices.forms import AssignConfirmForm, ScopeForm, SelectForm, UserSearchForm
from offices.models import Role
from offices.screens import screen_required
from offices.selectors import (
    administrable_offices,
    eligible_users,
    grantable_roles,
    uppdrag_holders,
)
from offices.services import office_uppdrag_update
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, submitted_once


def _assign_url(role: str, office) -> str:
    return f"{reverse('offices:assign')}?{urlencode({'roll': role, 'insats': office.pk})}"


def _checked_scope(request, role, office):
    """The role and office posted back must still be ones the user administers."""
    if role not in grantable_roles(request.acting) or office is None:
        raise PermissionDenied
    if not administrable_offices(request.acting, role).filter(pk=office.pk).exists():
        raise PermissionDenied


@never_cache
@screen_required("offices:assign")
def assign(request):
    """Choose the office, see who holds uppdrag there, search users to add or remove."""
    roles = grantable_roles(request.acting)
    if not roles:
        raise PermissionDenied
    scope = ScopeForm(
        request.GET or None,
        roles=roles,
        offices_for=lambda role: administrable_offices(request.acting, role),
    )
    office = scope.office()
    context = {"scope": scope, "office": office, "role_label": Role(scope.role).label}
    if office is not None:
        search = UserSearchForm(request.GET)
        holders = list(uppdrag_holders(office=office, role=scope.role))
        users = {u.user.pk: u.user for u in holders}
        if search.has_terms():
            found = eligible_users(
                office=office,
                role=scope.role,
                first_name=search.cleaned_data["fornamn"],
                last_name=search.cleaned_data["efternamn"],
                employer=search.cleaned_data["arbetsgivare"],
            )[:200]
            users.update({user.pk: user for user in found})
        select = SelectForm(
            auto_id="select_%s",  # the scope form above has fields of the same names
            roles=roles,
            initial={
                "roll": scope.role,
                "insats": office,
                "shown": list(users),
                "vald": [u.user.pk for u in holders],
            },
        )
        select.fields["vald"].queryset = select.fields["vald"].queryset.filter(pk__in=users)
        context.update(
            search=search,
            holders=holders,
            select=select,
            searched=search.has_terms(),
        )
    return render(request, "offices/assign.html", context)


@never_cache
@screen_required("offices:assign")
def assign_select(request):
    """ "Välj användare": show what will change; "OK" carries it out."""
    if request.method != "POST":
        return redirect("offices:assign")
    roles = grantable_roles(request.acting)
    form = SelectForm(request.POST, roles=roles)
    if not form.is_valid():
        messages.error(request, _("Valet kunde inte läsas. Gör om sökningen."))
        return redirect("offices:assign")
    role, office = form.cleaned_data["roll"], form.cleaned_data["insats"]
    _checked_scope(request, role, office)
    holders = {u.user_id for u in uppdrag_holders(office=office, role=role)}
    chosen = set(form.cleaned_data["vald"])
    shown = set(form.cleaned_data["shown"])
    add = sorted((u for u in chosen if u.pk not in holders), key=str)
    remove = sorted((u for u in shown - chosen if u.pk in holders), key=str)
    if not add and not remove:
        messages.info(request, _("Inga ändringar är valda."))
        return redirect(_assign_url(role, office))
    confirm = AssignConfirmForm(
        initial={"roll": role, "insats": office, "add": add, "remove": remove}
    )
    return render(
        request,
        "offices/assign_confirm.html",
        {
            "confirm": confirm,
            "office": office,
            "role_label": Role(role).label,
            "add": add,
            "remove": remove,
        },
    )


@never_cache
@screen_required("offices:assign")
def assign_confirm(request):
    if request.method != "POST":
        return redirect("offices:assign")
    form = AssignConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Valet kunde inte läsas. Gör om sökningen."))
        return redirect("offices:assign")
    data = form.cleaned_data
    role, office = data["roll"], data["insats"]
    _checked_scope(request, role, office)
    try:
        with submitted_once(token=data["form_token"], user=request.user):
            result = office_uppdrag_update(
                office=office, role=role, add=data["add"], remove=data["remove"], actor=request.user
            )
    except AlreadySubmitted:
        messages.info(request, ALREADY_SUBMITTED)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        added, ended = len(result["added"]), len(result["ended"])
        messages.success(
            request,
            _("Uppdragen är sparade: %(added)s, %(ended)s.")
            % {
                "added": ngettext("%d tillagt", "%d tillagda", added) % added,
                "ended": ngettext("%d avslutat", "%d avslutade", ended) % ended,
            },
        )
    return redirect(_assign_url(role, office))
