from django.contrib import admin


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
