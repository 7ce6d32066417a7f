"""Personnummer and samordningsnummer: parsing, validation and what they tell. The one place.

Accepted: 10 or 12 digits, with or without "-" or "+" before the last four. With 10 digits the
century is the latest one that puts the birth date in the past; "+" marks a person aged 100 or
more (one century further back). Samordningsnummer have 60 added to the day. Stored normalised
as 12 digits, YYYYMMDDNNNC.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError

from participants.messages import INVALID_PERSONNUMMER

_PATTERN = re.compile(
    r"^(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+]?)(?P<serial>\d{4})$", re.ASCII
)
SAMORDNING_DAY_OFFSET = 60


class Sex(models.TextChoices):
    """Kön, derived from the personnummer and kept for the statistics."""

    WOMAN = "K", _("Kvinna")
    MAN = "M", _("Man")

    @property
    def plural(self):
        return _("Kvinnor") if self == Sex.WOMAN else _("Män")


@dataclass(frozen=True)
class Personnummer:
    value: str  # 12 digits

    @property
    def birth_date(self) -> datetime.date:
        return _date_of(self.value[:8])

    @property
    def is_samordningsnummer(self) -> bool:
        return int(self.value[6:8]) > SAMORDNING_DAY_OFFSET

    @property
    def sex(self) -> str:
        """Kön: the second-to-last digit is odd for men (SPEC §3.1)."""
        return Sex.MAN if int(self.value[10]) % 2 else Sex.WOMAN

    @property
    def birth_number(self) -> int:
        """The three-digit födelsenummer (980–999 is Skatteverket's test range)."""
        return int(self.value[8:11])

    def age_on(self, day: datetime.date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def formatted(self) -> str:
        return formatted(self.value)

    def __str__(self):
        return self.formatted()


def _date_of(yyyymmdd: str) -> datetime.date:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8])
    if day > SAMORDNING_DAY_OFFSET:
        day -= SAMORDNING_DAY_OFFSET
    return datetime.date(year, month, day)


def parse(raw: str, *, today: datetime.date | None = None) -> Personnummer:
    """Parse and validate; raise ValidationError("Personnumret är inte giltigt.") otherwise."""
    today = today or timezone.localdate()
    match = _PATTERN.match((raw or "").strip().replace(" ", ""))
    if not match:
        raise ValidationError(INVALID_PERSONNUMMER, code="invalid")
    date_part, serial = match["date"], match["serial"]
    if match["century"]:
        full = f"{match['century']}{date_part}"
    else:
        full = _with_century(date_part, plus=match["sep"] == "+", today=today)
        if full is None:
            raise ValidationError(INVALID_PERSONNUMMER, code="invalid")
    try:
        born = _date_of(full)
    except ValueError:
        raise ValidationError(INVALID_PERSONNUMMER, code="invalid") from None
    if born > today or born.year < 1850:
        raise ValidationError(INVALID_PERSONNUMMER, code="invalid")
    try:
        luhn.validate(f"{full[2:]}{serial}")
    except StdnumError:
        raise ValidationError(INVALID_PERSONNUMMER, code="invalid") from None
    return Personnummer(f"{full}{serial}")


def _with_century(yymmdd: str, *, plus: bool, today: datetime.date) -> str | None:
    """YYMMDD → YYYYMMDD: the latest century with a birth date not in the future."""
    for century in (today.year // 100, today.year // 100 - 1):
        candidate = f"{century:02d}{yymmdd}"
        try:
            born = _date_of(candidate)
        except ValueError:
            continue
        if born <= today:
            if plus:
                candidate = f"{century - 1:02d}{yymmdd}"
                try:
                    _date_of(candidate)
                except ValueError:  # 29 February in a year that was not a leap year
                    return None
            return candidate
    return None


def formatted(value: str | None) -> str:
    """12 stored digits shown as ÅÅÅÅMMDD-NNNN (empty when removed)."""
    return f"{value[:8]}-{value[8:]}" if value else ""


def is_valid(raw: str) -> bool:
    try:
        parse(raw)
    except ValidationError:
        return False
    return True


def with_check_digit(first_eleven: str) -> str:
    """Complete YYYYMMDDNNN with its Luhn check digit (for fictitious test data)."""
    return first_eleven + luhn.calc_check_digit(first_eleven[2:])
