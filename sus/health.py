"""Probes for a load balancer or monitor: plain views, no login, no personal data.

`/healthz` is liveness: the process answers (no database). `/readyz` is readiness: one database
round trip, which also reads the migration state; 503 while the database cannot be reached or a
migration this code has is not applied yet. Neither writes the access log (only the views that
show personal data do, by explicit calls) nor a request log line (`sus.logging.QUIET_ROUTES`).
"""

import functools
import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("sus.health")


def probe(view):
    return login_not_required(never_cache(require_safe(view)))


@functools.cache
def _latest_migrations() -> frozenset[tuple[str, str]]:
    """The last migration of every app in this code (read from disk once per process)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


@probe
def healthz(request):
    return JsonResponse({"status": "ok"})


@probe
def readyz(request):
    try:
        applied = set(MigrationRecorder.Migration.objects.values_list("app", "name"))
    except DatabaseError as error:
        logger.warning("readyz: database unavailable", extra={"error": type(error).__name__})
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    pending = len(_latest_migrations() - applied)
    if pending:
        return JsonResponse({"status": "unavailable", "migrations_pending": pending}, status=503)
    return JsonResponse({"status": "ok"})
