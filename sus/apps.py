from django.apps import AppConfig


class SusConfig(AppConfig):
    name = "sus"
    verbose_name = "SUS"

    def ready(self):
        from sus import auth, checks  # noqa: F401  (registers the system checks and receivers)
