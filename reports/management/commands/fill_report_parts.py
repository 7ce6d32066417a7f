"""Compute and store the parts of the reports that add up over days (`reports.parts`) for the
whole history, for the choices most reports are made with (riket, and with `--all-choices`
also the kön split and the two comparisons): after a deploy, when a new version of the
report queries has no stored parts yet, and every 15 minutes (the days changed since). A
report finds the rest itself, half a second of filling per request."""

import contextlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils import timezone

from reports import parts
from reports.queries import stored_parts
from reports.scope import Comparison, Scope, SexChoice
from sus.routers import reports_database

# A part is a month or a day: under a second at 1M participations. Under heavy disk writes (a
# checkpoint) one took more than the 5 s a request's statements may run, which stopped the
# whole run; this job waits longer for each.
STATEMENT_SECONDS = 120


@contextlib.contextmanager
def _batch_statement_limit():
    """The statement limit of a batch job on every connection it reads and writes through,
    on PostgreSQL; the connections' own limit again after."""
    names = {"default", settings.SUS_REPORTS_DATABASE}
    used = [connections[name] for name in names if connections[name].vendor == "postgresql"]
    for connection in used:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)", [f"{STATEMENT_SECONDS}s"]
            )
    try:
        yield
    finally:
        for connection in used:
            with contextlib.suppress(Exception), connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")


class Command(BaseCommand):
    help = "Beräknar och sparar rapportdelar (dagar, månader och år) för hela historiken."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all-choices",
            action="store_true",
            help="Även uppdelat på kön och jämfört mellan kontor, inte bara riket.",
        )

    def handle(self, *args, all_choices=False, **options):
        started = time.monotonic()
        first = parts.first_month()
        forgotten = parts.forget_old_changes(timezone.now())
        if first is None:
            self.stdout.write("Ingen historik att beräkna.")
            return
        today = timezone.localdate()
        choices = [{}]
        if all_choices:
            choices += [
                {"sex": SexChoice.SPLIT},
                {"compare": Comparison.AF},
                {"compare": Comparison.FK},
            ]
        with reports_database(), _batch_statement_limit():
            for name, (compute, compared) in stored_parts().items():
                for choice in choices:
                    if "compare" in choice and not compared:
                        continue
                    scope = Scope(start=first, end=today, **choice)
                    parts.computed(name, scope, compute, fill_seconds=float("inf"))
        self.stdout.write(
            f"Rapportdelar sparade från {first} till {today} "
            f"på {time.monotonic() - started:.1f} s ({forgotten} gamla ändringsposter borttagna)."
        )
