from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = _("Organisation och behörigheter")

    def ready(self):
        from offices import sessions  # noqa: F401  (connects the session receivers)

        post_migrate.connect(triggers_again, sender=self, dispatch_uid="offices.triggers_again")


def triggers_again(sender, using, **kwargs):
    """After every `migrate`: the access-stamp triggers created again where one is missing (a
    table rebuilt by SQLite loses its triggers; sus.db.create_missing_triggers)."""
    from offices import triggers
    from sus.db import create_missing_triggers

    connection = connections[using]
    create_missing_triggers(connection, triggers.statements(connection.vendor))
