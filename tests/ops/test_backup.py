"""Backups as an operator runs them: the drill backs up this database, restores it into a fresh
one and checks the copy; it fails when the copy is not whole; a restore never goes into a
database that holds data; a backup never overwrites a file. Runs on SQLite and PostgreSQL."""

import pytest
from django.core.management import CommandError, call_command

from sus import backup
from sus.management.commands import backup_drill
from tests.builders import d, start, walk

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def history(fk_caseworker, af_office, fk_office):
    participation = start(fk_caseworker, af_office, fk_office, date=d(2026, 2, 2))
    walk(participation, fk_caseworker, [("GK", d(2026, 3, 2)), ("PAF", d(2026, 4, 1))])
    return participation


def test_the_drill_restores_a_whole_copy_and_checks_it(history, capsys):
    call_command("backup_drill")
    out = capsys.readouterr().out
    assert "migrate --check: inga migreringar saknas i kopian." in out
    assert "Antal rader: lika i alla" in out
    assert "check_histories: inga fel i kopians historik." in out
    assert "Övningen lyckades" in out


def test_the_drill_fails_when_the_copy_differs(history, monkeypatch):
    def restore_with_an_extra_row(db, path, **kwargs):
        backup.restore(db, path, **kwargs)
        with backup.connect(db) as conn:
            conn.execute(
                "INSERT INTO sus_session (session_key, session_data, expire_date) "
                "VALUES ('x', '', '2030-01-01')"
            )
            conn.commit()

    monkeypatch.setattr(backup_drill, "restore", restore_with_an_extra_row)
    with pytest.raises(CommandError, match="sus_session: 0 i källan, 1 i kopian"):
        call_command("backup_drill")


def test_a_restore_into_a_database_with_data_is_refused(history, tmp_path):
    dump = tmp_path / "sus.dump"
    call_command("backup_database", str(dump))
    assert dump.stat().st_size > 0
    with pytest.raises(CommandError, match="är inte tom"):
        call_command("restore_database", str(dump))


def test_a_backup_never_overwrites_a_file(transactional_db, tmp_path):
    existing = tmp_path / "gårdagens.dump"
    existing.write_bytes(b"yesterday")
    with pytest.raises(CommandError, match="finns redan"):
        call_command("backup_database", str(existing))
    assert existing.read_bytes() == b"yesterday"


def test_a_restore_of_a_missing_file_says_so(transactional_db, tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("restore_database", str(tmp_path / "saknas.dump"))
