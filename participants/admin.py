from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.models import AccessLog
from audit.services import subject_key
from participants.models import (
    AnonymousCount,
    County,
    Municipality,
    Person,
    RegisterPerson,
    Stadsdel,
)
from participants.personnummer import parse
from sus.admin import ReadOnlyAdmin


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    ordering = ["code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county"]
    list_select_related = ["county"]
    list_filter = ["county"]
    search_fields = ["code", "name"]
    ordering = ["name"]


@admin.register(Stadsdel)
class StadsdelAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "is_active"]
    list_select_related = ["municipality"]
    list_filter = ["municipality", "is_active"]
    search_fields = ["name"]
    ordering = ["municipality__name", "name"]


@admin.register(RegisterPerson)
class RegisterPersonAdmin(admin.ModelAdmin):
    """The embedded demo register: fictitious people only."""

    list_display = ["personnummer", "first_name", "last_name", "municipality", "protected_identity"]
    list_select_related = ["municipality"]
    list_filter = ["protected_identity", ("municipality", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["personnummer", "first_name", "last_name"]
    autocomplete_fields = ["municipality"]
    ordering = ["personnummer"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["id", "sex", "birth_year", "municipality", "personal_data_removed_at"]
    list_select_related = ["municipality"]
    list_filter = ["sex", "municipality"]
    search_fields = ["=id", "=participations__public_id"]
    search_help_text = "Personens id eller en medverkans id."
    fields = ["sex", "birth_year", "municipality", "personal_data_removed_at"]
    ordering = ["-id"]


@admin.register(AnonymousCount)
class AnonymousCountAdmin(ReadOnlyAdmin):
    list_display = ["year", "af_office", "fk_office", "women", "men", "registered_at"]
    list_select_related = ["af_office", "fk_office"]
    list_filter = ["year", "af_office"]
    search_fields = ["af_office__name", "fk_office__name"]
    ordering = ["-year", "-registered_at"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    """Who saw which participant. Search by personnummer finds the rows of that person (the
    number itself is never stored in the log), or by user name or participation id."""

    list_display = ["at", "user", "page", "outcome", "person_ref", "participation_ref"]
    list_select_related = ["user"]
    list_filter = ["outcome", "at"]  # no "page": its values would be read from every row
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    search_help_text = _("Personnummer, användarnamn eller medverkans id.")
    ordering = ["-at", "-id"]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        try:
            pnr = parse(term)
        except ValidationError:
            pass
        else:
            # The person's id read first: with the ids known the planner reads the two indexes
            # (a few rows, then sorted) instead of walking the whole log by time.
            person_ids = list(
                Person.objects.filter(personnummer=pnr.value).values_list("pk", flat=True)
            )
            return (
                queryset.filter(Q(person_ref__in=person_ids) | Q(subject=subject_key(pnr.value))),
                False,
            )
        if len(term) == 36 and term.count("-") == 4:
            return queryset.filter(participation_ref=term), False
        return super().get_search_results(request, queryset, search_term)
