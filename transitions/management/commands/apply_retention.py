from django.conf import settings
from django.core.management.base import BaseCommand

from transitions.services import retention_apply


class Command(BaseCommand):
    help = (
        "Gallring: tar bort personnummer, namn och stadsdel för deltagare vars medverkan "
        "avslutades för mer än SUS_RETENTION_YEARS år sedan. Statistiken behålls. "
        "Körs schemalagt, till exempel varje natt."
    )

    def handle(self, *args, **options):
        count = retention_apply()
        self.stdout.write(
            f"Gallring klar: personuppgifter borttagna för {count} personer "
            f"(avslutade för mer än {settings.SUS_RETENTION_YEARS} år sedan)."
        )
