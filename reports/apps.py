from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")

    def ready(self):
        post_migrate.connect(triggers_again, sender=self, dispatch_uid="reports.triggers_again")


def triggers_again(sender, using, **kwargs):
    """After every `migrate`: the change triggers created again where one is missing (a table
    rebuilt by SQLite loses its triggers; sus.db.create_missing_triggers)."""
    from reports import triggers
    from sus.db import create_missing_triggers

    connection = connections[using]
    create_missing_triggers(connection, triggers.statements(connection.vendor))
