import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sus.demo.organisation import create_organisation
from sus.demo.register import create_register
from sus.demo.scale import GenerateError, ScaleData
from transitions.models import Participation

NOT_POSTGRESQL = (
    "generate_data skriver med PostgreSQL:s COPY och kör bara mot PostgreSQL "
    "(DATABASE_URL=postgres://…), inte mot {vendor}."
)
NOT_EMPTY = (
    "Databasen har redan medverkan ({count}): generate_data fyller bara en databas utan "
    "medverkan. Skapa en ny databas (createdb), kör migrate och sedan generate_data."
)


class Command(BaseCommand):
    help = (
        "Skapar N medverkan med realistisk historik (övergångar, svar, samtycke, flyttar, "
        "återkommande deltagare, gallring, anonyma deltagare, åtkomstlogg) för mätningar, på "
        "demoorganisationens kontor. Bara PostgreSQL, bara i en databas utan medverkan. "
        "Samma frö och dag ger samma data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participations", type=int, required=True, help="Antal medverkan.")
        parser.add_argument("--seed", type=int, default=1, help="Slumpfrö (standard 1).")
        parser.add_argument(
            "--years", type=int, default=10, help="Historikens längd i år (standard 10)."
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Dagen historiken slutar (ÅÅÅÅ-MM-DD, standard i dag; inte i framtiden).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Kör även när DEBUG är av (demoanvändarnas lösenord står i README).",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(NOT_POSTGRESQL.format(vendor=connection.display_name))
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "generate_data skapar demoanvändare med ett känt lösenord och körs bara när "
                "DEBUG är på. Använd --force för en testmiljö."
            )
        count = Participation.objects.count()
        if count:
            raise CommandError(NOT_EMPTY.format(count=count))
        if options["participations"] < 1:
            raise CommandError("Ange --participations 1 eller fler.")
        started = time.monotonic()
        create_organisation()
        create_register()
        try:
            data = ScaleData(seed=options["seed"], today=options["today"], years=options["years"])
        except GenerateError as error:
            raise CommandError(str(error)) from None
        total = options["participations"]

        def progress(made, what):
            elapsed = time.monotonic() - started
            self.stdout.write(f"{made:>9} / {total} {what}, {elapsed:.0f} s", ending="\n")
            self.stdout.flush()

        counts = data.run(total, progress=progress if options["verbosity"] > 1 else None)
        self.stdout.write(
            f"Klart på {time.monotonic() - started:.0f} s: {counts['participations']} medverkan, "
            f"{counts['persons']} personer, {counts['transitions']} övergångar, "
            f"{counts['moves']} flyttar."
        )
