"""The one rule that keeps reports from pointing at a person, used by the page, the diagram, CSV
and Excel alike (SPEC §7).

- A count from 1 to 4 is shown as "<5"; 0 stays 0.
- Secondary suppression: a total whose parts are one masked count and one shown count would give
  the masked one away by subtraction (Kvinnor <5, Män 8, Totalt 12), so such a total is shown as
  "x". `protect_totals` decides it, for the kön split of every table.
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
PROTECTED = "x"

LEGEND = (
    (MASKED_COUNT, _("1–4: för få för att visas")),
    (PROTECTED, _("visas inte, eftersom ett dolt antal annars kunde räknas ut")),
    (WITHHELD, _("beräknat på färre än 5 och visas därför inte")),
    (NOTHING, _("inget att beräkna")),
)


def _too_few(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def protect_totals(parts: list[int], total: int) -> Number:
    """The total of `parts` as a cell, withheld when exactly one part is masked and the
    others are shown (the masked one would be the total minus the others)."""
    masked_parts = [part for part in parts if _too_few(part)]
    return Number(total, protects=len(masked_parts) == 1 and not _too_few(total))


def masked(cell: Cell) -> int | float | str:
    """The value that may be shown: a number, or one of the texts above."""
    if isinstance(cell, Number):
        if _too_few(cell.value):
            return MASKED_COUNT
        return PROTECTED if cell.protects else cell.value
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
