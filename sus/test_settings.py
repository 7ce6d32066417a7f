"""Settings for the test suite: the real settings with fast password hashing."""

import copy
import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from sus.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STATIC_ROOT = None

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database in a file rather than in shared-cache memory: the threads of the
    # concurrency tests then wait for the write lock (BEGIN IMMEDIATE with a timeout) instead of
    # failing with "database table is locked". The process id keeps parallel runs apart.
    test_database = BASE_DIR / f".test-db-{os.getpid()}.sqlite3"  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(test_database)}  # noqa: F405

# The suite's older admin and report tests log in without a second factor and run many reports
# a minute; tests/security turns both protections back on for the tests that prove them.
SUS_ADMIN_REQUIRES_OTP = False
# One process runs the suite: its own memory is the shared cache (the query-count tests then
# count the application's queries only, not the cache table's).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"},
}
SUS_REPORT_RATE = "10000/m"
# Reports read their rows unless a test fills their stored parts (reports.parts.FILL_SECONDS):
# a test of many choices (the report attacker's) would otherwise fill parts for each.
SUS_REPORT_PARTS_FILL_SECONDS = 0
# The older report tests assert exact counts; tests/security/test_report_attacks.py runs with
# the rounding of production (SUS_REPORT_ROUNDING = 5).
SUS_REPORT_ROUNDING = 1
SUS_SEARCH_RATE = "10000/m"
# A replica alias that mirrors the test database (Django's TEST MIRROR), for the tests of the
# reports router; reports use it only where a test sets SUS_REPORTS_DATABASE="replica".
DATABASES["replica"] = copy.deepcopy(DATABASES["default"])  # noqa: F405
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # noqa: F405
SUS_REPORTS_DATABASE = "default"
