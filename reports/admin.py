from django.contrib import admin

from reports.models import ReportChange, ReportPart
from sus.admin import ReadOnlyAdmin


@admin.register(ReportPart)
class ReportPartAdmin(ReadOnlyAdmin):
    """The reports' stored parts (reports.parts): counts by office and kön, no person.
    Deleting them is safe: a report computes what it misses."""

    list_display = ["first_day", "last_day", "span", "snapshot", "computed_at"]
    list_filter = ["span"]
    ordering = ["-first_day"]
    exclude = ["results"]

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ReportChange)
class ReportChangeAdmin(ReadOnlyAdmin):
    """Days of the history changed, as the database triggers recorded them."""

    list_display = ["day", "xact", "created_at"]
    ordering = ["-created_at"]
