from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = _("Organisation och behörigheter")

    def ready(self):
        from offices import sessions  # noqa: F401  (connects the session receivers)
