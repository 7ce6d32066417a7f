"""Diagrams drawn on the server as SVG: a horizontal bar chart of a `Table`'s chart columns
(grouped by measure when offices are compared, one bar per office), and a line chart of a
table of months.

No script, no third-party origin and no style attributes (the Content-Security-Policy forbids
them): colours come from classes in static/css/reports.css. The SVG is one image to assistive
technology (role="img" with a <title> that says what it shows); the table below it carries the
same numbers as text. Labels are the table's words, wrapped, never cut off. Masked values are
drawn as their text only, never as a bar whose length (or a point whose height) would reveal
them.
"""

import math
import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports.masking import display, masked
from reports.tables import Row, Table

CHAR_WIDTH = 7  # an estimate at font-size 12, to leave room for the labels
LINE_HEIGHT = 15
BAR_AREA = 420
BAR_HEIGHT = 16
BAR_GAP = 2
ROW_GAP = 12
LEGEND_HEIGHT = 28
VALUE_ROOM = 70
MAX_LABEL_CHARS = 40
GROUP_CHARS = 90


def _text(x, y, text, *, anchor="start", css="report-chart-text") -> str:
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" dominant-baseline="middle" '
        f'font-size="12" class="{css}">{escape(text)}</text>'
    )


def _lines(x, y, lines: list[str], *, anchor="start", css="report-chart-text") -> list[str]:
    """Lines of text centred on `y`."""
    top = y - (len(lines) - 1) * LINE_HEIGHT / 2
    return [
        _text(x, top + i * LINE_HEIGHT, line, anchor=anchor, css=css)
        for i, line in enumerate(lines)
    ]


def _svg(chart_id: str, title: str, width, height, parts: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'aria-labelledby="{chart_id}-title" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
    )
    # Safe: every text in parts went through escape(); the rest is numbers and class names.
    return mark_safe(head + "".join(parts) + "</svg>")  # nosec B308 B703


def _legend(series: list[str], x: int, *, mark) -> tuple[list[str], int]:
    """One entry per series when there are several: (svg parts, the legend's width)."""
    if len(series) < 2:
        return [], 0
    parts, start = [], x
    for i, name in enumerate(series):
        parts.append(mark(i, x))
        parts.append(_text(x + 20, 12, name))
        x += 20 + CHAR_WIDTH * len(name) + 24
    return parts, x - start


def _bar_mark(i, x) -> str:
    return f'<rect x="{x}" y="6" width="12" height="12" class="report-bar series-{i}"/>'


def _groups(table: Table) -> list[tuple[str | None, list[tuple[str, Row]]]]:
    """(group title, [(bar label, row)]): one group per measure when offices are compared (the
    rows are office, measure), else one untitled group of the measures."""
    if len(table.row_titles) < 2:
        return [(None, [(row.headers[-1], row) for row in table.rows])]
    groups: dict[str, list] = {}
    for row in table.rows:
        groups.setdefault(row.headers[-1], []).append((row.headers[0], row))
    return list(groups.items())


def bar_chart(table: Table, *, chart_id: str, title: str) -> SafeString | None:
    """The table's chart columns as bars, one series per column; None for an empty table."""
    if not table.rows:
        return None
    series = [table.columns[i] for i in table.chart_columns]
    numbers = [
        v
        for row in table.rows
        for v in (masked(row.cells[i]) for i in table.chart_columns)
        if isinstance(v, int | float)
    ]
    largest = max(numbers, default=0) or 1
    groups = _groups(table)
    wrapped = {
        id(row): textwrap.wrap(label, MAX_LABEL_CHARS) or [""]
        for _title, items in groups
        for label, row in items
    }
    label_width = CHAR_WIDTH * max(len(line) for lines in wrapped.values() for line in lines)
    left = label_width + 12
    legend, legend_width = _legend(series, left, mark=_bar_mark)
    top = LEGEND_HEIGHT if legend else 0
    width = max(left + BAR_AREA + VALUE_ROOM, left + legend_width, CHAR_WIDTH * GROUP_CHARS)
    parts, y = list(legend), top + ROW_GAP
    for group_title, items in groups:
        if group_title is not None:
            lines = textwrap.wrap(group_title, GROUP_CHARS)
            y += LINE_HEIGHT / 2
            parts += _lines(0, y + (len(lines) - 1) * LINE_HEIGHT / 2, lines, css="report-group")
            y += len(lines) * LINE_HEIGHT
        for _label, row in items:
            lines = wrapped[id(row)]
            bars = len(series) * (BAR_HEIGHT + BAR_GAP)
            height = max(bars, len(lines) * LINE_HEIGHT)
            parts += _lines(label_width, y + height / 2, lines, anchor="end")
            bar_y = y + (height - bars) / 2
            for i, column in enumerate(table.chart_columns):
                value = masked(row.cells[column])
                bar = round(BAR_AREA * value / largest) if isinstance(value, int | float) else 0
                if bar:
                    parts.append(
                        f'<rect x="{left}" y="{bar_y}" width="{bar}" height="{BAR_HEIGHT}" '
                        f'class="report-bar series-{i}"/>'
                    )
                parts.append(_text(left + bar + 4, bar_y + BAR_HEIGHT / 2, display(value)))
                bar_y += BAR_HEIGHT + BAR_GAP
            y += height + ROW_GAP
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{y}" class="report-axis"/>')
    return _svg(chart_id, title, width, y + ROW_GAP, parts)


# --- line chart of months ---------------------------------------------------------------------

PLOT_HEIGHT = 240
STEP_MIN = 28
PLOT_WIDTH = 840
AXIS_ROOM = 56
TICKS = 4


def _nice_top(largest: float) -> float:
    """The axis' top: 1, 2, 2.5 or 5 times a power of ten, at least `largest`."""
    if largest <= 0:
        return TICKS
    power = 10 ** math.floor(math.log10(largest / TICKS))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power * TICKS >= largest:
            return factor * power * TICKS
    return 10 * power * TICKS  # pragma: no cover - the loop always returns


def _line_mark(i, x) -> str:
    return (
        f'<line x1="{x}" y1="12" x2="{x + 16}" y2="12" class="report-line series-{i}"/>'
        f'<circle cx="{x + 8}" cy="12" r="3" class="report-point series-{i}"/>'
    )


def line_chart(
    table: Table, *, chart_id: str, title: str, short_labels: list[tuple[str, str]]
) -> SafeString | None:
    """The chart columns of a table with one row per month as lines, one per column.
    `short_labels`: per row, the month's short name and the year to print under January and
    the first month. A masked value is a gap in its line."""
    if not table.rows:
        return None
    series = [table.columns[i] for i in table.chart_columns]
    values = [[masked(row.cells[i]) for row in table.rows] for i in table.chart_columns]
    numbers = [v for line in values for v in line if isinstance(v, int | float)]
    top_value = _nice_top(max(numbers, default=0))
    step = max(STEP_MIN, PLOT_WIDTH // len(table.rows))
    left = AXIS_ROOM
    legend, legend_width = _legend(series, left, mark=_line_mark)
    plot_top = (LEGEND_HEIGHT if legend else 0) + 2 * ROW_GAP
    bottom = plot_top + PLOT_HEIGHT
    width = max(left + step * len(table.rows) + ROW_GAP, left + legend_width)
    parts = list(legend)
    for tick in range(TICKS + 1):
        value = top_value * tick / TICKS
        y = bottom - PLOT_HEIGHT * tick / TICKS
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{width - ROW_GAP}" y2="{y}" class="report-grid"/>'
        )
        shown = display(value if value != int(value) else int(value))
        parts.append(_text(left - 6, y, shown, anchor="end"))

    def x_of(index: int) -> float:
        return left + step * index + step / 2

    for index, (month, year) in enumerate(short_labels):
        parts.append(_text(x_of(index), bottom + LINE_HEIGHT, month, anchor="middle"))
        if year:
            parts.append(_text(x_of(index), bottom + 2 * LINE_HEIGHT, year, anchor="middle"))
    for i, line in enumerate(values):
        points = [
            (x_of(index), bottom - PLOT_HEIGHT * value / top_value)
            if isinstance(value, int | float)
            else None
            for index, value in enumerate(line)
        ]
        run: list[tuple[float, float]] = []
        for point in [*points, None]:  # a None ends the run: a gap in the line
            if point is not None:
                run.append(point)
                continue
            if len(run) > 1:
                coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(f'<polyline points="{coordinates}" class="report-line series-{i}"/>')
            parts += [
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="report-point series-{i}"/>'
                for x, y in run
            ]
            run = []
    axis = f'x1="{left}" y1="{bottom}" x2="{width}" y2="{bottom}"'
    parts.append(f'<line {axis} class="report-axis"/>')
    return _svg(chart_id, title, width, bottom + 3 * LINE_HEIGHT, parts)
