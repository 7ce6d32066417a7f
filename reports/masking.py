"""The one rule that keeps reports from pointing at a person, used by the page, the diagram, CSV
and Excel alike (SPEC §7).

- A count from 1 to 4 is shown as "<5"; 0 stays 0.
- A median or mean in days is shown only when it rests on at least 5 observations: over 1–4
  observations it is shown as ".." (the value exists but is withheld — "<5" would read as "less
  than five days"); over none it is "–" (nothing to compute). Its count column shows "<5".
- Numbers are otherwise exact: medians are whole or half days, means are rounded to one decimal.
"""

from django.utils.translation import gettext_lazy as _

from reports.tables import Cell, Days, Number, Table

SMALLEST_SHOWN = 5
MASKED_COUNT = "<5"
WITHHELD = ".."
NOTHING = "–"

LEGEND = (
    (MASKED_COUNT, _("1–4: för få för att visas")),
    (WITHHELD, _("beräknat på färre än 5 och visas därför inte")),
    (NOTHING, _("inget att beräkna")),
)


def _too_few(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def masked(cell: Cell) -> int | float | str:
    """The value that may be shown: a number, or one of the texts above."""
    if isinstance(cell, Number):
        return MASKED_COUNT if _too_few(cell.value) else cell.value
    assert isinstance(cell, Days)
    if cell.observations == 0 or cell.value is None:
        return NOTHING
    if _too_few(cell.observations):
        return WITHHELD
    value = round(cell.value, 1)
    return int(value) if cell.whole and value == int(value) else value


def display(value: int | float | str) -> str:
    """A masked value as text, the same on the page and in CSV: decimal comma."""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def masked_rows(table: Table) -> list[list]:
    """Each row as its header texts followed by masked values (numbers stay numbers): Excel."""
    return [[*row.headers, *(masked(cell) for cell in row.cells)] for row in table.rows]


def display_rows(table: Table) -> list[list[str]]:
    """Each row as the texts shown on the page and written to CSV."""
    return [[display(value) for value in row] for row in masked_rows(table)]
