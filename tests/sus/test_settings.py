import os
import subprocess
import sys
from pathlib import Path

import environ
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sus import config

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "DATABASE_POOL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_without_database_url_uses_sqlite_file_in_project(clean_env):
    database = config.database(environ.Env(), base_dir=BASE_DIR)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(BASE_DIR / "db.sqlite3")


def test_sqlite_waits_for_writers_in_wal_mode(clean_env):
    options = config.database(environ.Env(), base_dir=BASE_DIR)["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_database_url_selects_postgresql_with_pool(clean_env):
    clean_env.setenv("DATABASE_URL", "postgres://sus:hemligt@db.example:5433/susdb")
    database = config.database(environ.Env(), base_dir=BASE_DIR)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"]) == ("susdb", "db.example", 5433)
    assert database["USER"] == "sus"
    assert database["OPTIONS"]["pool"]
    assert database["CONN_MAX_AGE"] == 0


def test_unsupported_database_is_refused(clean_env):
    clean_env.setenv("DATABASE_URL", "mysql://root@localhost/sus")
    with pytest.raises(ImproperlyConfigured):
        config.database(environ.Env(), base_dir=BASE_DIR)


def test_secret_key_has_development_default_only_in_debug(clean_env):
    assert config.secret_key(environ.Env(), debug=True) == config.DEVELOPMENT_SECRET_KEY
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY saknas"):
        config.secret_key(environ.Env(), debug=False)


def test_secret_key_from_environment_wins(clean_env):
    clean_env.setenv("SECRET_KEY", "från-miljön")
    assert config.secret_key(environ.Env(), debug=False) == "från-miljön"


def _load_settings(**env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import sus.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = _load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY saknas" in result.stderr


def test_settings_load_from_environment():
    result = _load_settings(DEBUG="false", SECRET_KEY="x" * 50, DATABASE_URL="postgres://u@h/d")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_swedish_locale_and_time_zone():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ is True
