"""Date rules of SPEC §4.3 for "Datum för övergång" and "Datum för samtycke", shared by every
registration."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError

from transitions import messages


def iso(day: datetime.date) -> str:
    return day.isoformat()


def first_day() -> datetime.date:
    """The first day SUS holds anything for (1 January of SUS_FIRST_YEAR)."""
    return datetime.date(settings.SUS_FIRST_YEAR, 1, 1)


def validate_transition_date(
    date: datetime.date | None,
    *,
    today: datetime.date,
    previous: datetime.date | None = None,
    moved: datetime.date | None = None,
    born: datetime.date | None = None,
) -> None:
    """Required, not in the future, not before SUS_FIRST_YEAR nor the person's birth, not
    before the previous step (same day allowed), not before the current office pair's "Datum
    för flytt"."""
    if date is None:
        raise ValidationError({"date": messages.DATE_REQUIRED}, code="required")
    if date > today:
        raise ValidationError({"date": messages.FUTURE}, code="future")
    if born is not None and date < born:
        raise ValidationError(
            {"date": messages.BEFORE_BIRTH.format(datum=iso(born))}, code="before_birth"
        )
    if date < first_day():
        raise ValidationError(
            {"date": messages.BEFORE_FIRST_YEAR.format(år=settings.SUS_FIRST_YEAR)},
            code="before_first_year",
        )
    if previous is not None and date < previous:
        raise ValidationError(
            {"date": messages.BEFORE_PREVIOUS.format(datum=iso(previous))}, code="before_previous"
        )
    if moved is not None and date < moved:
        raise ValidationError(
            {"date": messages.BEFORE_MOVE.format(datum=iso(moved))}, code="before_move"
        )


def consent_date_errors(
    consent_date: datetime.date | None,
    *,
    today: datetime.date,
    first_step: datetime.date | None,
    born: datetime.date,
) -> dict:
    """ "Datum för samtycke": given, not in the future, not before the person's birth nor
    SUS_FIRST_YEAR, and not after the first step's date (consent comes before registration)."""
    if consent_date is None:
        return {"consent_date": messages.CONSENT_DATE_REQUIRED}
    if consent_date > today:
        return {"consent_date": messages.CONSENT_DATE_FUTURE}
    if consent_date < born:
        return {"consent_date": messages.CONSENT_BEFORE_BIRTH.format(datum=iso(born))}
    if consent_date < first_day():
        return {
            "consent_date": messages.CONSENT_BEFORE_FIRST_YEAR.format(år=settings.SUS_FIRST_YEAR)
        }
    if first_step is not None and consent_date > first_step:
        return {"consent_date": messages.CONSENT_AFTER_START.format(datum=iso(first_step))}
    return {}
