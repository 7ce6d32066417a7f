"""Backup and restore of the database, and the counts that show a restore is whole.

PostgreSQL: `pg_dump --format=custom` (compressed, restorable table by table) and
`pg_restore --jobs N` (parallel). SQLite: the online backup API, a consistent copy while the
app keeps writing. The functions take a Django database settings dict (`DATABASES[alias]`).
See docs/operations.md, "Backup and restore".
"""

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path

import psycopg
from psycopg import sql

POSTGRESQL = "django.db.backends.postgresql"


class BackupError(Exception):
    pass


def is_postgresql(db: dict) -> bool:
    return db["ENGINE"] == POSTGRESQL


def pg_params(db: dict, **overrides) -> dict:
    """libpq connection parameters of a Django settings dict (empty ones left out)."""
    params = {
        "host": db.get("HOST"),
        "port": db.get("PORT"),
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
        "dbname": db.get("NAME"),
        **overrides,
    }
    return {key: str(value) for key, value in params.items() if value}


_PG_VARIABLES = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
}


def _pg_env(db: dict) -> dict:
    """The environment of pg_dump and pg_restore: the connection in PG* variables (so the
    password is never on a command line)."""
    env = dict(os.environ)
    env.update({_PG_VARIABLES[key]: value for key, value in pg_params(db).items()})
    if sslmode := db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def _run(command: list[str], db: dict) -> None:
    result = subprocess.run(command, env=_pg_env(db), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} misslyckades:\n{result.stderr.strip()}")


@contextlib.contextmanager
def read_snapshot(db: dict):
    """A read-only view of the database frozen at one moment: yields (connection, snapshot),
    to count rows with and to pass to `backup`, which then copies exactly what was counted:
    PostgreSQL exports the snapshot for pg_dump; SQLite copies through that connection."""
    if is_postgresql(db):
        with psycopg.connect(**pg_params(db)) as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            (snapshot,) = conn.execute("SELECT pg_export_snapshot()").fetchone()
            yield conn, snapshot
    else:
        conn = sqlite3.connect(db["NAME"], isolation_level=None)
        try:
            conn.execute("BEGIN")
            yield conn, conn
            conn.execute("COMMIT")
        finally:
            conn.close()


def tables(conn) -> list[str]:
    if isinstance(conn, sqlite3.Connection):
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    return sorted(row[0] for row in conn.execute(query).fetchall())


def row_counts(conn) -> dict[str, int]:
    """The number of rows of every table, in one connection (one snapshot)."""
    counts = {}
    for table in tables(conn):
        if isinstance(conn, sqlite3.Connection):
            # The names come from sqlite_master, quoted as identifiers.
            query = f'SELECT COUNT(*) FROM "{table.replace(chr(34), chr(34) * 2)}"'  # nosec B608
        else:
            query = sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table))
        counts[table] = conn.execute(query).fetchone()[0]
    return counts


@contextlib.contextmanager
def connect(db: dict):
    if is_postgresql(db):
        with psycopg.connect(**pg_params(db)) as conn:
            yield conn
    else:
        conn = sqlite3.connect(db["NAME"])
        try:
            yield conn
        finally:
            conn.close()


def backup(db: dict, path: Path, *, snapshot=None) -> None:
    """Write a backup of the database to `path`. `snapshot`: from `read_snapshot` (inside it)."""
    if is_postgresql(db):
        command = ["pg_dump", "--format=custom", f"--file={path}"]
        if isinstance(snapshot, str):
            command.append(f"--snapshot={snapshot}")
        _run(command, db)
        return
    source = snapshot if isinstance(snapshot, sqlite3.Connection) else sqlite3.connect(db["NAME"])
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()
        if source is not snapshot:
            source.close()


def restore(db: dict, path: Path, *, jobs: int = 2) -> None:
    """Restore a backup into the database `db`, which must exist (PostgreSQL) and be empty."""
    if not Path(path).is_file():
        raise BackupError(f"Säkerhetskopian {path} finns inte.")
    with connect(db) as conn:
        if tables(conn):
            raise BackupError(
                f"Databasen {db['NAME']} är inte tom. Återställ till en ny, tom databas."
            )
    if is_postgresql(db):
        _run(
            [
                "pg_restore",
                "--exit-on-error",
                f"--jobs={jobs}",
                f"--dbname={db['NAME']}",
                str(path),
            ],
            db,
        )
        with psycopg.connect(**pg_params(db), autocommit=True) as conn:
            conn.execute("ANALYZE")  # pg_restore brings no planner statistics
        return
    source = sqlite3.connect(path)
    target = sqlite3.connect(db["NAME"])
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
