from django.contrib import admin
from django.contrib.admin.models import LogEntry

from audit.models import AuditRecord
from sus.admin import ReadOnlyAdmin

# The access log's admin is registered by `participants.admin`: searching it by personnummer
# needs the people layer, which sits above this one.


@admin.register(AuditRecord)
class AuditRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_select_related = ["actor"]
    list_filter = ["at"]  # action and object type: by search, not by reading every row
    search_fields = ["=object_id", "=participation_ref", "=actor__username"]
    ordering = ["-at", "-id"]


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """Django admin's own record of every change made in admin (who, when, what)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_select_related = ["user", "content_type"]
    list_filter = ["action_flag", "content_type", "action_time"]
    search_fields = ["object_repr", "change_message", "user__username"]
    ordering = ["-action_time"]
