"""Diagrams drawn on the server as SVG: a horizontal bar chart of a `Table`'s chart columns.

No script, no third-party origin and no style attributes (the Content-Security-Policy forbids
them): colours come from classes in static/css/reports.css. The SVG is one image to assistive
technology (role="img" with a <title>); the table below it carries the same numbers as text.
Masked values are drawn as their text only, never as a bar whose length would reveal them.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.masking import display, masked
from reports.tables import Table

CHAR_WIDTH = 7  # an estimate at font-size 12, to leave room for the labels
BAR_AREA = 420
BAR_HEIGHT = 16
BAR_GAP = 2
ROW_GAP = 12
LEGEND_HEIGHT = 28
VALUE_ROOM = 70
MAX_LABEL_WIDTH = 380


def _text(x, y, text, *, anchor="start", css="report-chart-text") -> str:
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" dominant-baseline="middle" '
        f'font-size="12" class="{css}">{escape(text)}</text>'
    )


def bar_chart(table: Table, *, chart_id: str) -> SafeString | None:
    """The table's chart columns as bars, one series per column; None for an empty table."""
    if not table.rows:
        return None
    series = [table.columns[i] for i in table.chart_columns]
    values = [[masked(row.cells[i]) for i in table.chart_columns] for row in table.rows]
    numbers = [v for row in values for v in row if isinstance(v, int | float)]
    largest = max(numbers, default=0) or 1
    label_width = min(MAX_LABEL_WIDTH, CHAR_WIDTH * max(len(row.label) for row in table.rows))
    left = label_width + 12
    legend = LEGEND_HEIGHT if len(series) > 1 else 0
    row_height = len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    legend_width = sum(16 + CHAR_WIDTH * len(name) + 24 for name in series) if legend else 0
    width = left + max(BAR_AREA + VALUE_ROOM, legend_width)
    height = legend + len(table.rows) * row_height + ROW_GAP
    title = _("Diagram: %(caption)s (%(unit)s). Samma siffror finns i tabellen nedan.") % {
        "caption": table.caption,
        "unit": table.chart_unit,
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'aria-labelledby="{chart_id}-title" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    x = left
    for i, name in enumerate(series if legend else ()):
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" class="report-bar series-{i}"/>')
        parts.append(_text(x + 16, 12, name))
        x += 16 + CHAR_WIDTH * len(name) + 24
    y = legend + ROW_GAP
    for row, row_values in zip(table.rows, values, strict=True):
        middle = y + (len(series) * (BAR_HEIGHT + BAR_GAP)) / 2
        label = row.label
        if CHAR_WIDTH * len(label) > MAX_LABEL_WIDTH:
            label = label[: MAX_LABEL_WIDTH // CHAR_WIDTH - 1] + "…"
        parts.append(_text(label_width, middle, label, anchor="end"))
        for i, value in enumerate(row_values):
            bar_y = y + i * (BAR_HEIGHT + BAR_GAP)
            bar = round(BAR_AREA * value / largest) if isinstance(value, int | float) else 0
            if bar:
                parts.append(
                    f'<rect x="{left}" y="{bar_y}" width="{bar}" height="{BAR_HEIGHT}" '
                    f'class="report-bar series-{i}"/>'
                )
            parts.append(_text(left + bar + 4, bar_y + BAR_HEIGHT / 2, display(value)))
        y += row_height
    parts.append(f'<line x1="{left}" y1="{legend}" x2="{left}" y2="{height}" class="report-axis"/>')
    parts.append("</svg>")
    # Safe: every text in parts went through escape() above; the rest is numbers.
    return mark_safe("".join(parts))  # nosec B308 B703
