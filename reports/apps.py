from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")

    def ready(self):
        from reports import triggers
        from sus.db import keep_triggers

        # a table rebuilt by SQLite loses its change triggers: created again after every migrate
        keep_triggers(self, triggers.statements)
