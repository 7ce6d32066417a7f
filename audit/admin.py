from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.models import AccessLog, AuditRecord
from audit.services import subject_key
from participants.models import Person
from participants.personnummer import parse
from sus.admin import ReadOnlyAdmin
from sus.models import SubmittedForm


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


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    """Who saw which participant. Search by personnummer finds the rows of that person (the
    number itself is never stored in the log), or by user name or participation id."""

    list_display = ["at", "user", "page", "outcome", "person_ref", "participation_ref"]
    list_select_related = ["user"]
    list_filter = ["outcome", "page", ("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    search_help_text = _("Personnummer, användarnamn eller medverkans id.")
    date_hierarchy = "at"
    ordering = ["-at", "-id"]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        try:
            pnr = parse(term)
        except ValidationError:
            pass
        else:
            person_ids = Person.objects.filter(personnummer=pnr.value).values("pk")
            return (
                queryset.filter(Q(person_ref__in=person_ids) | Q(subject=subject_key(pnr.value))),
                False,
            )
        if len(term) == 36 and term.count("-") == 4:
            return queryset.filter(participation_ref=term), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(SubmittedForm)
class SubmittedFormAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "token"]
    list_filter = [("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["=token", "user__username"]
    list_select_related = ["user"]
    ordering = ["-at"]
