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


def database(env: environ.Env, *, base_dir: Path, var: str = "DATABASE_URL") -> dict:
    """A database from DATABASE_URL (or `var`), tuned per engine.

    SQLite (the default, a file in the project) runs in WAL mode and opens write transactions
    with BEGIN IMMEDIATE, so concurrent writers wait for the lock instead of failing with
    "database is locked" half-way through a transaction. PostgreSQL uses psycopg 3 with Django's
    connection pool, or none behind PgBouncer (DATABASE_PGBOUNCER).
    """
    default_url = f"sqlite:///{base_dir / 'db.sqlite3'}"
    config = env.db_url(var, default=default_url)
    engine = config["ENGINE"]
    options = config.setdefault("OPTIONS", {})
    lock_timeout = env.float("DATABASE_LOCK_TIMEOUT", default=2.0)
    statement_timeout = env.float("DATABASE_STATEMENT_TIMEOUT", default=5.0)
    if engine == "django.db.backends.sqlite3":
        options.setdefault("transaction_mode", "IMMEDIATE")
        # A writer waits this long for another's write lock, then gets the "busy" page.
        options.setdefault("timeout", env.float("SQLITE_LOCK_TIMEOUT", default=10.0))
        options.setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        )
    elif engine == "django.db.backends.postgresql":
        pgbouncer = env.bool("DATABASE_PGBOUNCER", default=False)
        if pgbouncer:
            # Behind PgBouncer in transaction mode: PgBouncer is the pool, no cursor may outlive
            # its transaction (the reports read big results through cursors), and PgBouncer
            # refuses the `options` startup parameter: the role carries the timeouts instead
            # (ALTER ROLE … SET lock_timeout / statement_timeout, docs/operations.md).
            config["DISABLE_SERVER_SIDE_CURSORS"] = True
        else:
            # Bounded waits: a row locked elsewhere or a runaway statement ends in seconds with
            # a clear page (sus.views.server_error); migrations lift the statement limit.
            options.setdefault(
                "options",
                f"-c lock_timeout={int(lock_timeout * 1000)} "
                f"-c statement_timeout={int(statement_timeout * 1000)}",
            )
        options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3))
        # Parameters sent apart from the SQL, so a statement a pooled connection repeats is
        # prepared after 5 runs and planned once: the participant's 6-table lookup spent 3 ms
        # planning and 0.4 ms running. (PgBouncer in transaction mode cannot keep them.)
        if not pgbouncer and env.bool("DATABASE_SERVER_SIDE_BINDING", default=True):
            options.setdefault("server_side_binding", True)
            options.setdefault("prepare_threshold", 5)
        if not pgbouncer and env.bool("DATABASE_POOL", default=True):
            options.setdefault(
                "pool",
                {
                    "min_size": 1,
                    "max_size": env.int("DATABASE_POOL_MAX", 10),
                    "timeout": env.float("DATABASE_POOL_TIMEOUT", default=5.0),
                },
            )
        # Each connection is checked before it is handed out (with the pool: psycopg's
        # ConnectionPool.check_connection): after a database restart the first request gets a
        # live connection, not a dead one.
        config["CONN_HEALTH_CHECKS"] = True
        config["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must not
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL måste peka på PostgreSQL eller SQLite, inte {engine}."
        )
    config.setdefault("ATOMIC_REQUESTS", False)
    return config


PROFILES = ("development", "local", "production")


def profile(env: environ.Env, *, debug: bool) -> str:
    """Which security profile applies (SUS_PROFILE): "production" (the default without DEBUG:
    HTTPS only, HSTS, __Host- cookies, a second factor for every login), "local" (production-like
    over plain HTTP on the loopback address, for `make serve`) or "development" (the default
    with DEBUG)."""
    value = env.str("SUS_PROFILE", default="development" if debug else "production")
    if value not in PROFILES:
        raise ImproperlyConfigured(
            f"SUS_PROFILE måste vara en av {', '.join(PROFILES)}, inte {value!r}."
        )
    return value


def proxy_ssl_header(env: environ.Env) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER from the header name the TLS proxy sets (e.g. X-Forwarded-Proto):
    only set it behind a proxy that overwrites that header on every request."""
    name = env.str("SECURE_PROXY_SSL_HEADER", default="")
    if not name:
        return None
    return ("HTTP_" + name.upper().replace("-", "_"), "https")


# Caches that live in one process or on one machine's disk: app servers would not share them.
LOCAL_CACHES = ("locmem", "filebased", "dummy")


def cache(env: environ.Env) -> dict:
    """The default cache from CACHE_URL; without it a table in the database (`sus_cache`)."""
    config = env.cache_url("CACHE_URL", default="dbcache://sus_cache")
    if any(f".{name}." in config["BACKEND"] for name in LOCAL_CACHES):
        raise ImproperlyConfigured(
            "CACHE_URL måste vara en delad cache (dbcache:// eller redis://), "
            "så att alla appservrar ser samma gränser och spärrar."
        )
    return config


def rate_counters(env: environ.Env) -> dict:
    """The cache the rate limits count in: Redis when CACHE_URL names it (its increments are
    atomic), otherwise counters in a table of the database (sus.counters), which, unlike
    Django's database cache, counts atomically and never drops a running counter."""
    config = cache(env)
    if "redis" in config["BACKEND"].lower():
        return config
    return {"BACKEND": "sus.counters.CounterCache"}


# Clock skew accepted on an ID token's times (exp, iat), in seconds: bounded, so that a
# misconfiguration cannot make expired tokens good for long.
OIDC_MAX_LEEWAY = 300


def oidc(env: environ.Env, *, debug: bool) -> dict:
    """The sign-in through the identity provider (OpenID Connect), read from SUS_OIDC_*: off
    (issuer empty) unless a deployment names its provider. Returns the values settings.py uses;
    a half-configured provider stops the app at start."""
    issuer = env.str("SUS_OIDC_ISSUER", default="")
    leeway = env.int("SUS_OIDC_LEEWAY", default=60)
    values = {
        "issuer": issuer,
        "discovery_url": env.str(
            "SUS_OIDC_DISCOVERY_URL",
            default=f"{issuer.rstrip('/')}/.well-known/openid-configuration" if issuer else "",
        ),
        "client_id": env.str("SUS_OIDC_CLIENT_ID", default=""),
        "client_secret": env.str("SUS_OIDC_CLIENT_SECRET", default=""),
        "scopes": " ".join(env.list("SUS_OIDC_SCOPES", default=["openid", "profile", "email"])),
        "subject_claim": env.str("SUS_OIDC_SUBJECT_CLAIM", default="sub"),
        "profile_claims": {
            "first_name": env.str("SUS_OIDC_GIVEN_NAME_CLAIM", default="given_name"),
            "last_name": env.str("SUS_OIDC_FAMILY_NAME_CLAIM", default="family_name"),
            "email": env.str("SUS_OIDC_EMAIL_CLAIM", default="email"),
        },
        "acr_values": env.list("SUS_OIDC_ACR_VALUES", default=[]),
        "sign_algo": env.str("SUS_OIDC_SIGN_ALGO", default="RS256"),
        "leeway": leeway,
        "timeout": env.float("SUS_OIDC_TIMEOUT", default=5.0),
        "token_basic_auth": env.bool("SUS_OIDC_TOKEN_BASIC_AUTH", default=False),
    }
    if not issuer:
        return values
    problems = []
    if not values["client_id"] or not values["client_secret"]:
        problems.append("SUS_OIDC_CLIENT_ID och SUS_OIDC_CLIENT_SECRET krävs")
    if "openid" not in values["scopes"].split():
        problems.append("SUS_OIDC_SCOPES måste innehålla openid")
    if not 0 <= leeway <= OIDC_MAX_LEEWAY:
        problems.append(f"SUS_OIDC_LEEWAY måste vara 0–{OIDC_MAX_LEEWAY} sekunder")
    if not values["sign_algo"].startswith(("RS", "ES")):
        problems.append("SUS_OIDC_SIGN_ALGO måste vara RS… eller ES… (RS256, ES256 …)")
    for name in ("issuer", "discovery_url"):
        if not values[name].startswith("https://") and not (
            debug and values[name].startswith(("http://127.0.0.1", "http://localhost"))
        ):
            problems.append(f"SUS_OIDC_{name.upper()} måste börja med https://")
    if problems:
        problem_list = "; ".join(problems)
        raise ImproperlyConfigured(f"Inloggning via identitetsleverantör: {problem_list}.")
    return values


def origin(url: str) -> str:
    """scheme://host[:port] of a URL (for the Content-Security-Policy)."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
