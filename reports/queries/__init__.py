"""The reports: each function takes a `Scope` and returns a `Table`, with a constant number of
aggregate queries whatever the number of participants."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.queries.background import background_report
from reports.queries.background import stored_parts as background_parts
from reports.queries.flow import flow_report
from reports.queries.flow import stored_parts as flow_parts
from reports.queries.lead_times import lead_times_report
from reports.queries.lead_times import stored_parts as lead_time_parts
from reports.queries.outcome import outcome_report
from reports.queries.outcome import stored_parts as outcome_parts
from reports.queries.standard import standard_report
from reports.queries.standard import stored_parts as standard_parts


class ReportType(models.TextChoices):
    """The report types of "Deltagarrapport Af/FK-samarbete"."""

    LEAD_TIMES = "LEDTIDER", _("Ledtider")
    FLOW = "FLODE", _("Flöde")
    OUTCOME = "EFTER", _("Sysselsättning och försörjning efter samarbetet")
    BACKGROUND = "BAKGRUND", _("Bakgrund")


PARTICIPANT_REPORTS = {
    ReportType.LEAD_TIMES: lead_times_report,
    ReportType.FLOW: flow_report,
    ReportType.OUTCOME: outcome_report,
    ReportType.BACKGROUND: background_report,
}


def stored_parts() -> dict:
    """Name → (function, whether also compared over offices) of the report parts stored by
    `reports.parts`, for filling ahead."""
    return {
        **outcome_parts(),
        **background_parts(),
        **lead_time_parts(),
        **flow_parts(),
        **standard_parts(),
    }


__all__ = ["PARTICIPANT_REPORTS", "ReportType", "standard_report", "stored_parts"]
