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
    problems += _production_problems()
    return problems


def _production_problems() -> list:
    if settings.SUS_PROFILE != "production":
        return []
    problems = []
    if not settings.SUS_RETENTION_YEARS_SET:
        problems.append(
            Error(
                "SUS_RETENTION_YEARS must be set in the production profile.",
                hint="Set the gallring period (years after closing) the agencies decided.",
                id="sus.E002",
            )
        )
    if settings.DEBUG:
        problems.append(
            Error(
                "DEBUG must be off in the production profile.",
                hint="Unset DEBUG, or choose SUS_PROFILE=development on a developer machine.",
                id="sus.E003",
            )
        )
    if not settings.SUS_REQUIRE_OTP:
        problems.append(
            Warning(
                "Logins do not require a second factor (SUS_REQUIRE_OTP is off).",
                hint="Production requires it (OWASP ASVS level 2, V6.3).",
                id="sus.W002",
            )
        )
    return problems
