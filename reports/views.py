"""The two report screens. Each binds its GET form, builds the report's `Table` and shows it as
diagram and table — or, with ?format=csv or ?format=xlsx, returns that same table as a file.
A comparison of offices is shown with one column (group) per office (`by_office`), in the page
and the files alike; "Per månad" shows Ledtider or Flöde month by month as a line diagram.
Their reads go to the reports database (a streaming replica when one is configured,
sus/routers.py); the access check before them reads the primary."""

from django.conf import settings
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from offices.screens import screen_required
from reports.charts import bar_chart, line_chart
from reports.export import export_response, file_name
from reports.forms import ParticipantReportForm, StandardReportForm
from reports.masking import display_rows, legend
from reports.queries import PARTICIPANT_REPORTS, ReportType, standard_report
from reports.queries.monthly import flow_by_month, lead_times_by_month, months, short_labels
from reports.scope import Scope, about, period_text, place_text
from reports.tables import Table, by_office
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
MONTHLY_REPORTS = {ReportType.LEAD_TIMES: lead_times_by_month, ReportType.FLOW: flow_by_month}
CHART_ID = "report-chart"

# A report's transaction: its own statement limit and more memory for its sorts.
report_limits = statement_timeout(
    settings.SUS_REPORT_STATEMENT_TIMEOUT,
    using=settings.SUS_REPORTS_DATABASE,
    work_mem=settings.SUS_REPORT_WORK_MEM,
)


def _chart_description(table: Table, scope: Scope) -> str:
    """What the diagram shows, in words: measure and unit, period, level (and comparison)."""
    parts = [table.chart_title, f"{_('period')} {period_text(scope)}"]
    parts.append(f"{_('nivå')} {place_text(scope)}")
    if scope.compare_agency is not None:
        parts.append(_("en stapel per kontor"))
    if scope.split_by_sex:
        parts.append(_("uppdelat på kön"))
    return ", ".join(parts) + "."


def _page(request, template: str, form, table: Table | None = None, *, monthly=False):
    context = {"form": form, "table": None}
    if table is not None:
        scope = form.scope()
        shown = by_office(table)
        titles = len(shown.row_titles)
        description = _chart_description(table, scope)
        if monthly:
            chart = line_chart(
                table,
                chart_id=CHART_ID,
                title=description,
                short_labels=short_labels(months(scope)),
            )
        else:
            chart = bar_chart(table, chart_id=CHART_ID, title=description)
        context.update(
            table=shown,
            rows=[(row[:titles], row[titles:]) for row in display_rows(shown)],
            chart=chart,
            chart_description=description,
            monthly=monthly,
            legend=legend(),
        )
    return render(request, template, context)


def _export(request, table: Table, form, report: str, *parts: str):
    scope = form.scope()
    made = formats.date_format(timezone.localtime(), "Y-m-d H:i")
    head = [(_("Rapport"), report), *about(scope), (_("Framtagen"), made)]
    name = file_name(
        report,
        *parts,
        place_text(scope),
        scope.compare_agency and _("jämförelse %(agency)s") % {"agency": scope.compare_agency},
        scope.start.isoformat(),
        scope.end.isoformat(),
    )
    return export_response(
        by_office(table), name=name, head=head, format=request.GET.get("format", "")
    )


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
    response = _export(request, table, form, _("Standardrapport – status"))
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
    report = f"{_('Deltagarrapport')} – {report_type.label}"
    if form.monthly:
        table = MONTHLY_REPORTS[report_type](form.scope(), form.monthly_measure)
        step = form.monthly_measure.replace(">", f" {_('till')} ").strip()
        response = _export(request, table, form, report, _("per månad"), step)
    else:
        table = PARTICIPANT_REPORTS[report_type](form.scope())
        response = _export(request, table, form, report)
    template = "reports/participants.html"
    return response or _page(request, template, form, table, monthly=form.monthly)
