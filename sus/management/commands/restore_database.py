from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sus.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Återställer en säkerhetskopia till databasen DATABASE_URL pekar på; den måste finnas "
        "(PostgreSQL: createdb) och vara tom. PostgreSQL: pg_restore -j."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="Säkerhetskopian (från backup_database)")
        parser.add_argument("--jobs", type=int, default=2, help="Parallella jobb (PostgreSQL)")

    def handle(self, *args, file, jobs, **options):
        db = settings.DATABASES["default"]
        try:
            restore(db, file, jobs=jobs)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Återställd till {db['NAME']}. Kör nu: manage.py migrate --check och "
            "manage.py check_histories."
        )
