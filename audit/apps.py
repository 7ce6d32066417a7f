from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Granskningslogg")

    def ready(self):
        from audit import append_only  # noqa: F401  (registers the SQLite function)
