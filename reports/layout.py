"""How grouped results become a `Table`: the report's measures as rows (repeated per office when
offices are compared), kön as columns (Kvinnor, Män, Totalt when split)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from offices.models import Agency, Office
from participants.personnummer import Sex
from reports.masking import protect_totals
from reports.queries.common import Stat
from reports.scope import Scope
from reports.tables import Days, Number, Row, Table

WOMEN, MEN = Sex.WOMAN, Sex.MAN
SEXES = (WOMEN, MEN)
SEX_GROUPS = ((_("Kvinnor"), WOMEN), (_("Män"), MEN), (_("Totalt"), None))
OFFICE_TITLES = {Agency.AF: _("Arbetsförmedling"), Agency.FK: _("Kontor")}


@dataclass(frozen=True)
class Measure:
    """One row of a report: what `key` counts and its label (the table's and the diagram's).
    `short` (codes such as "BGK → GK") is kept for callers but no longer shown: a diagram speaks
    in words."""

    key: object
    label: str
    short: str = ""


def _sex_groups(scope: Scope):
    return SEX_GROUPS if scope.split_by_sex else ((None, None),)


def _office_groups(scope: Scope, offices: list[Office]) -> list[tuple[int | None, tuple]]:
    if scope.compare_agency is None:
        return [(None, ())]
    return [(office.pk, (str(office),)) for office in offices]


def _row_titles(scope: Scope, measure_title: str) -> tuple[str, ...]:
    agency = scope.compare_agency
    office_title = (str(OFFICE_TITLES[agency]),) if agency else ()
    return (*office_title, str(measure_title))


def _row(office_headers: tuple, measure: Measure, cells: list) -> Row:
    return Row(headers=(*office_headers, str(measure.label)), cells=tuple(cells))


def _per(what, measure_title) -> str:
    return f"{what} {_('per')} {str(measure_title).lower()}"


def count_table(
    *,
    caption: str,
    scope: Scope,
    offices: list[Office],
    measure_title: str,
    measures: list[Measure],
    results: dict[tuple, dict],
    notes: tuple = (),
) -> Table:
    """`results`: `{(office, sex): {measure key: count}}` as from `grouped`. With a kön split
    the total is the sum of women and men (every participant has one kön)."""
    groups = _sex_groups(scope)
    rows = []
    for office_id, office_headers in _office_groups(scope, offices):

        def count(sex, key, office_id=office_id):
            return results.get((office_id, sex), {}).get(key, 0)

        for measure in measures:
            if scope.split_by_sex:
                parts = [count(WOMEN, measure.key), count(MEN, measure.key)]
                cells = [Number(parts[0]), Number(parts[1]), protect_totals(parts, sum(parts))]
            else:
                cells = [Number(count(None, measure.key))]
            rows.append(_row(office_headers, measure, cells))
    split = scope.split_by_sex
    return Table(
        caption=str(caption),
        row_titles=_row_titles(scope, measure_title),
        columns=tuple(str(label) for label, _sex in groups) if split else (str(_("Antal")),),
        rows=rows,
        chart_columns=(0, 1) if split else (0,),
        chart_unit=str(_("antal")),
        chart_title=_per(_("Antal"), measure_title),
        notes=tuple(str(note) for note in notes),
    )


def days_table(
    *,
    caption: str,
    scope: Scope,
    offices: list[Office],
    measure_title: str,
    measures: list[Measure],
    results: dict[tuple, Stat],
    notes: tuple = (),
) -> Table:
    """`results`: `{(measure key, office, sex): Stat}` as from `distribution`; each kön group
    gets the columns Antal, Median and Medelvärde."""
    groups = _sex_groups(scope)
    empty = Stat(count=0, total=0, median=None)
    rows = []
    for office_id, office_headers in _office_groups(scope, offices):
        for measure in measures:
            cells = []
            counts = [results.get((measure.key, office_id, sex), empty).count for sex in SEXES]
            for _label, sex in groups:
                stat = results.get((measure.key, office_id, sex), empty)
                cells += [
                    protect_totals(counts, stat.count)
                    if scope.split_by_sex and sex is None
                    else Number(stat.count),
                    Days(stat.median, stat.count, whole=True),
                    Days(stat.mean, stat.count),
                ]
            rows.append(_row(office_headers, measure, cells))
    columns = []
    for label, _sex in groups:
        prefix = f"{label} – " if label else ""
        columns += [
            f"{prefix}{_('antal') if label else _('Antal')}",
            f"{prefix}{_('median (dagar)') if label else _('Median (dagar)')}",
            f"{prefix}{_('medelvärde (dagar)') if label else _('Medelvärde (dagar)')}",
        ]
    return Table(
        caption=str(caption),
        row_titles=_row_titles(scope, measure_title),
        columns=tuple(columns),
        rows=rows,
        chart_columns=(1, 4, 7) if scope.split_by_sex else (1,),
        chart_unit=str(_("dagar, median")),
        chart_title=_per(_("Median i dagar"), measure_title),
        notes=tuple(str(note) for note in notes),
    )
