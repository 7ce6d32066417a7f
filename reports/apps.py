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
    """SQLite drops a table's triggers when a migration rebuilds the table (its way of adding a
    required column, for one), so after every `migrate` the change triggers are created again
    there (each statement drops the trigger before it creates it). PostgreSQL alters a table in
    place and keeps them."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    from reports import triggers

    with connection.cursor() as cursor:
        for statement in triggers.statements(connection.vendor):
            cursor.execute(statement)
