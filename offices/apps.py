from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = _("Organisation och behörigheter")

    def ready(self):
        from offices import sessions, triggers  # noqa: F401  (sessions connects its receivers)
        from sus.db import keep_triggers

        # a table rebuilt by SQLite loses its access triggers: created again after every migrate
        keep_triggers(self, triggers.statements)
