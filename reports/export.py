"""Export of the shown table: CSV (semicolon-separated, UTF-8 with BOM, the page's texts — so
Swedish Excel opens it as is) and Excel (openpyxl; numbers stay numbers, masked cells are the
same texts as on the page). Both start with a head that says what the file holds (report,
period, level, comparison, kön, urval and when it was made), then an empty line, then exactly
the table's header and rows. The file name says the same in ASCII (no personal data: a report
holds none, and the name is built from the report, level and period only)."""

import csv
import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from reports.masking import display_rows, masked_rows
from reports.tables import Table

CSV = "csv"
EXCEL = "xlsx"
FORMATS = (CSV, EXCEL)
EXCEL_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(*parts: str | None) -> str:
    """ASCII-safe: "Flöde", "Af Malmö" → "flode", "af-malmo"; empty parts are left out."""
    slugs = (slugify(part) for part in parts if part)
    return "-".join(slug for slug in slugs if slug) or "rapport"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_response(table: Table, name: str, head: list[tuple[str, str]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerows([label, text] for label, text in head)
    writer.writerow([])
    writer.writerow(table.header)
    writer.writerows(display_rows(table))
    return _attachment(response, f"{name}.csv")


def excel_bytes(table: Table, name: str, head: list[tuple[str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = name[:31]
    workbook.properties.title = table.caption
    for label, text in head:
        sheet.append([label, text])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    sheet.append(table.header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in masked_rows(table):
        sheet.append(row)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=len(table.row_titles) + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def excel_response(table: Table, name: str, head: list[tuple[str, str]]) -> HttpResponse:
    response = HttpResponse(excel_bytes(table, name, head), content_type=EXCEL_TYPE)
    return _attachment(response, f"{name}.xlsx")


def export_response(
    table: Table, *, name: str, head: list[tuple[str, str]], format: str
) -> HttpResponse | None:
    """The table as a file in `format` (its name `name` without suffix, from `file_name`),
    or None for the page."""
    if format == CSV:
        return csv_response(table, name, head)
    if format == EXCEL:
        return excel_response(table, name, head)
    return None
