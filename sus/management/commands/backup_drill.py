"""The backup drill: proves that a backup of the running database restores.

Backs up the database (counting every table's rows in the very snapshot that is dumped),
restores the copy into a fresh database, and runs on that copy `migrate --check`, the row count
comparison and `check_histories`. The fresh database is dropped at the end unless --keep.
Safe against a database in service: it only reads it, in one read-only snapshot.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql

from sus.backup import (
    BackupError,
    backup,
    connect,
    is_postgresql,
    pg_params,
    read_snapshot,
    restore,
    row_counts,
)


def database_url(db: dict) -> str:
    if not is_postgresql(db):
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{db.get('HOST') or ''}{port}/{quote(db['NAME'], safe='')}"


class Command(BaseCommand):
    help = (
        "Övning av säkerhetskopiering: säkerhetskopiera, återställ till en ny databas, kör "
        "migrate --check, jämför antal rader per tabell och kör check_histories."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=2, help="pg_restore --jobs")
        parser.add_argument("--keep", action="store_true", help="Behåll den återställda kopian")

    def handle(self, *args, jobs, keep, **options):
        source = settings.DATABASES["default"]
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="sus-drill-") as folder:
            dump = Path(folder) / ("sus.dump" if is_postgresql(source) else "sus.sqlite3")
            with read_snapshot(source) as (conn, snapshot):
                counted = row_counts(conn)
                self._step(
                    "Säkerhetskopia", lambda: backup(source, dump, snapshot=snapshot), dump=dump
                )
            copy = self._fresh_database(source, folder)
            try:
                self._step("Återställning", lambda: restore(copy, dump, jobs=jobs))
                self._manage(copy, "migrate", "--check")
                self.stdout.write("migrate --check: inga migreringar saknas i kopian.")
                with connect(copy) as conn:
                    restored = row_counts(conn)
                self._compare(counted, restored)
                self._manage(copy, "check_histories")
                self.stdout.write("check_histories: inga fel i kopians historik.")
            finally:
                if keep:
                    self.stdout.write(f"Kopian behålls: DATABASE_URL={database_url(copy)}")
                elif is_postgresql(copy):
                    self._drop(source, copy)
        took = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Övningen lyckades på {took:.1f} s."))

    def _step(self, name, action, dump=None):
        started = time.perf_counter()
        try:
            action()
        except BackupError as error:
            raise CommandError(f"{name}: {error}") from error
        took = time.perf_counter() - started
        size = f", {dump.stat().st_size / 1e6:.1f} MB" if dump else ""
        self.stdout.write(f"{name}: klar på {took:.1f} s{size}.")

    def _fresh_database(self, source: dict, folder: str) -> dict:
        if not is_postgresql(source):
            return {**source, "NAME": str(Path(folder) / "restored.sqlite3")}
        name = f"{source['NAME'][:40]}_drill_{os.getpid()}"
        with psycopg.connect(**pg_params(source), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return {**source, "NAME": name}

    def _drop(self, source: dict, copy: dict) -> None:
        with psycopg.connect(**pg_params(source), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(copy["NAME"])
                )
            )

    def _manage(self, db: dict, *command: str) -> None:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
        env["DATABASE_URL"] = database_url(db)
        manage = Path(settings.BASE_DIR) / "manage.py"
        result = subprocess.run(
            [sys.executable, str(manage), *command],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            raise CommandError(f"{' '.join(command)} misslyckades på kopian:\n{output}")

    def _compare(self, counted: dict[str, int], restored: dict[str, int]) -> None:
        differing = {
            table: (counted.get(table), restored.get(table))
            for table in sorted(counted.keys() | restored.keys())
            if counted.get(table) != restored.get(table)
        }
        if differing:
            lines = "\n".join(
                f"  {t}: {a} i källan, {b} i kopian" for t, (a, b) in differing.items()
            )
            raise CommandError(f"Antal rader skiljer sig:\n{lines}")
        self.stdout.write(
            f"Antal rader: lika i alla {len(counted)} tabeller ({sum(counted.values()):,} rader)."
        )
