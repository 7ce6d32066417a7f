"""Django settings for sus. Everything that differs between machines comes from the environment.

See the configuration table in README.md.
"""

import datetime
from pathlib import Path

import environ

from sus import config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = config.secret_key(env, debug=DEBUG)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "sus",
    "offices",
    "participants",
    "transitions",
    "audit",
    "reports",
]

MIDDLEWARE = [
    "sus.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "sus.middleware.RefuseControlCharactersMiddleware",
    "sus.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "sus.middleware.AuthenticationMiddleware",  # Django's, with the user read with the session
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "sus.middleware.SecondFactorMiddleware",
    "offices.middleware.ActingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sus.middleware.SessionTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sus.urls"
WSGI_APPLICATION = "sus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sus.context_processors.navigation",
            ],
        },
    },
]

# Widgets render through the project's templates, so `templates/django/forms/` can replace a
# built-in widget template (the select, whose per-option includes dominated the report forms).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": config.database(env, base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "offices.User"
# ASVS V6.2: at least 12 characters, no common or user-like passwords, no composition rules
# (NumericPasswordValidator is one: it forbids an all-digit password however long).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "sus.passwords.ContextWordsValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic's target, served by whitenoise when DEBUG is off; in development whitenoise
# serves straight from the app and project folders.
STATIC_ROOT = None if DEBUG else BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Domain settings ([D] decisions of SPEC kept easy to change).
SUS_WAITING_ALERT_DAYS = env.int("SUS_WAITING_ALERT_DAYS", default=30)
SUS_RETENTION_YEARS = env.int("SUS_RETENTION_YEARS", default=3)
# Production must choose the period itself (system check sus.E002): no silent default there.
SUS_RETENTION_YEARS_SET = bool(env.str("SUS_RETENTION_YEARS", default=""))
# Key of the access log's personnummer hashes; keep it when SECRET_KEY rotates.
SUS_LOG_KEY = env.str("SUS_LOG_KEY", default=SECRET_KEY)
SUS_MOVE_MAX_DAYS_AHEAD = env.int("SUS_MOVE_MAX_DAYS_AHEAD", default=90)
SUS_FIRST_YEAR = env.int("SUS_FIRST_YEAR", default=2010)
# Plausible maxima: anonymous participants per office pair and year, meetings in a GK.
SUS_ANONYMOUS_MAX_PER_YEAR = env.int("SUS_ANONYMOUS_MAX_PER_YEAR", default=500)
SUS_MAX_MEETINGS = env.int("SUS_MAX_MEETINGS", default=200)
# Seconds a report's statements may run on PostgreSQL (other requests: DATABASE_STATEMENT_TIMEOUT).
SUS_REPORT_STATEMENT_TIMEOUT = env.float("SUS_REPORT_STATEMENT_TIMEOUT", default=10.0)
# Memory per sort or hash of a report's query (PostgreSQL work_mem, set for the report's
# transaction only): a year of lead times sorts in memory instead of spilling to disk.
SUS_REPORT_WORK_MEM = env.str("SUS_REPORT_WORK_MEM", default="64MB")
# Seconds a report request may spend computing and storing missing parts of the reports that
# add up over days (reports/parts.py) before it reads the rest from its rows.
SUS_REPORT_PARTS_FILL_SECONDS = env.float("SUS_REPORT_PARTS_FILL_SECONDS", default=0.5)
SUS_POPULATION_REGISTER = env.str(
    "SUS_POPULATION_REGISTER", default="participants.register.EmbeddedRegister"
)

# One JSON object per line on standard error (sus/logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "sus.logging.RequestContextFilter"}},
    "formatters": {"json": {"()": "sus.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own lines go through the JSON handler only; its 4xx warnings repeat the
        # request line, so only errors are kept from django.request.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"level": "ERROR"},
    },
}

# --- Security (OWASP ASVS level 2), see docs/security.md ------------------------------------
SUS_PROFILE = config.profile(env, debug=DEBUG)
PRODUCTION = SUS_PROFILE == "production"

INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pgtrigger",
    "csp",
]

# HTTPS only in production: redirect, HSTS for a year, cookies only over TLS with the __Host-
# prefix (bound to this host, path /). Behind a TLS proxy set SECURE_PROXY_SSL_HEADER to the
# header the proxy overwrites (X-Forwarded-Proto); never without such a proxy.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if PRODUCTION else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = config.proxy_ssl_header(env)
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "sus.views.csrf_failure"
# Django's database sessions, saved with one statement (sus/sessions.py).
SESSION_ENGINE = "sus.sessions"
# Messages live in the session, so the only cookies are the two above.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Sessions (ASVS V7.3): an idle timeout and an absolute lifetime, both enforced on the server
# (sus.middleware.SessionTimeoutMiddleware); SESSION_COOKIE_AGE is the absolute lifetime.
SUS_SESSION_IDLE_SECONDS = env.int("SUS_SESSION_IDLE_SECONDS", default=30 * 60)

# Login throttling (ASVS V6.3): 5 failures per username and address lock that pair for 15
# minutes; the lockout answers exactly like a wrong password (sus.auth).
AUTHENTICATION_BACKENDS = [
    "sus.auth.ThrottlingBackend",
    "sus.auth.LocalPasswordBackend",
    "sus.oidc.ProviderBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock ends 15 minutes after it began
AXES_LOCKOUT_CALLABLE = "sus.auth.lockout_response"
AXES_VERBOSE = False  # its log lines carry the typed username; sus.security logs instead
# Lockouts are security events in the log; axes' own read-only admin pages stay off until the
# admin tests' list of read-only models names them.
AXES_ENABLE_ADMIN = False

# A second factor (TOTP, recovery codes) for Django admin always, and for every login when on.
SUS_REQUIRE_OTP = env.bool("SUS_REQUIRE_OTP", default=PRODUCTION)
SUS_ADMIN_REQUIRES_OTP = True  # not configurable; only the test settings turn it off
OTP_TOTP_ISSUER = "SUS Af/FK-samarbete"

# Content-Security-Policy (django-csp): only our own origin, no inline script or style
# anywhere. Bootstrap's CSS draws form controls with data: SVG images, hence img-src data:.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "report-uri": "/csp-rapport/",
    }
}

# Sign-in through the agencies' identity provider (OpenID Connect, mozilla-django-oidc): off
# unless SUS_OIDC_ISSUER names the provider. Then the password form is only for break-glass
# users (with the second factor); everyone else signs in at the provider, and only users an
# administrator has linked to the provider's id get in (sus/oidc.py, docs/security.md).
_oidc = config.oidc(env, debug=DEBUG)
SUS_OIDC_ENABLED = bool(_oidc["issuer"])
SUS_OIDC_ISSUER = _oidc["issuer"]
SUS_OIDC_DISCOVERY_URL = _oidc["discovery_url"]
SUS_OIDC_SUBJECT_CLAIM = _oidc["subject_claim"]
SUS_OIDC_PROFILE_CLAIMS = _oidc["profile_claims"]
SUS_OIDC_ACR_VALUES = _oidc["acr_values"]
SUS_OIDC_LEEWAY = _oidc["leeway"]
OIDC_RP_CLIENT_ID = _oidc["client_id"]
OIDC_RP_CLIENT_SECRET = _oidc["client_secret"]
OIDC_RP_SCOPES = _oidc["scopes"]
OIDC_RP_SIGN_ALGO = _oidc["sign_algo"]
OIDC_TIMEOUT = _oidc["timeout"]
OIDC_TOKEN_USE_BASIC_AUTH = _oidc["token_basic_auth"]
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # sent back as id_token_hint at logout
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc-callback"
if SUS_OIDC_ENABLED:
    # The logout form posts here and is redirected on to the provider's end-session endpoint.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(config.origin(SUS_OIDC_ISSUER))

# Rate limits (django-ratelimit) count in a cache of their own: atomic counters in the database
# (sus.counters), or Redis with CACHE_URL. Never Django's database cache, which loses counts
# under concurrent requests and drops counters beyond 300 entries.
RATELIMIT_USE_CACHE = "ratelimit"
# Reports: counts from 5 up rounded to this base (1 = exact), docs/report-protection.md.
SUS_REPORT_ROUNDING = env.int("SUS_REPORT_ROUNDING", default=5)
SUS_REPORT_RATE = env.str("SUS_REPORT_RATE", default="6/m")
SUS_SEARCH_RATE = env.str("SUS_SEARCH_RATE", default="30/m")
SUS_CSP_REPORT_RATE = "60/m"

# --- Operations, see docs/operations.md -----------------------------------------------------
# Shared by every app server: the database's table sus_cache (made by the migration sus.0002;
# `createcachetable` is a no-op then) and the rate limits' counters in sus_ratecounter (sus.0004),
# unless CACHE_URL names another shared cache (redis://host:6379/0), which then holds both.
CACHES = {"default": config.cache(env), "ratelimit": config.rate_counters(env)}

# Reports may read from a streaming replica (sus/routers.py); everything else uses the primary.
# The replica serves reports only, so its statements get the reports' limit.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = config.database(env, base_dir=BASE_DIR, var="DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    if "options" in DATABASES["replica"]["OPTIONS"]:  # PostgreSQL, not behind PgBouncer
        DATABASES["replica"]["OPTIONS"]["options"] = (
            f"-c statement_timeout={int(SUS_REPORT_STATEMENT_TIMEOUT * 1000)}"
        )
SUS_REPORTS_DATABASE = "replica" if "replica" in DATABASES else "default"
DATABASE_ROUTERS = ["sus.routers.ReportsRouter"]
