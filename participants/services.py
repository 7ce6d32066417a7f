"""People: looking a person up in the population register, creating and refreshing the person
at a first registration, removing personal data (protected identity, gallring) and the anonymous
counts. Same order as every service: transaction → lock → check → write → audit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from audit.services import access_log_forget, audit_record, snapshot
from offices.models import Office
from offices.pairs import actor_office_pair_errors
from offices.selectors import caseworker_office_ids
from participants import messages
from participants.models import AnonymousCount, Person
from participants.personnummer import Personnummer, parse
from participants.register import RegisterEntry, population_register

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


def person_lock_or_create(entry: RegisterEntry) -> Person:
    """The person of a register entry, locked (inside the caller's transaction); created at the
    first registration, or refreshed with the register's name and kommun."""
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
    errors = actor_office_pair_errors(af_office=af_office, fk_office=fk_office, actor=actor)
    first_year = settings.SUS_FIRST_YEAR
    if year is None or not first_year <= year <= today.year:
        errors["year"] = messages.ANONYMOUS_YEAR.format(första=first_year, sista=today.year)
    women, men = women or 0, men or 0
    if women < 0 or men < 0 or women + men == 0:
        errors["women"] = messages.ANONYMOUS_EMPTY
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Locking the offices serialises registrations for one pair, so the bound holds.
        list(Office.objects.select_for_update().filter(pk__in=[af_office.pk, fk_office.pk]))
        already = (
            AnonymousCount.objects.filter(
                af_office=af_office, fk_office=fk_office, year=year
            ).aggregate(total=Sum(F("women") + F("men")))["total"]
            or 0
        )
        most = settings.SUS_ANONYMOUS_MAX_PER_YEAR
        if already + women + men > most:
            raise ValidationError(
                {"women": messages.ANONYMOUS_TOO_MANY.format(högst=most, redan=already, år=year)},
                code="too_many",
            )
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
    """The person now has protected identity (or gallring removes the data): remove name and
    personnummer, keep the anonymous statistics (kön, birth year, kommun). What the person's
    participations hold (stadsdel, arbetsgivare) is removed by `transitions`'
    `participant_protect`, which calls this. Idempotent."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.personnummer is None:
            return person
        # The access log keeps who looked and when, linked to this person's id (a shell
        # without personal data from now on); searches made before the person was registered
        # can no longer be found by the personnummer.
        access_log_forget(personnummer=person.personnummer)
        person.personnummer = None
        person.first_name = ""
        person.last_name = ""
        person.personal_data_removed_at = timezone.now()
        person.save()
        audit_record(
            actor=actor,
            action="person.remove_personal_data",
            instance=person,
            after=snapshot(person, exclude=PERSON_PRIVATE_FIELDS),
        )
    return person


def anonymous_counts_for(*, actor):
    """The anonymous registrations of the offices the actor holds a deltagaransvarig-uppdrag
    for (its own agency's office of the pair), newest first."""
    own = caseworker_office_ids(actor)
    return (
        AnonymousCount.objects.filter(Q(af_office_id__in=own) | Q(fk_office_id__in=own))
        .select_related("af_office", "fk_office", "registered_by")
        .order_by("-year", "-registered_at", "-pk")
    )


def anonymous_delete(*, count: AnonymousCount, actor) -> None:
    """Delete a mistaken anonymous registration of one of the actor's own offices; the audit
    record keeps what was deleted."""
    with transaction.atomic():
        count = AnonymousCount.objects.select_for_update().filter(pk=count.pk).first()
        if count is None or not anonymous_counts_for(actor=actor).filter(pk=count.pk).exists():
            raise ValidationError(messages.ANONYMOUS_NOT_OWN, code="not_own")
        audit_record(actor=actor, action="anonymous.delete", instance=count, before=snapshot(count))
        count.delete()
