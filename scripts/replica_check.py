"""The checks of scripts/replica-drill, run with DATABASE_URL (the primary) and
DATABASE_REPLICA_URL (its streaming replica) set: the reports answer from the replica, the
writes go to the primary and reach the replica by streaming, the replica refuses writes.
Needs the demo data (the user `lasare`). Exits non-zero when a check fails."""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sus.settings")

import django

django.setup()

from django.db import DatabaseError, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from offices.models import User  # noqa: E402
from reports.models import ReportPart  # noqa: E402
from sus.models import Session  # noqa: E402
from sus.routers import reports_database  # noqa: E402

WRITES = ("INSERT", "UPDATE", "DELETE")


def check(condition: bool, message: str) -> None:
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        sys.exit(1)


def one(alias: str, query: str, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()


def wait_for_replay(timeout: float = 10) -> float:
    """Seconds until the replica has replayed everything the primary has written so far."""
    (target,) = one("default", "SELECT pg_current_wal_lsn()::text")
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        (caught_up,) = one("replica", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
        if caught_up:
            return time.perf_counter() - started
        time.sleep(0.05)
    check(False, f"the replica replayed the primary's WAL within {timeout} s")
    return timeout


def check_stored_parts(client, today) -> None:
    """Bakgrund adds up stored parts (reports.parts): computed on the replica, under the
    replica's snapshot, stored on the primary, and read back from the replica."""
    url = reverse("reports:participants")
    period = {
        "start": (today - datetime.timedelta(days=365)).isoformat(),
        "end": today,
        "report_type": "BAKGRUND",
    }
    ReportPart.objects.all().delete()
    with CaptureQueriesContext(connections["replica"]) as first:
        response = client.get(url, period)
    check(
        response.status_code == 200 and b"<table" in response.content,
        f"Bakgrund computed on the replica answers 200 ({len(first)} queries there)",
    )
    stored = ReportPart.objects.count()
    check(stored > 0, f"its {stored} parts are stored on the primary")
    wait_for_replay()
    with CaptureQueriesContext(connections["replica"]) as second:
        again = client.get(url, period)
    check(
        again.status_code == 200,
        f"asked again it reads the stored parts from the replica: {len(second)} queries",
    )
    check(len(second) < len(first), "fewer queries than the first time")


def main() -> None:
    setup_test_environment()  # the test client's host name, nothing else
    check("replica" in connections.databases, "DATABASE_REPLICA_URL is set")
    where = "SELECT inet_server_port(), pg_is_in_recovery()"
    primary_port, primary_recovery = one("default", where)
    replica_port, replica_recovery = one("replica", where)
    check(not primary_recovery, f"primary answers on port {primary_port}, not in recovery")
    check(replica_recovery, f"replica answers on port {replica_port}, in recovery (a standby)")
    (state,) = one("default", "SELECT string_agg(state, ',') FROM pg_stat_replication")
    check(state is not None and "streaming" in state, f"primary streams to it ({state})")

    client = Client()
    client.force_login(User.objects.get(username="lasare"))
    url = reverse("reports:standard")
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        started = time.perf_counter()
        today = timezone.localdate()
        period = {"start": (today - datetime.timedelta(days=730)).isoformat(), "end": today}
        response = client.get(url, period)
        took = (time.perf_counter() - started) * 1000
    check(
        response.status_code == 200 and b"<table" in response.content,
        f"Standardrapport of the last two years answers 200 in {took:.0f} ms",
    )
    replica_sql = [q["sql"] for q in on_replica]
    primary_sql = [q["sql"] for q in on_primary]
    report_reads = [sql for sql in replica_sql if "transitions_transition" in sql]
    check(
        bool(report_reads),
        f"report read on the replica: {len(replica_sql)} queries, "
        f"{len(report_reads)} of them on the transitions",
    )
    check(
        not any("transitions_transition" in sql for sql in primary_sql),
        f"nothing of the report read on the primary ({len(primary_sql)} queries there: "
        "the login's session and the role check)",
    )
    check(not any(sql.lstrip().startswith(WRITES) for sql in replica_sql), "no write on replica")

    check_stored_parts(client, today)

    key = "replicadrill" + timezone.now().strftime("%H%M%S%f")
    expires = timezone.now() + datetime.timedelta(minutes=5)
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections["replica"]) as on_replica,
        reports_database(),
    ):
        Session.objects.create(session_key=key, session_data="", expire_date=expires)
    check(
        [q["sql"].split()[0] for q in on_primary] == ["INSERT"] and not on_replica,
        "a write made while a report runs goes to the primary",
    )
    lag = wait_for_replay()
    with reports_database():
        seen = Session.objects.filter(session_key=key).exists()
    check(seen, f"the replica has the row {lag * 1000:.0f} ms later (streaming replication)")
    Session.objects.filter(session_key=key).delete()

    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute("DELETE FROM sus_session WHERE session_key = %s", [key])
        refused = ""
    except DatabaseError as error:
        refused = str(error).splitlines()[0]
    check(bool(refused), f"the replica refuses a write: {refused}")
    print("Replica drill passed.")


if __name__ == "__main__":
    main()
