"""The table every report produces. The page's table, its diagram, the CSV and the Excel file
are all drawn from one `Table`, so an export is exactly the shown table by construction.

Cells hold the exact numbers; `reports.masking` decides what may be shown of them.
"""

from dataclasses import dataclass, field, replace


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


@dataclass
class Table:
    caption: str
    row_titles: tuple[str, ...]
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    chart_columns: tuple[int, ...] = (0,)  # the columns the diagram draws, one series each
    chart_unit: str = "antal"
    notes: tuple[str, ...] = ()
    # A comparison shown one office per column group: the offices, and the columns under each
    # (then `columns` holds "office – column" for the exported files).
    column_groups: tuple[str, ...] = ()
    group_columns: tuple[str, ...] = ()
    chart_title: str = ""  # what the diagram shows, e.g. "Median i dagar"

    @property
    def header(self) -> list[str]:
        return [*self.row_titles, *self.columns]


def by_office(table: Table) -> Table:
    """A comparison (rows repeated per office: office, measure) as one row per measure and one
    column (group) per office, in the offices' order. Other tables are returned as they are.
    The cells are the same objects, so masking is unchanged."""
    if len(table.row_titles) < 2:
        return table
    offices = list(dict.fromkeys(row.headers[0] for row in table.rows))
    cells: dict[tuple, tuple] = {}
    for row in table.rows:
        cells.setdefault(row.headers[1:], {})[row.headers[0]] = row.cells
    sub = table.columns
    grouped = len(sub) > 1
    return replace(
        table,
        row_titles=table.row_titles[1:],
        columns=tuple(
            f"{office} – {column}" if grouped else office for office in offices for column in sub
        ),
        rows=[
            Row(headers=headers, cells=tuple(c for office in offices for c in by[office]))
            for headers, by in cells.items()
        ],
        column_groups=tuple(offices) if grouped else (),
        group_columns=sub if grouped else (),
    )
