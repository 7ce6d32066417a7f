from django.contrib import admin

from sus.admin import ReadOnlyAdmin
from transitions.models import (
    Anstallningstyp,
    AvbrutetAnswers,
    AvslutatAnswers,
    AvslutGKAnswers,
    BegaranAnswers,
    Consent,
    Forsorjning,
    InvolveradAktor,
    OfficePeriod,
    Participation,
    Programtyp,
    TidOffentligForsorjning,
    Transition,
    Utbildningsniva,
)


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
        "fk_office",
        "started_on",
    ]
    search_fields = ["public_id"]
    id_search_fields = ("public_id",)
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
    search_fields = ["participation__public_id"]
    id_search_fields = ("participation__public_id",)
    fields = ["participation", "given_on", "withdrawn_on", "confirmed_at"]
    ordering = ["-given_on"]


@admin.register(OfficePeriod)
class OfficePeriodAdmin(ReadOnlyAdmin):
    list_display = ["participation", "sequence", "af_office", "fk_office", "valid_from"]
    list_select_related = ["participation", "af_office", "fk_office"]
    list_filter = ["af_office"]
    search_fields = ["=participation__public_id", "af_office__name", "fk_office__name"]
    fields = ["participation", "sequence", "af_office", "fk_office", "valid_from", "registered_at"]
    ordering = ["-valid_from"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = [
        "participation",
        "sequence",
        "from_type",
        "to_type",
        "date",
        "ended_on",
        "answers_complete",
        "registered_at",
    ]
    list_select_related = ["participation"]
    list_filter = ["to_type", "from_type", "answers_complete", "date"]
    search_fields = ["participation__public_id"]
    id_search_fields = ("participation__public_id",)
    ordering = ["-date", "-id"]


class LookupAdmin(admin.ModelAdmin):
    """Lookup lists are edited here. Values in use cannot be deleted: deactivate them."""

    list_display = ["label", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["label"]
    ordering = ["position", "label"]

    def has_delete_permission(self, request, obj=None):
        # Saved answers refer to the values (multiple-choice answers would silently lose them).
        return False


for model in (
    Anstallningstyp,
    TidOffentligForsorjning,
    Utbildningsniva,
    Programtyp,
    InvolveradAktor,
):
    admin.site.register(model, LookupAdmin)


@admin.register(Forsorjning)
class ForsorjningAdmin(LookupAdmin):
    list_display = ["label", "position", "is_public", "is_active"]
    list_editable = ["position", "is_public", "is_active"]


class AnswersAdmin(ReadOnlyAdmin):
    list_display = ["transition", "answered_at"]
    list_select_related = ["transition"]
    list_filter = ["transition__to_type", "answered_at"]
    search_fields = ["transition__participation__public_id"]
    id_search_fields = ("transition__participation__public_id",)
    ordering = ["-id"]  # the order they were given in, by the primary key's index


for model in (BegaranAnswers, AvslutGKAnswers, AvslutatAnswers, AvbrutetAnswers):
    admin.site.register(model, AnswersAdmin)
