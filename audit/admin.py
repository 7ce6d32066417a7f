from django.contrib import admin
from django.contrib.admin.models import LogEntry

from audit.models import AuditRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs are written by the application only; administrators read them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditRecord)
class AuditRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_select_related = ["actor"]
    list_filter = ["action", "object_type", ("actor", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_id", "participation_ref", "actor__username"]
    date_hierarchy = "at"
    ordering = ["-at", "-id"]


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """Django admin's own record of every change made in admin (who, when, what)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_select_related = ["user", "content_type"]
    list_filter = ["action_flag", "content_type", ("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    ordering = ["-action_time"]
