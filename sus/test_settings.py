"""Settings for the test suite: the real settings with fast password hashing."""

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
