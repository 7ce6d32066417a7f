"""The office-pair rule: every participation, move and anonymous count is handled by one
arbetsförmedling and one FK kontor. One place for what a valid pair is, and for which pair a
caseworker may choose."""

from offices import messages
from offices.choices import Agency
from offices.models import Office
from offices.selectors import caseworker_office_ids


def office_pair_errors(*, af_office: Office | None, fk_office: Office | None) -> dict:
    """Both offices given, each of its own agency, and active: every office pair a
    participation or an anonymous count gets (T1, Byt kontor, anonyma deltagare)."""
    errors = {}
    for agency, office in ((Agency.AF, af_office), (Agency.FK, fk_office)):
        if office is None or office.agency != agency:
            errors[agency.office_field] = messages.OFFICE_REQUIRED[agency]
        elif not office.is_active:
            errors[agency.office_field] = messages.OFFICE_INACTIVE
    return errors


def actor_office_pair_errors(*, af_office: Office | None, fk_office: Office | None, actor) -> dict:
    """A valid office pair whose office of the actor's own agency is one it holds an uppdrag
    for (SPEC §5.1 point 2)."""
    own_ids = caseworker_office_ids(actor)
    errors = office_pair_errors(af_office=af_office, fk_office=fk_office)
    for agency, office in ((Agency.AF, af_office), (Agency.FK, fk_office)):
        field = agency.office_field
        if field not in errors and actor.agency == agency and office.pk not in own_ids:
            errors[field] = messages.OFFICE_NOT_OWN
    if not own_ids & {getattr(af_office, "pk", None), getattr(fk_office, "pk", None)}:
        errors.setdefault(Agency(actor.agency or Agency.FK).office_field, messages.OFFICE_NOT_OWN)
    return errors
