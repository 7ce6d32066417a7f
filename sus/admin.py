from django.contrib import admin

from sus.models import SignInIdentity, SubmittedForm


class ReadOnlyAdmin(admin.ModelAdmin):
    """For logs, histories and participant data: they change only through the services (rules,
    locks, audit), so admin shows them and nothing more. Participant tables show the statistical
    shell only: names and personnummer are seen by caseworkers, on the logged participant pages.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubmittedForm)
class SubmittedFormAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "token"]
    list_filter = [("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["=token", "user__username"]
    list_select_related = ["user"]
    ordering = ["-at"]


class SignInIdentityInline(admin.StackedInline):
    """On the user's admin page: the identity provider's id for the person and the break-glass
    flag (docs/security.md). Changes are audited with the user's other inline rows."""

    model = SignInIdentity
    extra = 1
    max_num = 1
    can_delete = False
    fields = ["subject", "break_glass"]
