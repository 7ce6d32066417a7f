"""Invariants of the configuration, as Django system checks."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_configuration(app_configs, **kwargs):
    problems = []
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        options = settings.DATABASES["default"].get("OPTIONS", {})
        if options.get("transaction_mode") != "IMMEDIATE":
            problems.append(
                Error(
                    "SQLite must open write transactions with BEGIN IMMEDIATE.",
                    hint="Set OPTIONS['transaction_mode'] = 'IMMEDIATE'.",
                    id="sus.E001",
                )
            )
    if not settings.DEBUG and engine == "django.db.backends.sqlite3":
        problems.append(
            Warning(
                "SQLite is meant for development; production runs on PostgreSQL.",
                hint="Set DATABASE_URL=postgres://...",
                id="sus.W001",
            )
        )
    return problems
