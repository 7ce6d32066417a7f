"""The rate limits' counters (sus.counters.CounterCache): one row per counter in the database,
changed by single statements, so that concurrent requests on any app server are all counted
and no running counter is dropped, on both databases."""

import datetime
import threading

import environ
import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from offices.selectors import Acting
from sus import config
from sus.counters import CounterCache
from sus.models import RateCounter
from sus.ratelimits import rate_limit

pytestmark = pytest.mark.django_db


@pytest.fixture
def counters():
    return CounterCache("", {})


def test_production_counts_rate_limits_in_the_database_table(monkeypatch):
    monkeypatch.delenv("CACHE_URL", raising=False)
    assert config.rate_counters(environ.Env()) == {"BACKEND": "sus.counters.CounterCache"}
    monkeypatch.setenv("CACHE_URL", "redis://cache.internal:6379/0")
    assert "redis" in config.rate_counters(environ.Env())["BACKEND"].lower()


def test_a_counter_is_added_once_and_counts_exactly(counters):
    assert counters.add("rl:search:7", 0, timeout=60) is True
    assert counters.add("rl:search:7", 0, timeout=60) is False  # a live counter stays
    assert [counters.incr("rl:search:7") for _ in range(3)] == [1, 2, 3]
    assert counters.incr("rl:search:7", 10) == 13
    assert counters.get("rl:search:7") == 13
    assert counters.get("rl:search:8", "ingen") == "ingen"
    with pytest.raises(ValueError):
        counters.incr("rl:search:8")
    assert RateCounter.objects.count() == 1


def test_an_expired_counter_starts_again_and_is_removed(counters, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    counters.add("rl:report:1", 0, timeout=60)
    counters.incr("rl:report:1")
    time_machine.shift(datetime.timedelta(seconds=61))
    assert counters.get("rl:report:1") is None
    with pytest.raises(ValueError):
        counters.incr("rl:report:1")
    assert counters.add("rl:report:1", 0, timeout=60) is True
    assert counters.incr("rl:report:1") == 1
    counters.add("rl:report:2", 0, timeout=60)
    time_machine.shift(datetime.timedelta(seconds=61))
    counters.add("rl:report:3", 0, timeout=60)  # a new counter removes the expired ones
    assert list(RateCounter.objects.values_list("key", flat=True)) == [":1:rl:report:3"]


def test_a_failing_clean_up_does_not_fail_the_request(counters, monkeypatch, caplog):
    real = counters._execute

    def refusing_delete(sql, params):
        if sql.startswith("DELETE"):
            raise OperationalError("canceling statement due to lock timeout")
        return real(sql, params)

    monkeypatch.setattr(counters, "_execute", refusing_delete)
    assert counters.add("rl:search:5", 0, timeout=60) is True
    assert counters.incr("rl:search:5") == 1
    assert "expired counters not deleted" in caplog.text


def test_set_touch_delete_and_clear(counters):
    counters.set("a", 5, timeout=60)
    counters.set("a", 7, timeout=60)
    assert counters.get("a") == 7
    assert counters.touch("a", timeout=120) is True
    assert counters.touch("b") is False
    assert counters.delete("a") is True
    assert counters.delete("a") is False
    counters.set("c", 1, timeout=None)  # never expires
    counters.clear()
    assert RateCounter.objects.count() == 0


def test_no_running_counter_is_dropped_however_many_there_are(counters):
    """Django's database cache keeps 300 entries and then deletes a third by key order."""
    for user in range(400):
        counters.add(f"rl:search:{user}", 0, timeout=60)
        counters.incr(f"rl:search:{user}")
    assert RateCounter.objects.count() == 400
    assert counters.get("rl:search:0") == 1
    call_command("createcachetable", "sus_cache_culled", verbosity=0)
    culled = DatabaseCache("sus_cache_culled", {})
    for user in range(400):
        culled.add(f"rl:search:{user}", 0, timeout=60)
    assert sum(culled.has_key(f"rl:search:{user}") for user in range(400)) < 400


def test_the_limiter_refuses_past_the_rate_with_the_database_counters(
    settings, fk_caseworker, time_machine
):
    time_machine.move_to(timezone.now().replace(second=5), tick=False)  # one window throughout
    settings.CACHES = {**settings.CACHES, "ratelimit": {"BACKEND": "sus.counters.CounterCache"}}
    settings.SUS_SEARCH_RATE = "3/m"
    view = rate_limit(group="search", rate_setting="SUS_SEARCH_RATE")(
        lambda request: HttpResponse("ok")
    )
    request = RequestFactory().post("/medverkan/")
    request.user = fk_caseworker
    request.acting = Acting(user=fk_caseworker)
    assert [view(request).status_code for _ in range(5)] == [200, 200, 200, 429, 429]
    assert RateCounter.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_data_restored")  # the flush at its end empties them
def test_concurrent_requests_are_all_counted(counters):
    threads, per_thread, errors, added = 4, 25, [], []
    barrier = threading.Barrier(threads)

    def count():
        try:
            barrier.wait(timeout=10)
            added.append(counters.add("rl:search:9", 0, timeout=60))
            for _ in range(per_thread):
                counters.incr("rl:search:9")
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=count) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not errors
    assert sorted(added) == [False, False, False, True]  # one window started, once
    assert counters.get("rl:search:9") == threads * per_thread


def test_a_counted_request_is_two_statements(
    settings, fk_caseworker, time_machine, django_assert_num_queries
):
    """Start the window (or find it running) and count: no read-then-write, nothing failing."""
    settings.CACHES = {**settings.CACHES, "ratelimit": {"BACKEND": "sus.counters.CounterCache"}}
    time_machine.move_to(timezone.now().replace(second=5), tick=False)
    request = RequestFactory().post("/medverkan/")
    request.user = fk_caseworker
    is_ratelimited(request, group="search", key="user_or_ip", rate="30/m", increment=True)
    with django_assert_num_queries(2):
        is_ratelimited(request, group="search", key="user_or_ip", rate="30/m", increment=True)
