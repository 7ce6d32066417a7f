from django.contrib import admin

from participants.models import (
    AnonymousCount,
    Consent,
    County,
    Municipality,
    OfficePeriod,
    Participation,
    Person,
    RegisterPerson,
    Stadsdel,
)
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
    list_filter = ["sex", ("municipality", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["=id", "=participations__public_id"]
    search_help_text = "Personens id eller en medverkans id."
    fields = ["sex", "birth_year", "municipality", "personal_data_removed_at"]
    ordering = ["-id"]


class OfficePeriodInline(admin.TabularInline):
    model = OfficePeriod
    fields = ["sequence", "af_office", "fk_office", "valid_from", "registered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    list_display = [
        "public_id",
        "current_type",
        "started_on",
        "current_since",
        "closed_on",
        "af_office",
        "fk_office",
    ]
    list_select_related = ["af_office", "fk_office"]
    list_filter = [
        "current_type",
        "af_office__agency",
        ("fk_office", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["public_id"]
    date_hierarchy = "started_on"
    fields = [
        "public_id",
        "current_type",
        "started_on",
        "current_since",
        "closed_on",
        "af_office",
        "fk_office",
        "municipality",
        "age_at_start",
        "created_at",
    ]
    inlines = [OfficePeriodInline]
    ordering = ["-started_on", "-id"]


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["participation", "given_on", "withdrawn_on", "confirmed_at"]
    list_select_related = ["participation"]
    list_filter = ["withdrawn_on"]
    search_fields = ["=participation__public_id"]
    fields = ["participation", "given_on", "withdrawn_on", "confirmed_at"]
    ordering = ["-given_on"]


@admin.register(OfficePeriod)
class OfficePeriodAdmin(ReadOnlyAdmin):
    list_display = ["participation", "sequence", "af_office", "fk_office", "valid_from"]
    list_select_related = ["participation", "af_office", "fk_office"]
    list_filter = [("af_office", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["=participation__public_id", "af_office__name", "fk_office__name"]
    fields = ["participation", "sequence", "af_office", "fk_office", "valid_from", "registered_at"]
    ordering = ["-valid_from"]


@admin.register(AnonymousCount)
class AnonymousCountAdmin(ReadOnlyAdmin):
    list_display = ["year", "af_office", "fk_office", "women", "men", "registered_at"]
    list_select_related = ["af_office", "fk_office"]
    list_filter = ["year", ("af_office", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["af_office__name", "fk_office__name"]
    ordering = ["-year", "-registered_at"]
