"""The table every report produces. The page's table, its diagram, the CSV and the Excel file
are all drawn from one `Table`, so an export is exactly the shown table by construction.

Cells hold the exact numbers; `reports.masking` decides what may be shown of them.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Number:
    """A count of participants (or of transitions). `protects`: withheld even when large, since
    a masked count beside it could otherwise be worked out (a total beside one masked part)."""

    value: int
    protects: bool = False


@dataclass(frozen=True)
class Days:
    """A median or mean number of days over `observations` periods. `whole`: show whole
    numbers without decimals (medians are whole or half days)."""

    value: float | None
    observations: int
    whole: bool = False


Cell = Number | Days


@dataclass(frozen=True)
class Row:
    headers: tuple[str, ...]
    cells: tuple[Cell, ...]
    chart_label: str = ""  # a shorter label for the diagram; default: the headers joined

    @property
    def label(self) -> str:
        return self.chart_label or " – ".join(self.headers)


@dataclass
class Table:
    caption: str
    row_titles: tuple[str, ...]
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    chart_columns: tuple[int, ...] = (0,)  # the columns the diagram draws, one series each
    chart_unit: str = "antal"
    notes: tuple[str, ...] = ()

    @property
    def header(self) -> list[str]:
        return [*self.row_titles, *self.columns]
