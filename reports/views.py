"""The two report screens. Each binds its GET form, builds the report's `Table` and shows it as
diagram and table — or, with ?format=csv or ?format=xlsx, returns that same table as a file.
Their reads go to the reports database (a streaming replica when one is configured,
sus/routers.py); the access check before them reads the primary."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from offices.screens import screen_required
from reports.charts import bar_chart
from reports.export import export_response
from reports.forms import ParticipantReportForm, StandardReportForm
from reports.masking import display_rows, legend
from reports.queries import PARTICIPANT_REPORTS, ReportType, standard_report
from reports.tables import Table
from sus.db import statement_timeout
from sus.ratelimits import rate_limit
from sus.routers import reads_from_reports_database

TOO_MANY_REPORTS = gettext_lazy(
    "Du har tagit fram många rapporter på kort tid. Vänta en minut och försök igen."
)
# A report run (or export) is a request with the form's values; the empty form is free.
report_runs = rate_limit(
    group="reports",
    rate_setting="SUS_REPORT_RATE",
    counts=lambda request: bool(request.GET),
    message=TOO_MANY_REPORTS,
)

# A report's transaction: its own statement limit and more memory for its sorts.
report_limits = statement_timeout(
    settings.SUS_REPORT_STATEMENT_TIMEOUT,
    using=settings.SUS_REPORTS_DATABASE,
    work_mem=settings.SUS_REPORT_WORK_MEM,
)


def _page(request, template: str, form, table: Table | None = None):
    context = {"form": form, "table": None}
    if table is not None:
        titles = len(table.row_titles)
        context.update(
            table=table,
            rows=[(row[:titles], row[titles:]) for row in display_rows(table)],
            chart=bar_chart(table, chart_id="report-chart"),
            legend=legend(),
        )
    return render(request, template, context)


def _file_name(title: str, form) -> str:
    scope = form.scope()
    return f"{title}-{scope.start.isoformat()}-{scope.end.isoformat()}"


@never_cache
@screen_required("reports:standard")
@report_runs
@report_limits
@reads_from_reports_database
def standard_report_view(request):
    form = StandardReportForm(request.GET or None)
    if not form.is_valid():
        return _page(request, "reports/standard.html", form)
    table = standard_report(form.scope())
    name = _file_name(_("standardrapport"), form)
    response = export_response(table, name=name, format=request.GET.get("format", ""))
    return response or _page(request, "reports/standard.html", form, table)


@never_cache
@screen_required("reports:participants")
@report_runs
@report_limits
@reads_from_reports_database
def participant_report_view(request):
    form = ParticipantReportForm(request.GET or None)
    if not form.is_valid():
        return _page(request, "reports/participants.html", form)
    report_type = ReportType(form.cleaned_data["report_type"])
    table = PARTICIPANT_REPORTS[report_type](form.scope())
    name = _file_name(f"{_('deltagarrapport')}-{report_type.label}", form)
    response = export_response(table, name=name, format=request.GET.get("format", ""))
    return response or _page(request, "reports/participants.html", form, table)
