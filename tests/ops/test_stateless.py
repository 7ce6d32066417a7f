"""App servers keep no state of their own: logins live in the database's session table and
the cache (rate limits, login lockouts) is one every server shares, so any number of them can
run behind a load balancer."""

import environ
import pytest
from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from sus import config


@pytest.mark.django_db
def test_a_login_is_a_row_in_the_database_not_in_the_process(client, fk_caseworker):
    assert settings.SESSION_ENGINE == "sus.sessions"  # Django's database engine, one UPDATE
    client.force_login(fk_caseworker)
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_key FROM sus_session")
        assert [row[0] for row in cursor.fetchall()] == [client.session.session_key]


@pytest.mark.django_db
def test_the_cache_is_a_table_that_every_app_server_reads(env, settings):
    """The default of settings.py (the test settings keep a cache per process instead, so that
    the query-count tests count the application's queries only)."""
    cache_config = config.cache(environ.Env())
    assert cache_config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    settings.CACHES = {"default": cache_config}
    call_command("createcachetable")  # what the migration sus.0002 does with these settings
    shared = DatabaseCache(cache_config["LOCATION"], {})
    shared.set("inloggningsförsök:fk-hl", 3, timeout=900)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM sus_cache")
        assert len(cursor.fetchall()) == 1
    assert shared.get("inloggningsförsök:fk-hl") == 3


@pytest.fixture
def env(monkeypatch):
    for name in ("CACHE_URL", "DATABASE_URL", "DATABASE_POOL", "DATABASE_PGBOUNCER"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_behind_pgbouncer_there_is_no_second_pool_and_no_server_side_cursor(env, tmp_path):
    env.setenv("DATABASE_URL", "postgres://sus@pgbouncer.internal:6432/sus")
    env.setenv("DATABASE_PGBOUNCER", "true")
    database = config.database(environ.Env(), base_dir=tmp_path)
    assert "pool" not in database["OPTIONS"]
    assert "options" not in database["OPTIONS"]  # PgBouncer refuses startup options
    assert database["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert "server_side_binding" not in database["OPTIONS"]  # it cannot keep prepared statements
    env.delenv("DATABASE_PGBOUNCER")
    database = config.database(environ.Env(), base_dir=tmp_path)
    assert database["OPTIONS"]["pool"]["max_size"] == 10
    assert "statement_timeout" in database["OPTIONS"]["options"]
    assert "DISABLE_SERVER_SIDE_CURSORS" not in database
    assert database["OPTIONS"]["server_side_binding"] is True
    assert database["OPTIONS"]["prepare_threshold"] == 5


def test_cache_url_may_name_redis(env):
    env.setenv("CACHE_URL", "redis://cache.internal:6379/1")
    cache_config = config.cache(environ.Env())
    assert cache_config["BACKEND"].endswith("RedisCache")
    assert cache_config["LOCATION"] == "redis://cache.internal:6379/1"


@pytest.mark.parametrize("url", ["locmemcache://", "filecache:///var/tmp/sus", "dummycache://"])
def test_a_cache_of_one_process_or_one_disk_is_refused(env, url):
    env.setenv("CACHE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="delad cache"):
        config.cache(environ.Env())


@pytest.mark.django_db(transaction=True)
def test_a_changed_session_is_saved_in_one_statement_and_a_deleted_one_is_not_revived(
    migration_data_restored, client, fk_caseworker, django_assert_num_queries
):
    from django.contrib.sessions.backends.base import UpdateError

    from sus.models import Session
    from sus.sessions import SessionStore

    client.force_login(fk_caseworker)
    store = SessionStore(client.session.session_key)
    store["sus_note"] = "sparad"
    with django_assert_num_queries(1):  # the UPDATE, no BEGIN or COMMIT around it
        store.save()
    assert SessionStore(store.session_key)["sus_note"] == "sparad"
    Session.objects.all().delete()  # logged out elsewhere meanwhile
    store["sus_note"] = "igen"
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()
