from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sus.backup import BackupError, backup, is_postgresql


class Command(BaseCommand):
    help = (
        "Säkerhetskopierar databasen (PostgreSQL: pg_dump -Fc; SQLite: online-backup) till en "
        "fil. Spara SUS_LOG_KEY bredvid kopian (se docs/operations.md)."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Filen att skriva (standard: sus-<tid>.dump)")

    def handle(self, *args, file=None, **options):
        db = settings.DATABASES["default"]
        suffix = "dump" if is_postgresql(db) else "sqlite3"
        path = Path(file or f"sus-{timezone.now():%Y%m%d-%H%M%S}.{suffix}")
        if path.exists():
            raise CommandError(f"{path} finns redan; välj ett annat filnamn.")
        try:
            backup(db, path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Säkerhetskopia skriven: {path} ({path.stat().st_size:,} byte).")
