"""Date rules of SPEC §4.3 for "Datum för övergång", shared by every registration."""

import datetime

from django.core.exceptions import ValidationError

from transitions import messages


def iso(day: datetime.date) -> str:
    return day.isoformat()


def validate_transition_date(
    date: datetime.date | None,
    *,
    today: datetime.date,
    previous: datetime.date | None = None,
    moved: datetime.date | None = None,
) -> None:
    """Required, not in the future, not before the previous step (same day allowed), not
    before the current office pair's "Datum för flytt"."""
    if date is None:
        raise ValidationError({"date": messages.DATE_REQUIRED}, code="required")
    if date > today:
        raise ValidationError({"date": messages.FUTURE}, code="future")
    if previous is not None and date < previous:
        raise ValidationError(
            {"date": messages.BEFORE_PREVIOUS.format(datum=iso(previous))}, code="before_previous"
        )
    if moved is not None and date < moved:
        raise ValidationError(
            {"date": messages.BEFORE_MOVE.format(datum=iso(moved))}, code="before_move"
        )
