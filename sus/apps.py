from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate


class SusConfig(AppConfig):
    name = "sus"
    verbose_name = "SUS"

    def ready(self):
        from sus import auth, checks  # noqa: F401  (registers the system checks and receivers)

        pre_migrate.connect(lift_statement_timeout, dispatch_uid="sus-lift-statement-timeout")
        post_migrate.connect(reset_statement_timeout, dispatch_uid="sus-reset-statement-timeout")


def lift_statement_timeout(using="default", **kwargs):
    """Migrations may take longer than a web request's statement limit (an index on a large
    table): lift it for the migrating connection."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def reset_statement_timeout(using="default", **kwargs):
    """Back to the connection's own limit once the migrations are done."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
