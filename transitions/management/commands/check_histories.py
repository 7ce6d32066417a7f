from django.core.management.base import BaseCommand, CommandError

from transitions.consistency import check_participations
from transitions.models import Participation


class Command(BaseCommand):
    help = (
        "Kontrollerar att varje medverkans historik följer reglerna (övergångstabellen, datum, "
        "samtycke, kontorsperioder). Avslutar med felkod om något fel hittas."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sample",
            type=int,
            default=None,
            metavar="N",
            help="Kontrollera bara ett slumpmässigt urval av N medverkan (stora databaser).",
        )

    def handle(self, *args, **options):
        participations = None
        sample = options["sample"]
        if sample is not None:
            if sample < 1:
                raise CommandError("Ange --sample 1 eller fler.")
            ids = list(Participation.objects.order_by("?").values_list("pk", flat=True)[:sample])
            participations = Participation.objects.filter(pk__in=ids)
        count = 0
        for problem in check_participations(participations):
            count += 1
            self.stdout.write(str(problem))
        if count:
            raise CommandError(f"{count} fel i historiken.")
        checked = f" (urval om {len(ids)} medverkan)" if sample is not None else ""
        self.stdout.write(f"Inga fel i historiken{checked}.")
