"""The one rule that keeps reports from pointing at a person, used by the page, the diagram, CSV
and Excel alike (SPEC §7).

- A count from 1 to 4 is shown as "<5"; 0 stays 0.
- Secondary suppression: a total whose parts are one masked count and one shown count would give
  the masked one away by subtraction (Kvinnor <5, Män 8, Totalt 12), so such a total is shown as
  "x". `protect_totals` decides it, for the kön split of every table.
- A median or mean in days is shown only when it rests on at least 5 observations: over 1–4
  observations it is shown as ".." (the value exists but is withheld — "<5" would read as "less
  than five days"); over none it is "–" (nothing to compute). Its count column shows "<5".
- With SUS_REPORT_ROUNDING = 5 (the default) every count is published as its class of five:
  0–4 as "<5" (zero too: an exact zero beside "<5" would tell that a masked cell is at least 1),
  5–9 as 5, 10–14 as 10, … (rounding down to base 5). A difference of published counts —
  within a table, between kön split and unsplit, or between an office, its area and riket —
  then leaves more than one value possible for every masked count; the automated attacker of
  reports.attack tries every such difference (docs/report-protection.md). The secondary
  suppression ("x") is then not needed; with SUS_REPORT_ROUNDING = 1 (exact counts) it applies.
- Medians and means are not counts: medians are whole or half days, means are rounded to one
  decimal.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reports.tables import Cell, Days, Number, Table

SMALLEST_SHOWN = 5
MASKED_COUNT = "<5"
WITHHELD = ".."
NOTHING = "–"
PROTECTED = "x"

MASKED_LEGEND = (MASKED_COUNT, _("1–4: för få för att visas"))
PROTECTED_LEGEND = (PROTECTED, _("visas inte, eftersom ett dolt antal annars kunde räknas ut"))
ROUNDED_LEGEND = (
    "5, 10, …",
    _("antal är avrundade nedåt till femtal: 5 betyder 5–9, 10 betyder 10–14"),
)
ROUNDED_MASKED_LEGEND = (MASKED_COUNT, _("0–4: för få för att visas"))
DAYS_LEGEND = (
    (WITHHELD, _("beräknat på färre än 5 och visas därför inte")),
    (NOTHING, _("inget att beräkna")),
)


def legend() -> tuple:
    """The signs a report may show, with their meaning."""
    if _rounding_base() > 1:
        return (ROUNDED_MASKED_LEGEND, ROUNDED_LEGEND, *DAYS_LEGEND)
    return (MASKED_LEGEND, PROTECTED_LEGEND, *DAYS_LEGEND)


def _rounding_base() -> int:
    return settings.SUS_REPORT_ROUNDING


def rounded(count: int, base: int) -> int:
    """A count rounded down to a multiple of `base` (its class: 10 stands for 10–14)."""
    return base * (count // base)


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
        base = _rounding_base()
        if base > 1:
            return MASKED_COUNT if cell.value < SMALLEST_SHOWN else rounded(cell.value, base)
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
