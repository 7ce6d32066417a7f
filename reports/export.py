"""Export of the shown table: CSV (semicolon-separated, UTF-8 with BOM, the page's texts — so
Swedish Excel opens it as is) and Excel (openpyxl; numbers stay numbers, masked cells are the
same texts as on the page). Both contain exactly the table's header and rows."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from reports.masking import display_rows, masked_rows
from reports.tables import Table

CSV = "csv"
EXCEL = "xlsx"
FORMATS = (CSV, EXCEL)
EXCEL_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(table: Table, name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(display_rows(table))
    return _attachment(response, f"{slugify(name)}.csv")


def excel_bytes(table: Table, name: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = slugify(name)[:31] or "rapport"
    workbook.properties.title = table.caption
    sheet.append(table.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in masked_rows(table):
        sheet.append(row)
    sheet.freeze_panes = sheet.cell(row=2, column=len(table.row_titles) + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def excel_response(table: Table, name: str) -> HttpResponse:
    response = HttpResponse(excel_bytes(table, name), content_type=EXCEL_TYPE)
    return _attachment(response, f"{slugify(name)}.xlsx")


def export_response(table: Table, *, name: str, format: str) -> HttpResponse | None:
    """The table as a file in `format`, or None for the page."""
    if format == CSV:
        return csv_response(table, name)
    if format == EXCEL:
        return excel_response(table, name)
    return None
