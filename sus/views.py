from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from audit.models import AccessOutcome
from audit.services import log_access
from offices.models import Role
from transitions.selectors import transitions_missing_answers, waiting_too_long
from transitions.views.guards import Page

TODO_LIMIT = 50


@never_cache
def home(request):
    """The start page. A user without any role is told so (SPEC §2.2); a deltagaransvarig
    sees "Att göra": steps whose answers are missing and participants waiting too long."""
    acting = request.acting
    if not acting.has_any_role:
        return render(request, "no_access.html", status=403)
    context = {}
    if acting.has_role(Role.DELTAGARANSVARIG) and acting.caseworker_office_ids:
        days = settings.SUS_WAITING_ALERT_DAYS
        missing = transitions_missing_answers(acting, limit=TODO_LIMIT)
        waiting = waiting_too_long(acting, today=timezone.localdate(), days=days, limit=TODO_LIMIT)
        shown = {t.participation for t in missing} | set(waiting)
        if shown:
            log_access(
                user=request.user,
                page=Page.TODO,
                outcome=AccessOutcome.SHOWN,
                participations=sorted(shown, key=lambda p: p.pk),
            )
        context = {"todo": True, "missing": missing, "waiting": waiting, "days": days}
    return render(request, "home.html", context)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)
