"""What a report covers — period, level, comparison, kön and the participant filters of SPEC §7 —
and how that becomes database conditions. The one place these rules exist: every report calls
`participant_conditions` and `Grouping` instead of writing its own.

Decisions [D], kept here so they are easy to change:
- A participant belongs to the office pair that handles the participation now (or, when it is
  closed, handled it last): the same pair that decides access (SPEC §2.3). `Agency.office_field`
  names the fields. Reports of steps (Flöde, Ledtider) instead count each step at the pair it
  was registered at (`STEP`), so a move does not rewrite last year's office statistics.
- "Deltagarstatus" is the participant's status on the report's last day ("Till och med").
- "Ålder" is the age at the start of the participation, in the bands of `AGE_BANDS`.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from offices.models import Agency, Area, AreaKind, Office
from participants.models import Municipality
from participants.personnummer import Sex
from transitions.models import BegaranAnswers, Forsorjning, InitieradAv, Transition
from transitions.table import STATUS_TYPES, ParticipantStatus

AREA_FIELDS = {
    AreaKind.MARKNADSOMRADE: "af_office__marknadsomrade",
    AreaKind.ARBETSMARKNADSOMRADE: "af_office__arbetsmarknadsomrade",
    AreaKind.VERKSAMHETSOMRADE: "fk_office__verksamhetsomrade",
}


class Level(models.TextChoices):
    RIKET = "RIKET", _("Riket")
    AREA = "OMRADE", _("Marknadsområde eller verksamhetsområde")
    OFFICE = "KONTOR", _("Kontor eller arbetsförmedling")


class Comparison(models.TextChoices):
    NONE = "INGEN", _("Ingen jämförelse")
    AF = Agency.AF.value, _("Jämför arbetsförmedlingar")
    FK = Agency.FK.value, _("Jämför Försäkringskassans kontor")


class SexChoice(models.TextChoices):
    ALL = "ALLA", _("Alla, utan uppdelning")
    SPLIT = "UPPDELAT", _("Uppdelat på kön")
    WOMEN = Sex.WOMAN.value, Sex.WOMAN.plural
    MEN = Sex.MAN.value, Sex.MAN.plural


class YesNo(models.TextChoices):
    ALL = "ALLA", _("Alla")
    YES = "JA", _("Ja")
    NO = "NEJ", _("Nej")


class Employment(models.TextChoices):
    ALL = "ALLA", _("Alla")
    EMPLOYED = "ANSTALLD", _("Anställd")
    OWN_BUSINESS = "EGET_FORETAG", _("Eget företag")
    NEITHER = "INGETDERA", _("Varken anställd eller eget företag")


@dataclass(frozen=True)
class AgeBand:
    code: str
    label: str
    lowest: int | None
    highest: int | None


AGE_BANDS = (
    AgeBand("-24", _("Under 25 år"), None, 24),
    AgeBand("25-34", _("25–34 år"), 25, 34),
    AgeBand("35-44", _("35–44 år"), 35, 44),
    AgeBand("45-54", _("45–54 år"), 45, 54),
    AgeBand("55-", _("55 år och äldre"), 55, None),
)
AGE_BANDS_BY_CODE = {band.code: band for band in AGE_BANDS}

# The Begäran answer behind each "Anställd/Eget företag" choice.
EMPLOYMENT_CONDITIONS = {
    Employment.EMPLOYED: Q(anstalld=True),
    Employment.OWN_BUSINESS: Q(eget_foretag=True),
    Employment.NEITHER: Q(anstalld=False, eget_foretag=False),
}


@dataclass(frozen=True)
class Scope:
    """The cleaned choices of a report form. `start` == `end` is a report for a single day."""

    start: datetime.date
    end: datetime.date
    level: str = Level.RIKET
    area: Area | None = None
    office: Office | None = None
    compare: str = Comparison.NONE
    sex: str = SexChoice.ALL
    municipality: Municipality | None = None
    status: str = ParticipantStatus.ALL
    age: str = ""
    initierad_av: str = ""
    inskriven_af: str = YesNo.ALL
    employment: str = Employment.ALL
    forsorjning: Forsorjning | None = None

    @property
    def split_by_sex(self) -> bool:
        return self.sex == SexChoice.SPLIT

    @property
    def compare_agency(self) -> Agency | None:
        return None if self.compare == Comparison.NONE else Agency(self.compare)

    @property
    def years(self) -> tuple[int, int]:
        return self.start.year, self.end.year


@dataclass(frozen=True)
class Via:
    """How a report's rows reach the participation: `prefix` before participation fields and
    `ref`, the participation's id as seen from the row (for correlated subqueries).
    `offices` is where the office pair that counts for the level and the comparison is: by
    default the participation's current pair (`prefix`); for reports of steps, the pair the
    step was registered at (stored on each transition), so a later move does not rewrite
    earlier office statistics."""

    prefix: str
    ref: str
    offices: str | None = None

    @property
    def office_prefix(self) -> str:
        return self.prefix if self.offices is None else self.offices

    def at(self, offices: str) -> "Via":
        return Via(prefix=self.prefix, ref=self.ref, offices=offices)


FROM_PARTICIPATION = Via(prefix="", ref="pk")
FROM_TRANSITION = Via(prefix="participation__", ref="participation")
# A step where it happened: the level and comparison read the transition's own offices.
STEP = FROM_TRANSITION.at("")


def level_condition(scope: Scope, prefix: str = "") -> Q:
    """Riket, an area or an office. `prefix` reaches the rows' af_office/fk_office fields."""
    if scope.level == Level.AREA and scope.area is not None:
        return Q(**{prefix + AREA_FIELDS[AreaKind(scope.area.kind)]: scope.area})
    if scope.level == Level.OFFICE and scope.office is not None:
        return Q(**{prefix + Agency(scope.office.agency).office_field: scope.office})
    return Q()


def _status_condition(scope: Scope, via: Via):
    if scope.status == ParticipantStatus.CLOSED:
        return Q(**{f"{via.prefix}closed_on__lte": scope.end})
    types = STATUS_TYPES.get(scope.status)
    if types is None:
        return Q()
    in_type_on_last_day = Transition.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=scope.end),
        participation=OuterRef(via.ref),
        to_type__in=types,
        date__lte=scope.end,
    )
    return Exists(in_type_on_last_day)


def _begaran_condition(scope: Scope, via: Via):
    """The filters answered in the Begäran set, as one subquery (no join that could repeat
    rows). Participations whose Begäran set is not answered are left out by any of them."""
    answer = Q()
    if scope.initierad_av:
        answer &= Q(initierad_av=scope.initierad_av)
    if scope.inskriven_af != YesNo.ALL:
        answer &= Q(inskriven_af=scope.inskriven_af == YesNo.YES)
    if scope.employment != Employment.ALL:
        answer &= EMPLOYMENT_CONDITIONS[scope.employment]
    if scope.forsorjning is not None:
        answer &= Q(forsorjning=scope.forsorjning)
    if not answer:
        return Q()
    return Exists(
        BegaranAnswers.objects.filter(answer, transition__participation=OuterRef(via.ref))
    )


def participant_conditions(scope: Scope, via: Via) -> list:
    """Every condition on the participant: level, kön, kommun, ålder, status and the Begäran
    filters. Pass them to `.filter(*conditions)`."""
    p = via.prefix
    conditions = [level_condition(scope, via.office_prefix)]
    if scope.sex in (SexChoice.WOMEN, SexChoice.MEN):
        conditions.append(Q(**{f"{p}person__sex": scope.sex}))
    if scope.municipality is not None:
        conditions.append(Q(**{f"{p}municipality": scope.municipality}))
    band = AGE_BANDS_BY_CODE.get(scope.age)
    if band is not None and band.lowest is not None:
        conditions.append(Q(**{f"{p}age_at_start__gte": band.lowest}))
    if band is not None and band.highest is not None:
        conditions.append(Q(**{f"{p}age_at_start__lte": band.highest}))
    conditions.append(_status_condition(scope, via))
    conditions.append(_begaran_condition(scope, via))
    return [condition for condition in conditions if condition != Q()]


@dataclass(frozen=True)
class Grouping:
    """The dimensions a report is grouped by: an office (comparison) and kön (split).

    Results are keyed by `(office_id or None, sex or None)`; with a split, the key with sex
    None holds the total over both."""

    office: str | None
    sex: str | None

    @classmethod
    def of(
        cls,
        scope: Scope,
        prefix: str = "",
        *,
        sex_field: str = "person__sex",
        office_prefix: str | None = None,
    ) -> "Grouping":
        agency = scope.compare_agency
        offices = prefix if office_prefix is None else office_prefix
        return cls(
            office=offices + agency.office_field if agency else None,
            sex=prefix + sex_field if scope.split_by_sex else None,
        )

    @property
    def keys(self) -> list[str]:
        return [key for key in (self.office, self.sex) if key]

    def key_of(self, row: dict, *, with_sex: bool = True) -> tuple:
        return (
            row[self.office] if self.office else None,
            row[self.sex] if self.sex and with_sex else None,
        )


def describe(scope: Scope) -> str:
    """The period and place a report covers, for its caption."""
    period = period_text(scope)
    if scope.level == Level.AREA and scope.area is not None:
        place = str(scope.area)
    elif scope.level == Level.OFFICE and scope.office is not None:
        place = str(scope.office)
    else:
        place = str(_("riket"))
    parts = [period, place]
    if scope.sex in (SexChoice.WOMEN, SexChoice.MEN):
        parts.append(str(SexChoice(scope.sex).label).lower())
    return ", ".join(parts + _filter_texts(scope))


def period_text(scope: Scope) -> str:
    if scope.start == scope.end:
        return str(_("den %(day)s")) % {"day": scope.start.isoformat()}
    return f"{scope.start.isoformat()}–{scope.end.isoformat()}"


def place_text(scope: Scope) -> str:
    """The level in words: "Riket", an area or an office (their names say their kind)."""
    if scope.level == Level.AREA and scope.area is not None:
        return str(scope.area)
    if scope.level == Level.OFFICE and scope.office is not None:
        return str(scope.office)
    return str(Level.RIKET.label)


def about(scope: Scope) -> list[tuple[str, str]]:
    """What a report covers as (label, text) pairs, for the head of an exported file."""
    lines = [(str(_("Period")), period_text(scope)), (str(_("Nivå")), place_text(scope))]
    if scope.compare_agency is not None:
        lines.append((str(_("Jämförelse")), str(Comparison(scope.compare).label)))
    lines.append((str(_("Kön")), str(SexChoice(scope.sex).label)))
    lines.append((str(_("Urval")), "; ".join(_filter_texts(scope)) or str(_("Inget urval"))))
    return lines


def _filter_texts(scope: Scope) -> list[str]:
    """The participant filters in use, as "Label: choice" texts."""
    band = AGE_BANDS_BY_CODE.get(scope.age)
    chosen = [
        (_("Folkbokföringskommun"), scope.municipality),
        (
            _("Deltagarstatus"),
            ParticipantStatus(scope.status).label
            if scope.status != ParticipantStatus.ALL
            else None,
        ),
        (_("Ålder"), band.label if band else None),
        (_("Initierad av"), InitieradAv(scope.initierad_av).label if scope.initierad_av else None),
        (
            _("Inskriven hos Af före samarbetet"),
            YesNo(scope.inskriven_af).label if scope.inskriven_af != YesNo.ALL else None,
        ),
        (
            _("Anställd/Eget företag"),
            Employment(scope.employment).label if scope.employment != Employment.ALL else None,
        ),
        (_("Försörjning före samarbetet"), scope.forsorjning),
    ]
    return [f"{label}: {value}" for label, value in chosen if value is not None]
