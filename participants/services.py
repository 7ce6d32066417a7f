"""Starting participations, moving them between offices, anonymous counts and protecting
identities: the only way the application changes these. Same order as every service here:
transaction → lock → check access → validate → write → audit."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import audit_record, snapshot
from offices.models import Agency, Office
from participants.access import caseworker_office_ids, ensure_may_act_on, may_act_on
from participants.models import (
    AnonymousCount,
    Consent,
    OfficePeriod,
    Participation,
    Person,
    Stadsdel,
)
from participants.personnummer import Personnummer, parse
from participants.register import RegisterEntry, population_register
from transitions import messages
from transitions.models import Transition
from transitions.rules import iso, validate_transition_date
from transitions.services import lock_participation
from transitions.table import FIRST

PERSON_PRIVATE_FIELDS = ("personnummer", "first_name", "last_name")


def lookup_in_register(personnummer: str | Personnummer) -> RegisterEntry:
    """Parse the number and fetch the person; refuse with the messages of SPEC §4.3."""
    if not isinstance(personnummer, Personnummer):
        try:
            personnummer = parse(personnummer)
        except ValidationError:
            raise ValidationError({"personnummer": messages.INVALID_PERSONNUMMER}) from None
    entry = population_register().lookup(personnummer)
    if entry is None:
        raise ValidationError({"personnummer": messages.NO_SUCH_PERSON}, code="not_found")
    return entry


def _office_pair_errors(*, af_office: Office | None, fk_office: Office | None) -> dict:
    """Both offices given, each of its own agency, and active: every office pair a
    participation or an anonymous count gets (T1, Byt kontor, anonyma deltagare)."""
    errors = {}
    for field, office, agency, required in (
        ("af_office", af_office, Agency.AF, messages.OFFICE_REQUIRED_AF),
        ("fk_office", fk_office, Agency.FK, messages.OFFICE_REQUIRED_FK),
    ):
        if office is None or office.agency != agency:
            errors[field] = required
        elif not office.is_active:
            errors[field] = messages.OFFICE_INACTIVE
    return errors


def _check_offices(errors: dict, *, af_office: Office | None, fk_office: Office | None, actor):
    """A valid office pair whose office of the actor's own agency is one it holds an uppdrag
    for (SPEC §5.1 point 2)."""
    own_ids = caseworker_office_ids(actor)
    pair_errors = _office_pair_errors(af_office=af_office, fk_office=fk_office)
    errors.update(pair_errors)
    for field, office, agency in (
        ("af_office", af_office, Agency.AF),
        ("fk_office", fk_office, Agency.FK),
    ):
        if field not in pair_errors and actor.agency == agency and office.pk not in own_ids:
            errors[field] = messages.OFFICE_NOT_OWN
    if not own_ids & {getattr(af_office, "pk", None), getattr(fk_office, "pk", None)}:
        errors.setdefault(
            "af_office" if actor.agency == Agency.AF else "fk_office", messages.OFFICE_NOT_OWN
        )


def _check_stadsdel(errors: dict, *, entry: RegisterEntry, stadsdel: Stadsdel | None):
    if entry.municipality.has_stadsdelar:
        if stadsdel is None or stadsdel.municipality_id != entry.municipality.pk:
            errors["stadsdel"] = messages.STADSDEL_REQUIRED
    elif stadsdel is not None:
        errors["stadsdel"] = messages.STADSDEL_NOT_APPLICABLE


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
    today = timezone.localdate()
    entry = lookup_in_register(personnummer)
    if entry.protected_identity:
        raise ValidationError({"personnummer": messages.PROTECTED_IDENTITY}, code="protected")
    errors: dict = {}
    _check_offices(errors, af_office=af_office, fk_office=fk_office, actor=actor)
    _check_stadsdel(errors, entry=entry, stadsdel=stadsdel)
    if not consent_confirmed:
        errors["consent_confirmed"] = messages.CONSENT_REQUIRED
    if consent_date is None:
        errors["consent_date"] = messages.CONSENT_DATE_REQUIRED
    elif consent_date > today:
        errors["consent_date"] = messages.CONSENT_DATE_FUTURE
    try:
        validate_transition_date(date, today=today)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    pnr = entry.personnummer
    with transaction.atomic():
        person = _lock_or_create_person(entry)
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
                    municipality=entry.municipality,
                    stadsdel=stadsdel,
                    age_at_start=pnr.age_on(date),
                    created_by=actor,
                )
        except IntegrityError:  # another caseworker started one at the same moment
            raise ValidationError({"personnummer": messages.ALREADY_OPEN}) from None
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
        first = Transition.objects.create(
            participation=participation,
            sequence=1,
            from_type=None,
            to_type=FIRST.to_type,
            date=date,
            af_office=af_office,
            fk_office=fk_office,
            registered_by=actor,
            answers_complete=not FIRST.question_sets,
        )
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


def _lock_or_create_person(entry: RegisterEntry) -> Person:
    pnr = entry.personnummer
    person = Person.objects.select_for_update().filter(personnummer=pnr.value).first()
    if person is None:
        try:
            with transaction.atomic():
                person = Person.objects.create(
                    personnummer=pnr.value,
                    first_name=entry.first_name,
                    last_name=entry.last_name,
                    sex=pnr.sex,
                    birth_year=pnr.birth_date.year,
                    municipality=entry.municipality,
                )
        except IntegrityError:  # created by a concurrent first registration
            person = Person.objects.select_for_update().get(personnummer=pnr.value)
    else:
        changed = [
            name
            for name, value in (
                ("first_name", entry.first_name),
                ("last_name", entry.last_name),
                ("municipality", entry.municipality),
            )
            if getattr(person, name) != value
        ]
        for name in changed:
            setattr(person, name, getattr(entry, name))
        if changed:
            person.save(update_fields=changed)
    return person


def _move_errors(participation, *, latest, current, af_office, fk_office, date, today) -> dict:
    """The rules of "Byt kontor" (SPEC §5.5): both offices required and active, a new pair,
    "Datum för flytt" not before the latest transition nor the previous move, and not too far
    ahead."""
    if not participation.is_open:
        raise ValidationError(messages.MOVE_CLOSED, code="closed")
    errors = _office_pair_errors(af_office=af_office, fk_office=fk_office)
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
    latest = participation.transitions.order_by("-sequence").first()
    current = participation.office_periods.order_by("-sequence").first()
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
    with transaction.atomic():
        participation, latest = lock_participation(
            participation, actor=actor, expected_sequence=expected_sequence
        )
        current = participation.office_periods.order_by("-sequence").first()
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
            registered_by=actor,
        )
        participation.af_office = af_office
        participation.fk_office = fk_office
        participation.save(update_fields=["af_office", "fk_office"])
        audit_record(
            actor=actor,
            action="participation.move",
            instance=period,
            before=before,
            after=snapshot(participation),
            participation_ref=participation.public_id,
        )
    return period


def anonymous_register(
    *,
    af_office: Office | None,
    fk_office: Office | None,
    year: int | None,
    women: int | None,
    men: int | None,
    actor,
) -> AnonymousCount:
    """ "Registrera anonyma deltagare": counts per office pair and year, no personal data."""
    today = timezone.localdate()
    errors: dict = {}
    _check_offices(errors, af_office=af_office, fk_office=fk_office, actor=actor)
    first_year = settings.SUS_FIRST_YEAR
    if year is None or not first_year <= year <= today.year:
        errors["year"] = messages.ANONYMOUS_YEAR.format(första=first_year, sista=today.year)
    women, men = women or 0, men or 0
    if women < 0 or men < 0 or women + men == 0:
        errors["women"] = messages.ANONYMOUS_EMPTY
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        count = AnonymousCount.objects.create(
            af_office=af_office,
            fk_office=fk_office,
            year=year,
            women=women,
            men=men,
            registered_by=actor,
        )
        audit_record(
            actor=actor, action="anonymous.register", instance=count, after=snapshot(count)
        )
    return count


def person_protect(*, person: Person, actor=None) -> Person:
    """The person now has protected identity (or gallring removes the data): remove name,
    personnummer and stadsdel, keep the anonymous statistics (kön, birth year, kommun, the
    history and answers). Idempotent."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.personnummer is None:
            return person
        person.personnummer = None
        person.first_name = ""
        person.last_name = ""
        person.personal_data_removed_at = timezone.now()
        person.save()
        person.participations.update(stadsdel=None)
        audit_record(
            actor=actor,
            action="person.remove_personal_data",
            instance=person,
            after=snapshot(person, exclude=PERSON_PRIVATE_FIELDS),
        )
    return person


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
        person_protect(person=person)
        count += 1
    return count
