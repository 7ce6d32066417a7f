"""Runs the automated attacker of reports.attack over the database's data (the demo data after
`make setup`) and prints what it recovers: masked counts ("<5") worked out exactly by
subtraction. `SUS_REPORT_ROUNDING=1` shows the attack on exact counts for comparison.

    DEBUG=true .venv/bin/python scripts/report_attack.py
"""

import datetime
import os
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sus.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from reports.attack import attack_standard_report, consistent, recovered  # noqa: E402


def periods(today: datetime.date):
    day = datetime.timedelta(days=1)
    return [
        (today - 30 * day, today - 30 * day),
        (today - 200 * day, today - 200 * day),
        (today - 91 * day, today - day),
        (today.replace(month=1, day=1) - 365 * day, today.replace(month=1, day=1) - day),
    ]


started = time.monotonic()
base = settings.SUS_REPORT_ROUNDING
published, truth = attack_standard_report(periods(timezone.localdate()), base=base)
broken = consistent(published, truth)
found = recovered(published, truth)
print(
    f"rounding base {base}: {len(published.bounds)} published cells, "
    f"{len(published.masked_keys)} masked, {len(published.equalities) + len(published.at_most)} "
    f"relations, model errors {len(broken)}, recovered {len(found)} "
    f"({time.monotonic() - started:.1f} s)"
)
for key, value in sorted(found.items(), key=str)[:25]:
    print(f"  {key}: {value} (true {truth[key]})")
