from django.core.management.base import BaseCommand

from sus.demo.history import create_history
from sus.demo.organisation import create_organisation
from sus.demo.register import create_register


class Command(BaseCommand):
    help = (
        "Skapar demodata (idempotent; bara fiktiva personer): organisation och demoanvändare, "
        "folkbokföringen (demo) och två års historik skapad genom tjänsterna."
    )

    def handle(self, *args, **options):
        users, caseworkers = create_organisation()
        people = create_register()
        participations = create_history(caseworkers)
        self.stdout.write(
            f"Demodata klar: {len(users)} demoanvändare och {len(caseworkers)} handläggare "
            f"per kontor, {people} personer i folkbokföringen (demo), "
            f"{participations} medverkan."
        )
