"""What every caseworker screen shares: the guard that refuses (with the SPEC §5.1 page and an
access-log row), the access-log page names, the access-log helper and the search ("Sök") that
three screens start with. A view body is then only the happy path: access getter → bind form →
service → message → redirect."""

import uuid
from enum import StrEnum
from functools import wraps

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from audit.models import AccessOutcome
from audit.services import log_access
from offices.choices import Agency
from offices.screens import screen_required
from sus.ratelimits import rate_limit
from sus.sealed import seal, unseal
from transitions.access import NO_UPPDRAG_MESSAGE, NoAccess
from transitions.messages import CONTACT_AF_OTHER_OFFICE, CONTACT_INSATSANSVARIG, CONTACT_SAMORDNARE
from transitions.models import Participation
from transitions.search import Found, participant_search

SEARCH_SESSION_KEY = "sus_searches"
SEARCHES_KEPT = 5
SEARCH_PURPOSE = "search"
SEARCH_MAX_AGE = 30 * 60  # as long as a session may stay idle


class Page(StrEnum):
    """The page names of the access log: which screen showed or changed a participant."""

    REGISTER = "registrera-medverkan"
    DELETE = "radera"
    HISTORY = "historik"
    LIST = "visa-deltagare"
    ANONYMOUS = "anonyma-deltagare"
    MOVE = "byt-kontor"
    ANSWERS = "registrera-uppgifter"
    TODO = "att-gora"


class ProtectedIdentity(Exception):
    """The person searched for has protected identity: nothing is shown (SPEC §3.3)."""


def no_access(request, *, page: Page, person_ids=(), participation_ref=None, uppdrag=True):
    """The message of SPEC §5.1, and nothing about the person, with whom to contact (the
    sources' advice: without any uppdrag, an insatsansvarig for the office or, at Af, the
    samverkanssamordnare; a participant of another arbetsförmedling is corrected by FK).
    Logged as denied, under the person too when a participation was asked for, so the attempt
    is found by personnummer."""
    asked_for = (
        list(Participation.objects.filter(public_id=participation_ref).only("person_id"))
        if participation_ref
        else []
    )
    log_access(
        user=request.user,
        page=page,
        outcome=AccessOutcome.DENIED,
        participations=asked_for,
        person_ids=person_ids,
        participation_refs=[participation_ref] if participation_ref and not asked_for else (),
    )
    return render(
        request,
        "transitions/no_access.html",
        {"message": NO_UPPDRAG_MESSAGE, "contact": contact_advice(request.user, uppdrag=uppdrag)},
        status=403,
    )


def contact_advice(user, *, uppdrag: bool) -> str:
    """Whom the refused user should contact (susam.se, "Deltagaransvarig" and "Om du har
    registrerat fel")."""
    if getattr(user, "agency", None) != Agency.AF:
        return CONTACT_INSATSANSVARIG
    return CONTACT_AF_OTHER_OFFICE if uppdrag else CONTACT_SAMORDNARE


def log_participation_access(request, participation, outcome=AccessOutcome.SHOWN) -> None:
    """One access-log row: this user was shown (or changed) this participant on this page."""
    log_access(
        user=request.user,
        page=request.access_page,
        outcome=outcome,
        participations=[participation],
    )


def caseworker_page(url_name: str, page: Page):
    """Guard for participant pages: without a deltagaransvarig-uppdrag (whatever other roles
    the user holds) the user sees the SPEC §5.1 message at once; then the screen table. A
    NoAccess raised by the view (the access getter, a search, a service) becomes the refusal
    page, logged under the participation or person asked about."""

    def decorator(view):
        guarded = screen_required(url_name)(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.access_page = page
            public_id = kwargs.get("public_id")
            if not request.acting.caseworker_office_ids:
                return no_access(request, page=page, participation_ref=public_id, uppdrag=False)
            try:
                return guarded(request, *args, **kwargs)
            except ProtectedIdentity:
                return render(request, "transitions/protected.html")
            except NoAccess as refusal:
                return no_access(
                    request,
                    page=page,
                    person_ids=refusal.person_ids,
                    participation_ref=None if refusal.person_ids else public_id,
                )

        wrapped.sus_screen = url_name
        return never_cache(wrapped)

    return decorator


def remember_search(request, personnummer: str) -> str:
    """Keep a searched personnummer for the next page under a random key, sealed (encrypted
    with a key that is not in the database) so that the session row does not hold it
    readable; it cannot be read after SEARCH_MAX_AGE seconds."""
    searches = dict(request.session.get(SEARCH_SESSION_KEY, {}))
    key = uuid.uuid4().hex
    searches[key] = seal(personnummer, purpose=SEARCH_PURPOSE)
    request.session[SEARCH_SESSION_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return key


def recall_search(request, key: str) -> str | None:
    sealed = request.session.get(SEARCH_SESSION_KEY, {}).get(key)
    if sealed is None:
        return None
    return unseal(sealed, purpose=SEARCH_PURPOSE, max_age=SEARCH_MAX_AGE)


# "Sök" on a personnummer: at most SUS_SEARCH_RATE a user (posted searches only).
search_rate = rate_limit(
    group="search", rate_setting="SUS_SEARCH_RATE", counts=lambda request: request.method == "POST"
)


def search(request, form):
    """Run "Sök" from a valid PersonnummerForm. Returns the result, or None after putting the
    register's refusal on the form; raises ProtectedIdentity or NoAccess (another office's
    participant) for the guard to answer."""
    try:
        result = participant_search(
            personnummer=form.cleaned_data["personnummer"], acting=request.acting
        )
    except ValidationError as error:
        form.add_error("personnummer", error.message_dict.get("personnummer", error.messages))
        return None
    return ensure_visible(result)


def ensure_visible(result):
    """A search result the user may be told about, else the refusal for the guard."""
    if result.found == Found.PROTECTED:
        raise ProtectedIdentity
    if result.found == Found.NO_ACCESS:
        raise NoAccess(person_ids=[result.person.pk])
    return result
