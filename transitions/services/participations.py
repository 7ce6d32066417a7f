"""Starting participations, moving them between offices and gallring: the only way the
application changes these. Same order as every service here: transaction → lock → check access
→ validate → write → audit."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import audit_record, audit_redact, snapshot
from offices.models import Office
from offices.pairs import actor_office_pair_errors, office_pair_errors
from participants import messages as people_messages
from participants.models import Person, Stadsdel
from participants.personnummer import Personnummer, parse
from participants.register import RegisterEntry, population_register
from participants.services import lookup_in_register, person_lock_or_create, person_protect
from sus.db import violated_constraint
from sus.once import service_transaction
from transitions import messages
from transitions.access import ensure_may_act_on, may_act_on
from transitions.models import (
    Avbrottsorsak,
    AvbrutetAnswers,
    BegaranAnswers,
    Consent,
    OfficePeriod,
    Participation,
)
from transitions.models.participation import ONE_OPEN
from transitions.rules import consent_date_errors, iso, validate_transition_date
from transitions.services.answers import follow_answers_due
from transitions.services.locking import lock_participation
from transitions.services.transitions import _step, _transition_create
from transitions.table import FIRST, Insatstyp, QuestionSet, rule_for


def _check_stadsdel(errors: dict, *, entry: RegisterEntry, stadsdel: Stadsdel | None):
    if entry.municipality.has_stadsdelar:
        if stadsdel is None or stadsdel.municipality_id != entry.municipality.pk:
            errors["stadsdel"] = messages.STADSDEL_REQUIRED
    elif stadsdel is not None:
        errors["stadsdel"] = messages.STADSDEL_NOT_APPLICABLE


def participation_start_errors(
    *, entry, af_office, fk_office, date, consent_confirmed, consent_date, actor, stadsdel=None
) -> dict:
    """The first registration's checks that need no lock, field by field (an empty dict when
    none fails). "Registrera medverkan" also shows them beside the answers it could not read,
    so that every error of a submit comes at once; participation_start applies them."""
    today = timezone.localdate()
    errors = actor_office_pair_errors(af_office=af_office, fk_office=fk_office, actor=actor)
    _check_stadsdel(errors, entry=entry, stadsdel=stadsdel)
    if not consent_confirmed:
        errors["consent_confirmed"] = messages.CONSENT_REQUIRED
    born = entry.personnummer.birth_date
    try:
        validate_transition_date(date, today=today, born=born)
    except ValidationError as error:
        errors.update(error.message_dict)
    errors.update(
        consent_date_errors(
            consent_date, today=today, first_step=None if "date" in errors else date, born=born
        )
    )
    return errors


def participation_start(
    *,
    personnummer: str | Personnummer,
    af_office: Office | None,
    fk_office: Office | None,
    date: datetime.date | None,
    consent_confirmed: bool,
    consent_date: datetime.date | None,
    actor,
    stadsdel: Stadsdel | None = None,
) -> Participation:
    """The first registration, T1: (none) → "Begäran om gemensam kartläggning".

    Guarantees: the person exists in the population register and has no protected identity;
    written consent is confirmed with a date; stadsdel is given exactly for Stockholm and
    Göteborg; both offices are active and the actor holds an uppdrag at its own agency's; the
    person has no open participation (also a database constraint) and a returning person's new
    start is not dated before the previous participation closed. Creates the person (or
    refreshes name and kommun from the register), the participation, its consent, its first
    office pair and the first transition, and audits them.
    """
    entry = lookup_in_register(personnummer)
    if entry.protected_identity:
        raise ValidationError(
            {"personnummer": people_messages.PROTECTED_IDENTITY}, code="protected"
        )
    errors = participation_start_errors(
        entry=entry,
        af_office=af_office,
        fk_office=fk_office,
        date=date,
        consent_confirmed=consent_confirmed,
        consent_date=consent_date,
        actor=actor,
        stadsdel=stadsdel,
    )
    if errors:
        raise ValidationError(errors)

    pnr = entry.personnummer
    with service_transaction():
        person = person_lock_or_create(entry)
        already_open = person.participations.open().first()
        if already_open is not None:
            # Told only to those who may see it; others learn nothing about the person.
            ensure_may_act_on(actor, already_open)
            raise ValidationError({"personnummer": messages.ALREADY_OPEN}, code="already_open")
        last = person.participations.order_by("-closed_on").first()
        if last is not None:
            _check_return(last, date=date, consent_date=consent_date, actor=actor)
        try:
            with transaction.atomic():
                participation = Participation.objects.create(
                    person=person,
                    started_on=date,
                    current_type=FIRST.to_type,
                    current_since=date,
                    af_office=af_office,
                    fk_office=fk_office,
                    period_from=date,
                    municipality=entry.municipality,
                    stadsdel=stadsdel,
                    age_at_start=pnr.age_on(date),
                    created_by=actor,
                    answers_due_since=date if FIRST.question_sets else None,
                )
        except IntegrityError as error:
            if violated_constraint(error) == ONE_OPEN:  # a colleague started one just now
                raise ValidationError({"personnummer": messages.ALREADY_OPEN}) from None
            raise ValidationError(messages.NOT_SAVED, code="constraint") from error
        consent = Consent.objects.create(
            participation=participation, given_on=consent_date, confirmed_by=actor
        )
        period = OfficePeriod.objects.create(
            participation=participation,
            sequence=1,
            af_office=af_office,
            fk_office=fk_office,
            valid_from=date,
            registered_by=actor,
        )
        first = _transition_create(participation, rule=FIRST, date=date, actor=actor)
        audit_record(
            actor=actor,
            action="participation.start",
            instance=participation,
            after={
                "participation": snapshot(participation),
                "consent": snapshot(consent),
                "office_period": snapshot(period),
                "transition": snapshot(first),
            },
            participation_ref=participation.public_id,
        )
    return participation


def _check_return(last: Participation, *, date, consent_date, actor) -> None:
    """A returning person starts anew, not before the previous participation closed and with
    a new consent. The closing date is told only to those who may see that participation; the
    others learn only that the person took part before, which the rule itself reveals."""
    visible = may_act_on(actor, last)
    if date < last.closed_on:
        message = (
            messages.BEFORE_PREVIOUS.format(datum=iso(last.closed_on))
            if visible
            else messages.BEFORE_PREVIOUS_PARTICIPATION
        )
        raise ValidationError({"date": message}, code="before_previous")
    if consent_date < last.closed_on:
        message = (
            messages.CONSENT_BEFORE_RETURN.format(datum=iso(last.closed_on))
            if visible
            else messages.CONSENT_BEFORE_RETURN_UNDATED
        )
        raise ValidationError({"consent_date": message}, code="old_consent")


def _move_errors(participation, *, latest, current, af_office, fk_office, date, today) -> dict:
    """The rules of "Byt kontor" (SPEC §5.5): both offices required and active, a new pair,
    "Datum för flytt" not before the latest transition nor the previous move, and not too far
    ahead."""
    if not participation.is_open:
        raise ValidationError(messages.MOVE_CLOSED, code="closed")
    errors = office_pair_errors(af_office=af_office, fk_office=fk_office)
    if not errors and (af_office.pk, fk_office.pk) == (current.af_office_id, current.fk_office_id):
        errors["af_office"] = messages.MOVE_SAME
    max_ahead = settings.SUS_MOVE_MAX_DAYS_AHEAD
    if date is None:
        errors["date"] = messages.MOVE_DATE_REQUIRED
    elif date < latest.date:
        errors["date"] = messages.MOVE_BEFORE_TRANSITION.format(datum=iso(latest.date))
    elif date < current.valid_from:
        errors["date"] = messages.MOVE_BEFORE_MOVE.format(datum=iso(current.valid_from))
    elif date > today + datetime.timedelta(days=max_ahead):
        errors["date"] = messages.MOVE_TOO_FAR.format(dagar=max_ahead)
    return errors


def participation_move_check(
    *,
    participation: Participation,
    af_office: Office | None,
    fk_office: Office | None,
    date: datetime.date | None,
    actor,
) -> None:
    """Validate a move without making it, for the warning step of "Byt kontor". The move
    itself validates again under the lock."""
    ensure_may_act_on(actor, participation)
    errors = _move_errors(
        participation,
        latest=participation.latest_transition(),
        current=participation.current_office_period(),
        af_office=af_office,
        fk_office=fk_office,
        date=date,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)


def participation_move(
    *,
    participation: Participation,
    af_office: Office | None,
    fk_office: Office | None,
    date: datetime.date | None,
    actor,
    expected_sequence: int | None = None,
) -> OfficePeriod:
    """ "Byt kontor": hand an open participation to a new office pair from "Datum för flytt".

    Both offices are required (even when only one agency changes) and must be active; the date
    is not before the latest transition nor the previous move, and at most
    SUS_MOVE_MAX_DAYS_AHEAD days ahead. Takes effect at once for access: the acting user keeps
    access only with an uppdrag at the new office. Transitions dated before the move date are
    refused from now on. The office history keeps every pair. Anonymous participants are counts,
    not participations, and cannot be moved.
    """
    with service_transaction():
        participation, latest = lock_participation(
            participation, actor=actor, expected_sequence=expected_sequence
        )
        current = participation.current_office_period()
        errors = _move_errors(
            participation,
            latest=latest,
            current=current,
            af_office=af_office,
            fk_office=fk_office,
            date=date,
            today=timezone.localdate(),
        )
        if errors:
            raise ValidationError(errors)
        before = snapshot(participation)
        period = OfficePeriod.objects.create(
            participation=participation,
            sequence=current.sequence + 1,
            af_office=af_office,
            fk_office=fk_office,
            valid_from=date,
            fenced_sequence=latest.sequence,
            registered_by=actor,
        )
        participation.save(update_fields=participation.set_current_period(period))
        audit_record(
            actor=actor,
            action="participation.move",
            instance=period,
            before=before,
            after=snapshot(participation),
            participation_ref=participation.public_id,
        )
    return period


def participant_protect(*, person: Person, actor=None) -> Person:
    """The person now has protected identity (SPEC §3.3). The rule (README, "Known
    consequences"): an open participation is closed that day with "Avbrutet samarbete"
    (avbrottsorsak övrigt), registered by the system, so that from then on it counts as
    interrupted, no longer as current, and its history stays for the statistics; then name,
    personnummer and stadsdel are removed (`person_protect`). Idempotent; audited."""
    with transaction.atomic():
        participation = (
            Participation.objects.select_for_update().filter(person=person).open().first()
        )
        if participation is not None:
            _close_for_protection(participation, actor=actor)
        _remove_participation_personal_data(person)
        return person_protect(person=person, actor=actor)


# What a participation holds about where a person lives and works; blanked in the audit trail too.
PERSONAL_FIELDS = ("stadsdel", "stadsdel_id", "arbetsgivare")


def _remove_participation_personal_data(person: Person) -> None:
    """The stadsdel (where the person lives) and arbetsgivare (a sole trader's number may be a
    personnummer) of every participation, in the rows and in their audit snapshots; from now
    on the participations are no longer `identified()` (`personal_data_held`). The kommun,
    the history and the other answers stay for the statistics."""
    participations = Participation.objects.filter(person=person)
    participations.update(stadsdel=None, personal_data_held=False)
    # Empty, not NULL: "Anställd: Ja" still requires the follow-up to have been answered.
    BegaranAnswers.objects.filter(
        transition__participation__in=participations, arbetsgivare__isnull=False
    ).update(arbetsgivare="")
    audit_redact(
        participation_refs=list(participations.values_list("public_id", flat=True)),
        fields=PERSONAL_FIELDS,
    )


def _close_for_protection(participation: Participation, *, actor) -> None:
    latest = participation.latest_transition()
    period = participation.current_office_period()
    closing = _step(
        participation,
        latest=latest,
        rule=rule_for(participation.current_type, Insatstyp.AVB),
        date=max(timezone.localdate(), latest.date, period.valid_from),
        actor=actor,
        action="participation.close_protected",
    )
    AvbrutetAnswers.objects.create(
        transition=closing, avbrottsorsak=Avbrottsorsak.OVRIGT, answered_by=actor
    )
    complete = closing.question_sets == (QuestionSet.AVBRUTET,)
    if closing.answers_complete != complete:
        closing.answers_complete = complete
        closing.save(update_fields=["answers_complete"])
        follow_answers_due(participation)


def protected_identities_sweep(*, register=None) -> int:
    """The nightly register check: every person SUS still holds personal data for is looked up
    in the population register, and those who now have protected identity are protected
    (`participant_protect`) without waiting for a search. Returns how many were protected."""
    register = register or population_register()
    protected = 0
    for person in Person.objects.identified().order_by("pk").iterator():
        entry = register.lookup(parse(person.personnummer))
        if entry is not None and entry.protected_identity:
            participant_protect(person=person)
            protected += 1
    return protected


def retention_apply(*, today: datetime.date | None = None, years: int | None = None) -> int:
    """Gallring (SPEC §8): remove personnummer, name and stadsdel of people whose every
    participation closed more than `years` (SUS_RETENTION_YEARS) ago. The statistical shell —
    insatstyper, dates, answers, offices, kön, birth year, kommun — stays for the reports.
    Returns how many people were affected."""
    today = today or timezone.localdate()
    years = settings.SUS_RETENTION_YEARS if years is None else years
    try:
        limit = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - years, day=28)
    due = (
        Person.objects.identified()
        .exclude(participations__closed_on__isnull=True)
        .annotate(last_closed=Max("participations__closed_on"))
        .filter(last_closed__lt=limit)
    )
    count = 0
    for person in due.iterator():
        participant_protect(person=person)
        count += 1
    return count
