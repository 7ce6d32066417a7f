"""DATABASE_REPLICA_URL as an operator sets it: the settings add the replica, name it the
reports' database with the reports' statement limit, and mirror the primary in tests."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, sus.settings as s; r = s.DATABASES.get('replica', {}); "
    "print(json.dumps([s.SUS_REPORTS_DATABASE, s.DATABASE_ROUTERS, r.get('HOST'), "
    "r.get('OPTIONS', {}).get('options'), r.get('TEST')]))"
)


def settings_with(**env_overrides) -> list:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_"))}
    env.update(DEBUG="true", **env_overrides)
    result = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_replica_url_makes_the_replica_the_reports_database():
    reports, routers, host, options, test = settings_with(
        DATABASE_URL="postgres://sus@db-primary.internal:5432/sus",
        DATABASE_REPLICA_URL="postgres://sus@db-replica.internal:5432/sus",
        SUS_REPORT_STATEMENT_TIMEOUT="12",
    )
    assert (reports, routers, host) == (
        "replica",
        ["sus.routers.ReportsRouter"],
        "db-replica.internal",
    )
    assert options == "-c statement_timeout=12000"
    assert test == {"MIRROR": "default"}


def test_without_a_replica_url_the_reports_read_the_primary():
    reports, _, host, _, _ = settings_with(DATABASE_URL="postgres://sus@db-primary.internal/sus")
    assert (reports, host) == ("default", None)
