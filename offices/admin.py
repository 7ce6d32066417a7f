from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from offices.models import Area, Office, RoleGrant, Uppdrag, User
from offices.rules import validate_role_combination


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    ordering = ["kind", "name"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "agency",
        "marknadsomrade",
        "arbetsmarknadsomrade",
        "verksamhetsomrade",
        "is_active",
    ]
    list_select_related = ["marknadsomrade", "arbetsmarknadsomrade", "verksamhetsomrade"]
    list_filter = ["agency", "series", "is_active", "verksamhetsomrade", "marknadsomrade"]
    search_fields = ["name"]
    ordering = ["agency", "name", "series"]

    def has_delete_permission(self, request, obj=None):
        # Offices are closed (inactive), never deleted: history refers to them.
        return False


class RoleGrantFormSet(BaseInlineFormSet):
    """Checks the incompatibilities over all the user's roles as edited, at once."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        grants = [
            (
                form.cleaned_data["role"],
                form.cleaned_data["valid_from"],
                form.cleaned_data["valid_to"],
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        validate_role_combination(user=self.instance, existing=grants)


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    formset = RoleGrantFormSet
    extra = 0
    can_delete = False  # a role is ended (valid to), never deleted: it is history


class UppdragInline(admin.TabularInline):
    model = Uppdrag
    extra = 0
    can_delete = False  # an uppdrag is ended (valid to), never deleted: it is history
    autocomplete_fields = ["office"]
    fields = ["role", "office", "agency", "valid_from", "valid_to"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("SUS"), {"fields": ("agency", "is_bestallare")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("SUS"), {"fields": ("first_name", "last_name", "agency", "is_bestallare")}),
    )
    list_display = ["username", "first_name", "last_name", "agency", "is_bestallare", "is_active"]
    list_filter = ["agency", "is_bestallare", "is_active", "is_staff", "role_grants__role"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["last_name", "first_name", "username"]
    inlines = [RoleGrantInline, UppdragInline]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "valid_from", "valid_to"]
    list_select_related = ["user"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    ordering = ["user__last_name", "user__first_name", "role"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Uppdrag)
class UppdragAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "target_label", "valid_from", "valid_to"]
    list_select_related = ["user", "office"]
    list_filter = ["role", "agency", "office"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "office__name"]
    autocomplete_fields = ["user", "office"]
    ordering = ["user__last_name", "user__first_name", "role"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("kontor eller organisation"))
    def target_label(self, obj):
        return obj.target_label
