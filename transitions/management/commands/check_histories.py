from django.core.management.base import BaseCommand, CommandError

from transitions.consistency import check_participations


class Command(BaseCommand):
    help = (
        "Kontrollerar att varje medverkans historik följer reglerna (övergångstabellen, datum, "
        "samtycke, kontorsperioder). Avslutar med felkod om något fel hittas."
    )

    def handle(self, *args, **options):
        count = 0
        for problem in check_participations():
            count += 1
            self.stdout.write(str(problem))
        if count:
            raise CommandError(f"{count} fel i historiken.")
        self.stdout.write("Inga fel i historiken.")
