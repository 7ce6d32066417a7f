from django.core.management.base import BaseCommand
from django.db import transaction

from participants.models import County, Municipality, Stadsdel
from participants.reference import load_reference_data


class Command(BaseCommand):
    help = "Läser in län, kommuner och stadsdelar (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_reference_data(
                County=County, Municipality=Municipality, Stadsdel=Stadsdel
            )
        summary = ", ".join(f"{count} {what}" for what, count in created.items())
        self.stdout.write(f"Referensdata inläst (nya: {summary}).")
