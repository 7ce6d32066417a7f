from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sus.demo.history import create_history
from sus.demo.organisation import create_organisation
from sus.demo.register import create_register


class Command(BaseCommand):
    help = (
        "Skapar demodata (idempotent; bara fiktiva personer): organisation och demoanvändare, "
        "folkbokföringen (demo) och två års historik skapad genom tjänsterna."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Kör även när DEBUG är av (aldrig mot en riktig databas: demoanvändarnas "
            "lösenord står i README).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Demodata skapar användare med ett känt lösenord och läses bara in när DEBUG är "
                "på. Använd --force för en testmiljö."
            )
        users, caseworkers = create_organisation()
        people = create_register()
        participations = create_history(caseworkers)
        self.stdout.write(
            f"Demodata klar: {len(users)} demoanvändare och {len(caseworkers)} handläggare "
            f"per kontor, {people} personer i folkbokföringen (demo), "
            f"{participations} medverkan."
        )
