import json
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from audit.models import AccessOutcome
from audit.services import log_access
from offices.models import Role
from sus.db import unavailability
from sus.middleware import before_second_factor
from sus.ratelimits import rate_limit
from sus.security import security_event
from transitions.selectors import transitions_missing_answers, waiting_too_long
from transitions.views.guards import Page

TODO_LIMIT = 50


@never_cache
def home(request):
    """The start page. A user without any role is told so (SPEC §2.2); a deltagaransvarig
    sees "Att göra": steps whose answers are missing and participants waiting too long."""
    acting = request.acting
    if not acting.has_any_role:
        security_event("access.denied", request=request, reason="no-role")
        return render(request, "no_access.html", status=403)
    context = {}
    if acting.has_role(Role.DELTAGARANSVARIG) and acting.caseworker_office_ids:
        days = settings.SUS_WAITING_ALERT_DAYS
        missing = transitions_missing_answers(acting, limit=TODO_LIMIT)
        waiting = waiting_too_long(acting, today=timezone.localdate(), days=days, limit=TODO_LIMIT)
        shown = {row.participation.pk: row.participation for row in [*missing, *waiting]}
        if shown:
            log_access(
                user=request.user,
                page=Page.TODO,
                outcome=AccessOutcome.SHOWN,
                participations=[shown[pk] for pk in sorted(shown)],
            )
        context = {"todo": True, "missing": missing, "waiting": waiting, "days": days}
    return render(request, "home.html", context)


def permission_denied(request, exception=None):
    security_event("access.denied", request=request, reason="permission")
    return render(request, "403.html", status=403)


UNAVAILABLE = {
    "busy": (
        409,
        _(
            "Deltagaren uppdateras just nu av någon annan. Försök igen om en stund. Ingenting har "
            "sparats."
        ),
    ),
    "slow": (503, _("Det tog för lång tid att hämta uppgifterna. Försök igen om en stund.")),
    "down": (
        503,
        _("SUS kan inte nå sin databas just nu. Försök igen om en stund. Ingenting har sparats."),
    ),
}


def server_error(request):
    """An error no view handled. A database that is busy, slow or down gets its own clear page
    and status (409 or 503) instead of a 500; rendered without the request's context, which
    would read the database again."""
    kind = unavailability(sys.exc_info()[1])
    if kind is None:
        return HttpResponseServerError(loader.render_to_string("500.html"))
    status, message = UNAVAILABLE[kind]
    body = loader.render_to_string("unavailable.html", {"message": message})
    response = HttpResponse(body, status=status)
    response["Retry-After"] = "5"
    return response


def csrf_failure(request, reason=""):
    security_event("csrf.failure", request=request, reason=reason)
    return render(request, "403.html", status=403)


CSP_REPORT_MAX_BYTES = 8 * 1024


@csrf_exempt
@login_not_required
@before_second_factor
@require_POST
@rate_limit(group="csp-report", rate_setting="SUS_CSP_REPORT_RATE")
def csp_report(request):
    """Browsers post Content-Security-Policy violations here (report-uri). Logged as a security
    event with the directive and the blocked origin only (no query strings)."""
    try:
        report = json.loads(request.body[:CSP_REPORT_MAX_BYTES]).get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    try:
        blocked = urlsplit(str(report.get("blocked-uri", "")))
        document = urlsplit(str(report.get("document-uri", "")))
    except ValueError:  # not a URL (e.g. "http://[")
        return HttpResponse(status=400)
    security_event(
        "csp.violation",
        request=request,
        directive=str(report.get("effective-directive") or report.get("violated-directive"))[:80],
        blocked=(f"{blocked.scheme}://{blocked.netloc}" if blocked.netloc else blocked.scheme)[
            :120
        ],
        document_path=document.path[:200],
    )
    return HttpResponse(status=204)


@login_not_required
def accessibility(request):
    """The Tillgänglighetsredogörelse (lag 2018:1937, in the form DIGG prescribes), linked from
    every page's footer and open without login, as the law asks."""
    return render(request, "accessibility.html")
