"""Settings helpers that read the environment, apart from settings.py so tests can call them."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-in-production"


def secret_key(env: environ.Env, *, debug: bool) -> str:
    """The SECRET_KEY from the environment; a development default only while DEBUG is on."""
    value = env.str("SECRET_KEY", default="")
    if value:
        return value
    if debug:
        return DEVELOPMENT_SECRET_KEY
    raise ImproperlyConfigured(
        "SECRET_KEY saknas. Sätt miljövariabeln SECRET_KEY (krävs när DEBUG är av)."
    )


def database(env: environ.Env, *, base_dir: Path) -> dict:
    """The default database from DATABASE_URL, tuned per engine.

    SQLite (the default, a file in the project) runs in WAL mode and opens write transactions
    with BEGIN IMMEDIATE, so concurrent writers wait for the lock instead of failing with
    "database is locked" half-way through a transaction. PostgreSQL uses psycopg 3 with Django's
    connection pool.
    """
    default_url = f"sqlite:///{base_dir / 'db.sqlite3'}"
    config = env.db_url("DATABASE_URL", default=default_url)
    engine = config["ENGINE"]
    options = config.setdefault("OPTIONS", {})
    if engine == "django.db.backends.sqlite3":
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", 20)
        options.setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        )
    elif engine == "django.db.backends.postgresql":
        if env.bool("DATABASE_POOL", default=True):
            options.setdefault(
                "pool", {"min_size": 1, "max_size": env.int("DATABASE_POOL_MAX", 10)}
            )
        config["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must not
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL måste peka på PostgreSQL eller SQLite, inte {engine}."
        )
    config.setdefault("ATOMIC_REQUESTS", False)
    return config
