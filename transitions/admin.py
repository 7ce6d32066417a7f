from django.contrib import admin

from sus.admin import ReadOnlyAdmin
from transitions.models import (
    Anstallningstyp,
    AvbrutetAnswers,
    AvslutatAnswers,
    AvslutGKAnswers,
    BegaranAnswers,
    Forsorjning,
    InvolveradAktor,
    Programtyp,
    TidOffentligForsorjning,
    Transition,
    Utbildningsniva,
)


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
    list_filter = ["to_type", "from_type", "answers_complete"]
    search_fields = ["participation__public_id"]
    date_hierarchy = "date"
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
    list_filter = ["transition__to_type"]
    search_fields = ["=transition__participation__public_id"]
    date_hierarchy = "answered_at"
    ordering = ["-answered_at"]


for model in (BegaranAnswers, AvslutGKAnswers, AvslutatAnswers, AvbrutetAnswers):
    admin.site.register(model, AnswersAdmin)
