"""The caseworkers' participant screens (SPEC §5.1, §5.3, §5.4, §3.3).

Thin views: look up through the access rule, bind the form, call the service, message,
redirect (Post/Redirect/Get). No personnummer ever appears in a URL: searches are posted, and
pages address a participation by its opaque public id.
"""

import uuid
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from audit.models import AccessOutcome
from audit.services import log_access
from offices.models import Office
from offices.selectors import Acting
from participants.access import (
    NO_UPPDRAG_MESSAGE,
    NoAccess,
    get_participation_for_user,
    may_act_on,
)
from participants.forms import (
    AnonymousForm,
    ConfirmForm,
    MoveConfirmForm,
    MoveFilterForm,
    MoveForm,
    ParticipantFilterForm,
    PersonnummerForm,
    StartForm,
    TransitionForm,
)
from participants.models import Participation
from participants.search import Found, participant_search
from participants.selectors import other_participations, participant_list, participation_history
from participants.services import (
    anonymous_register,
    participation_move,
    participation_move_check,
    participation_start,
)
from sus.once import ALREADY_SUBMITTED, AlreadySubmitted, submitted_once, was_submitted
from sus.screens import screen_required
from transitions.messages import ALREADY_OPEN
from transitions.services import transition_delete_latest, transition_register
from transitions.table import rule_for

SEARCH_SESSION_KEY = "sus_searches"
SEARCHES_KEPT = 5


# --- shared pieces ---------------------------------------------------------------------------


def no_access(request, *, page: str, person_ids=(), participation_ref=None):
    """The message of SPEC §5.1, and nothing about the person. Logged as denied, under the
    person too when a participation was asked for, so the attempt is found by personnummer."""
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
        request, "participants/no_access.html", {"message": NO_UPPDRAG_MESSAGE}, status=403
    )


def log_participation_access(
    request, page: str, participation, outcome=AccessOutcome.SHOWN
) -> None:
    """One access-log row: this user was shown (or changed) this participant on this page."""
    log_access(user=request.user, page=page, outcome=outcome, participations=[participation])


def caseworker_page(url_name: str, page: str):
    """Guard for participant pages: without a deltagaransvarig-uppdrag (whatever other roles
    the user holds) the user sees the SPEC §5.1 message at once; then the screen table."""

    def decorator(view):
        guarded = screen_required(url_name)(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.acting.caseworker_office_ids:
                return no_access(request, page=page, participation_ref=kwargs.get("public_id"))
            return guarded(request, *args, **kwargs)

        wrapped.sus_screen = url_name
        return never_cache(wrapped)

    return decorator


def _remember_search(request, personnummer: str) -> str:
    """Keep a searched personnummer server-side under a random key for the next page."""
    searches = dict(request.session.get(SEARCH_SESSION_KEY, {}))
    key = uuid.uuid4().hex
    searches[key] = personnummer
    request.session[SEARCH_SESSION_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return key


def _recall_search(request, key: str) -> str | None:
    return request.session.get(SEARCH_SESSION_KEY, {}).get(key)


def _search(request, form, *, page: str):
    """Run "Sök"; returns (result, response) where response is set when the search ended in
    a refusal page or a form error."""
    try:
        result = participant_search(
            personnummer=form.cleaned_data["personnummer"], acting=request.acting
        )
    except ValidationError as error:
        form.add_error("personnummer", error.message_dict.get("personnummer", error.messages))
        return None, None
    if result.found == Found.PROTECTED:
        return result, render(request, "participants/protected.html", status=200)
    if result.found == Found.NO_ACCESS:
        return result, no_access(request, page=page, person_ids=[result.person.pk])
    return result, None


# --- Registrera medverkan ---------------------------------------------------------------------


@caseworker_page("participants:register", "registrera-medverkan")
def register_search(request):
    """ "Personnummer" + "Sök"."""
    form = PersonnummerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result, response = _search(request, form, page="registrera-medverkan")
        if response is not None:
            return response
        if result is not None:
            if result.found == Found.OPEN:
                return redirect("participants:participation", result.participation.public_id)
            key = _remember_search(request, result.entry.personnummer.value)
            return redirect("participants:start", key)
    return render(request, "participants/register_search.html", {"form": form})


@caseworker_page("participants:register", "registrera-medverkan")
def start(request, key):
    """The first registration (T1) of a person found by "Sök"."""
    personnummer = _recall_search(request, key)
    if personnummer is None:
        messages.info(request, _("Sök på personnumret igen."))
        return redirect("participants:register")
    result = participant_search(personnummer=personnummer, acting=request.acting)
    if result.found == Found.OPEN:
        if request.method == "POST":  # opened since the user read this page: not saved again
            messages.error(request, ALREADY_OPEN)
        return redirect("participants:participation", result.participation.public_id)
    if result.found == Found.PROTECTED:
        return render(request, "participants/protected.html")
    if result.found == Found.NO_ACCESS:
        return no_access(request, page="registrera-medverkan", person_ids=[result.person.pk])
    acting = request.acting
    form = StartForm(
        request.POST or None,
        entry=result.entry,
        own_office_ids=acting.caseworker_office_ids,
        user_agency=request.user.agency,
    )
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
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("participants:register")
        except NoAccess:  # opened meanwhile at another office: search again, learn nothing
            return redirect("participants:start", key)
        except ValidationError as error:
            if "personnummer" in getattr(error, "error_dict", {}):
                # About the person itself (opened by a colleague at the same moment): this form
                # has no such field; say so and show the person's current state.
                messages.error(request, " ".join(error.message_dict["personnummer"]))
                return redirect("participants:start", key)
            form.add_error(None, error)
        else:
            log_participation_access(
                request, "registrera-medverkan", participation, AccessOutcome.CHANGED
            )
            messages.success(request, _("Deltagaren är registrerad. Besvara frågorna."))
            return redirect("transitions:answers", participation.public_id, 1)
    previous = participation_history(result.participation) if result.participation else None
    log_access(
        user=request.user,
        page="registrera-medverkan",
        outcome=AccessOutcome.SHOWN,
        participations=[previous] if previous else [],
        person_ids=[] if previous or not result.person else [result.person.pk],
        personnummer=None if result.person else result.entry.personnummer.value,
    )
    return render(
        request,
        "participants/start.html",
        {"form": form, "entry": result.entry, "previous": previous},
    )


@caseworker_page("participants:register", "registrera-medverkan")
def participation_detail(request, public_id):
    """The participant, the current offices and insatstyp, the history and the next step."""
    try:
        participation = get_participation_for_user(request.acting, public_id)
    except NoAccess:
        return no_access(request, page="registrera-medverkan", participation_ref=public_id)
    form = None
    if request.method == "POST" and not participation.is_open:
        messages.error(request, _("Medverkan är avslutad. Ingen övergång kan registreras i den."))
        return redirect("participants:participation", participation.public_id)
    if participation.is_open:
        form = TransitionForm(
            request.POST or None,
            current_type=participation.current_type,
            initial={"expected_sequence": None},
        )
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
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("participants:participation", participation.public_id)
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":  # a refusal per field has no code
                messages.error(request, error.messages[0])
                return redirect("participants:participation", participation.public_id)
            form.add_error(None, error)
        except NoAccess:
            return no_access(request, page="registrera-medverkan", participation_ref=public_id)
        else:
            log_participation_access(
                request, "registrera-medverkan", participation, AccessOutcome.CHANGED
            )
            if rule_for(transition.from_type, transition.to_type).question_sets:
                messages.success(request, _("Övergången är sparad. Besvara frågorna."))
                return redirect("transitions:answers", participation.public_id, transition.sequence)
            messages.success(request, _("Övergången är sparad."))
            return redirect("participants:participation", participation.public_id)
    participation = participation_history(participation)
    transitions = list(participation.transitions.all())
    if form is not None and not form.is_bound:
        form.initial["expected_sequence"] = transitions[-1].sequence
    log_participation_access(request, "registrera-medverkan", participation, AccessOutcome.SHOWN)
    return render(
        request,
        "participants/participation.html",
        {"participation": participation, "transitions": transitions, "form": form},
    )


@caseworker_page("participants:register", "radera")
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
            return redirect("participants:register")
        return no_access(request, page="radera", participation_ref=public_id)
    participation = participation_history(participation)
    transitions = list(participation.transitions.all())
    latest = transitions[-1]
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
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect("participants:register")
        except NoAccess:  # the participant left the user's offices meanwhile
            return no_access(request, page="radera", participation_ref=public_id)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("participants:participation", participation.public_id)
        log_participation_access(request, "radera", participation, AccessOutcome.CHANGED)
        if remaining is None:
            messages.success(
                request, _("Registreringen är raderad. Deltagarens medverkan är borttagen.")
            )
            return redirect("participants:register")
        messages.success(request, _("Övergången är raderad."))
        return redirect("participants:participation", participation.public_id)
    log_participation_access(request, "radera", participation, AccessOutcome.SHOWN)
    return render(
        request,
        "participants/delete.html",
        {"participation": participation, "latest": latest, "form": form},
    )


# --- Historik enskild deltagare ---------------------------------------------------------------


@caseworker_page("participants:history", "historik")
def history_search(request):
    form = PersonnummerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result, response = _search(request, form, page="historik")
        if response is not None:
            return response
        if result is not None:
            if result.participation is not None:
                return redirect("participants:history-detail", result.participation.public_id)
            form.add_error(
                "personnummer",
                _("Det finns ingen medverkan för deltagaren som du har behörighet att se."),
            )
    return render(request, "participants/history_search.html", {"form": form})


@caseworker_page("participants:history", "historik")
def history_detail(request, public_id):
    """One row per insatstyp period with "Välj"/"Skapa" for its answers, and the offices."""
    try:
        participation = get_participation_for_user(request.acting, public_id)
    except NoAccess:
        return no_access(request, page="historik", participation_ref=public_id)
    participation = participation_history(participation)
    log_participation_access(request, "historik", participation, AccessOutcome.SHOWN)
    return render(
        request,
        "participants/history.html",
        {
            "participation": participation,
            "transitions": list(participation.transitions.all()),
            "others": list(other_participations(request.acting, participation)),
        },
    )


# --- Visa deltagare ---------------------------------------------------------------------------

PAGE_SIZE = 25


@caseworker_page("participants:list", "visa-deltagare")
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
        page="visa-deltagare",
        outcome=AccessOutcome.SHOWN,
        participations=list(page.object_list),
    )
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "participants/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "agency": request.user.agency},
    )


# --- Registrera anonyma deltagare -------------------------------------------------------------


@caseworker_page("participants:anonymous", "anonyma-deltagare")
def anonymous(request):
    acting = request.acting
    form = AnonymousForm(
        request.POST or None,
        own_office_ids=acting.caseworker_office_ids,
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
            return redirect("participants:anonymous")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De anonyma deltagarna är registrerade."))
            return redirect("participants:anonymous")
    return render(request, "participants/anonymous.html", {"form": form})


# --- Byt kontor -------------------------------------------------------------------------------


@caseworker_page("participants:move", "byt-kontor")
def move_search(request):
    """ "Personnummer" → the participant's move page."""
    form = PersonnummerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result, response = _search(request, form, page="byt-kontor")
        if response is not None:
            return response
        if result is not None:
            if result.found == Found.OPEN:
                return redirect("participants:move-offices", result.participation.public_id)
            form.add_error("personnummer", _("Deltagaren har ingen pågående medverkan att flytta."))
    return render(request, "participants/move_search.html", {"form": form})


def _move_context(request, participation, **extra):
    participation = participation_history(participation)
    log_participation_access(request, "byt-kontor", participation, AccessOutcome.SHOWN)
    return {"participation": participation, **extra}


@caseworker_page("participants:move", "byt-kontor")
def move_offices(request, public_id):
    """ "Byt kontor till": the new offices (lists narrowed by the area filters) and "Datum för
    flytt". "Byt kontor" leads to the warning step; nothing is changed yet."""
    try:
        participation = get_participation_for_user(request.acting, public_id)
    except NoAccess:
        return no_access(request, page="byt-kontor", participation_ref=public_id)
    if not participation.is_open:
        messages.error(request, _("Avslutade ärenden kan inte byta kontor."))
        return redirect("participants:history-detail", participation.public_id)
    filter_form = MoveFilterForm(request.GET or None)
    form = MoveForm(request.POST or None, querysets=filter_form.office_querysets())
    if request.method == "POST" and form.is_valid():
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
            latest = participation.transitions.order_by("-sequence").first()
            confirm = MoveConfirmForm(initial={**data, "expected_sequence": latest.sequence})
            return render(
                request,
                "participants/move_confirm.html",
                _move_context(request, participation, confirm=confirm, choice=data),
            )
    return render(
        request,
        "participants/move.html",
        _move_context(request, participation, form=form, filter_form=filter_form),
    )


@caseworker_page("participants:move", "byt-kontor")
def move_confirm(request, public_id):
    """ "OK" on the warning: the move is made; the user keeps access only with an uppdrag at
    the new office."""
    try:
        participation = get_participation_for_user(request.acting, public_id)
    except NoAccess:
        return no_access(request, page="byt-kontor", participation_ref=public_id)
    if request.method != "POST":
        return redirect("participants:move-offices", participation.public_id)
    form = MoveConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Uppgifterna för flytten saknas. Gör om valen."))
        return redirect("participants:move-offices", participation.public_id)
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
    except AlreadySubmitted:
        messages.info(request, ALREADY_SUBMITTED)
        return redirect("participants:move")
    except NoAccess:  # the participant left the user's offices meanwhile
        return no_access(request, page="byt-kontor", participation_ref=public_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("participants:move-offices", participation.public_id)
    log_participation_access(request, "byt-kontor", participation, AccessOutcome.CHANGED)
    messages.success(
        request,
        _("Deltagaren flyttas till %(af)s och %(fk)s från och med %(date)s.")
        % {"af": period.af_office, "fk": period.fk_office, "date": period.valid_from.isoformat()},
    )
    participation.refresh_from_db()
    if may_act_on(Acting(user=request.user), participation):
        return redirect("participants:history-detail", participation.public_id)
    messages.info(request, _("Du har inte längre behörighet till deltagaren."))
    return redirect("participants:move")
