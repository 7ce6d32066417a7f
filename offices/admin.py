from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record, snapshot
from offices.models import Area, Office, RoleGrant, Uppdrag, User
from offices.rules import validate_role_combination
from sus.admin import SignInIdentityInline
from sus.models import SignInIdentity
from sus.security import security_event

SECRET_FIELDS = ("password",)


def _admin_audit(request, *, action: str, instance, before: dict | None) -> None:
    """One admin change in the services' audit trail (before and after), and a security event.
    The password hash is never copied; a changed one shows as "password_changed"."""
    after = snapshot(instance, exclude=SECRET_FIELDS) if action != "delete" else None
    if before is not None and after is not None:
        old_hash = before.pop("_password", None)
        if old_hash is not None and old_hash != getattr(instance, "password", None):
            after["password_changed"] = True
    if before is not None:
        before.pop("_password", None)
    label = instance._meta.model_name
    audit_record(
        actor=request.user,
        action=f"admin.{label}.{action}",
        instance=instance,
        before=before,
        after=after,
    )
    security_event(
        "admin.change",
        request=request,
        model=instance._meta.label,
        object_id=instance.pk,
        action=action,
    )


def _before(instance) -> dict | None:
    """The stored values of an instance about to change (its form already holds the new ones)."""
    stored = type(instance).objects.filter(pk=instance.pk).first() if instance.pk else None
    if stored is None:
        return None
    data = snapshot(stored, exclude=SECRET_FIELDS)
    if hasattr(stored, "password"):
        data["_password"] = stored.password
    return data


class AuditedAdmin(admin.ModelAdmin):
    """Changes to users, roles and uppdrag made in admin are audited like the services' own
    (ASVS V16): who, when, what, before and after — inline rows included."""

    def save_model(self, request, obj, form, change):
        before = _before(obj) if change else None
        super().save_model(request, obj, form, change)
        _admin_audit(request, action="change" if change else "add", instance=obj, before=before)

    def delete_model(self, request, obj):
        before = _before(obj)
        _admin_audit(request, action="delete", instance=obj, before=before)
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        befores = {
            f.instance.pk: _before(f.instance)
            for f in formset.forms
            if f.instance.pk is not None and f.has_changed()
        }
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            _admin_audit(request, action="add", instance=obj, before=None)
        for obj, _fields in formset.changed_objects:
            _admin_audit(request, action="change", instance=obj, before=befores.get(obj.pk))


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
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
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
    inlines = [RoleGrantInline, UppdragInline, SignInIdentityInline]

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=unquote(id))
            audit_record(
                actor=request.user,
                action="admin.user.password",
                instance=user,
                after={"password_changed": True},
            )
            security_event(
                "admin.change",
                request=request,
                model="offices.User",
                object_id=user.pk,
                action="password",
            )
        return response


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedAdmin):
    list_display = ["user", "role", "valid_from", "valid_to"]
    list_select_related = ["user"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    ordering = ["user__last_name", "user__first_name", "role"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Uppdrag)
class UppdragAdmin(AuditedAdmin):
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


@admin.register(SignInIdentity)
class SignInIdentityAdmin(AuditedAdmin):
    """Who can sign in through the identity provider, and who has break-glass access."""

    list_display = ["user", "subject", "break_glass"]
    list_select_related = ["user"]
    list_filter = ["break_glass"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "=subject"]
    autocomplete_fields = ["user"]
    ordering = ["user__last_name", "user__first_name"]
