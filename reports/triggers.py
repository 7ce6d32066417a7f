"""The database triggers that record which days of the history changed (`ReportChange`), so a
stored report part (`reports.parts`) is recomputed when, and only when, one of its days changed.

Each source is a table a stored part reads, the columns whose change matters, and how a set of
its rows leads to the days it counts on. Only changes of the listed columns are
recorded: every step updates the previous step's `ended_on` and the participation's current
type, which no stored part reads; recording those would mark old days changed all day long.
A report part may read only what is listed here (`tests/reports/test_report_parts.py` changes
each of them and sees the report follow).

PostgreSQL records once per statement (transition tables), with the writing transaction's
number; SQLite once per row, with the next number of the table (SQLite has one writer at a time).
A change of an office (its area) forgets every stored part: the levels read the office's area.
Every statement here is built from the constant table and column names of this module alone,
no value from a request or the database (hence the `nosec B608` marks).
"""

from dataclasses import dataclass

CHANGE_TABLE = "reports_reportchange"
PART_TABLE = "reports_reportpart"


@dataclass(frozen=True)
class Source:
    table: str
    columns: tuple[str, ...]  # whose change is recorded (all for an insert or delete)
    key: str  # the column that leads to the steps
    days: str  # SQL: the step dates of rows `r` (with the column `key`)
    # dates of the row counted on their own day (a period by its end): when one of them
    # changes, its old and new day are recorded, not the row's other days
    dated: tuple[str, ...] = ()


TRANSITION = "transitions_transition"
PARTICIPATION = "transitions_participation"

_OF_PARTICIPATION = (
    f"SELECT t.date FROM {TRANSITION} t JOIN ({{rows}}) r ON t.participation_id = r.id"  # nosec B608
)
# An answer set counts on its step's day, and the Begäran answers also on the day the
# participation closed (Bakgrund counts those who closed before the period by their answers).
_STEP_AND_CLOSING = (
    f"SELECT t.date FROM {TRANSITION} t JOIN ({{steps}}) s ON t.id = s.id UNION "  # nosec B608
    f"SELECT p.closed_on FROM {PARTICIPATION} p JOIN {TRANSITION} t ON p.id = t.participation_id "
    "JOIN ({steps}) s ON t.id = s.id"
)
# The Begäran answers are also the reports' filters ("Initierad av", "Försörjning före
# samarbetet", ...): they decide whether every step of the participation counts, so they count
# on every step's day (the closing day is one of them). They are written with the first step,
# when it is the only one.
_EVERY_STEP = (
    f"SELECT t.date FROM {TRANSITION} t WHERE t.participation_id IN ("  # nosec B608
    f"SELECT u.participation_id FROM {TRANSITION} u JOIN ({{steps}}) s ON u.id = s.id)"
)
_ANSWER_STEPS = "SELECT r.transition_id AS id FROM ({rows}) r"
_OF_ANSWER = _STEP_AND_CLOSING.format(steps=_ANSWER_STEPS)
_OF_BEGARAN = _EVERY_STEP.format(steps=_ANSWER_STEPS)


def _of_choice(answers: str, column: str, days: str = _STEP_AND_CLOSING) -> str:
    steps = f"SELECT a.transition_id AS id FROM {answers} a JOIN ({{rows}}) r ON a.id = r.{column}"  # nosec B608
    return days.format(steps=steps)


SOURCES = (
    Source(
        TRANSITION,
        (
            "participation_id",
            "sequence",
            "from_type",
            "to_type",
            "date",
            "af_office_id",
            "fk_office_id",
            "previous_date",
            "gk_date",
        ),
        "date",
        "SELECT r.date FROM ({rows}) r",
        # each step ends the previous one's period: that records the new step's day only
        dated=("ended_on",),
    ),
    Source(
        PARTICIPATION,
        (
            "af_office_id",
            "fk_office_id",
            "person_id",
            "municipality_id",
            "age_at_start",
            "started_on",
            "closed_on",
        ),
        "id",
        _OF_PARTICIPATION,
    ),
    Source(
        "participants_person",
        ("sex",),
        "id",
        f"SELECT t.date FROM {TRANSITION} t JOIN {PARTICIPATION} p ON t.participation_id = p.id "  # nosec B608
        "JOIN ({rows}) r ON p.person_id = r.id",
    ),
    Source("transitions_begarananswers", (), "transition_id", _OF_BEGARAN),
    *(
        Source(table, (), "transition_id", _OF_ANSWER)
        for table in (
            "transitions_avslutatanswers",
            "transitions_avslutgkanswers",
            "transitions_avbrutetanswers",
        )
    ),
    Source(
        "transitions_begarananswers_forsorjning",
        (),
        "begarananswers_id",
        _of_choice("transitions_begarananswers", "begarananswers_id", _EVERY_STEP),
    ),
    Source(
        "transitions_avslutatanswers_forsorjning",
        (),
        "avslutatanswers_id",
        _of_choice("transitions_avslutatanswers", "avslutatanswers_id"),
    ),
    Source(
        "transitions_avslutatanswers_involverade_aktorer",
        (),
        "avslutatanswers_id",
        _of_choice("transitions_avslutatanswers", "avslutatanswers_id"),
    ),
)
OFFICE_TABLE = "offices_office"


def _name(source: Source) -> str:
    return f"reports_changed_{source.table}"


# PostgreSQL cuts a longer name to this length, so names that differ only beyond it would
# name one trigger (each then dropped the one created before it).
MAX_NAME = 63


def _trigger(source: Source, event: str) -> str:
    """The name of the source's trigger for `event` (or dated column), within MAX_NAME."""
    suffix = f"_{event.lower()}"
    return _name(source)[: MAX_NAME - len(suffix)] + suffix


# PostgreSQL -------------------------------------------------------------------------------


def _pg_function(source: Source) -> str:
    record = (
        f"INSERT INTO {CHANGE_TABLE} (day, xact, created_at) "  # nosec B608
        "SELECT DISTINCT d.date, pg_current_xact_id()::text::bigint, now() "
        "FROM ({days}) d WHERE d.date IS NOT NULL ON CONFLICT DO NOTHING;"
    )
    if source.columns:
        old = ", ".join(f"o.{column}" for column in source.columns)
        new = ", ".join(f"n.{column}" for column in source.columns)
        changed = (
            f"SELECT {{side}}.{source.key} FROM old_rows o JOIN new_rows n ON o.id = n.id "  # nosec B608
            f"WHERE ROW({old}) IS DISTINCT FROM ROW({new})"
        )
        updated = [
            record.format(days=source.days.format(rows=changed.format(side=side)))
            for side in (("o", "n") if source.key != "id" else ("n",))
        ]
    else:
        updated = [
            record.format(days=source.days.format(rows=f"SELECT {source.key} FROM {rows}"))  # nosec B608
            for rows in ("old_rows", "new_rows")
        ]
    updated += [
        record.format(
            days=f"SELECT {side}.{column} AS date FROM old_rows o JOIN new_rows n "  # nosec B608
            f"ON o.id = n.id WHERE o.{column} IS DISTINCT FROM n.{column}"
        )
        for column in source.dated
        for side in ("o", "n")
    ]
    inserted = record.format(days=source.days.format(rows=f"SELECT {source.key} FROM new_rows"))  # nosec B608
    deleted = record.format(days=source.days.format(rows=f"SELECT {source.key} FROM old_rows"))  # nosec B608
    return (
        f"CREATE OR REPLACE FUNCTION {_name(source)}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        f"  IF TG_OP = 'INSERT' THEN {inserted}\n"
        f"  ELSIF TG_OP = 'UPDATE' THEN {' '.join(updated)}\n"
        f"  ELSE {deleted}\n"
        "  END IF;\n"
        "  RETURN NULL;\n"
        "END $$;"
    )


def _pg_sql(source: Source) -> list[str]:
    name = _name(source)
    statements = [_pg_function(source)]
    for event, referencing in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ):
        trigger = _trigger(source, event)
        statements += [
            f"DROP TRIGGER IF EXISTS {trigger} ON {source.table};",
            f"CREATE TRIGGER {trigger} AFTER {event} ON {source.table} REFERENCING "
            f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION {name}();",
        ]
    return statements


def _pg_office() -> list[str]:
    return [
        "CREATE OR REPLACE FUNCTION reports_office_changed() RETURNS trigger LANGUAGE plpgsql "  # nosec B608
        f"AS $$ BEGIN DELETE FROM {PART_TABLE}; RETURN NULL; END $$;",
        f"DROP TRIGGER IF EXISTS reports_office_changed ON {OFFICE_TABLE};",
        f"CREATE TRIGGER reports_office_changed AFTER UPDATE OR DELETE ON {OFFICE_TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION reports_office_changed();",
    ]


# SQLite -----------------------------------------------------------------------------------

# The next number: above every change recorded and every stored part's snapshot, so that it
# never falls below a part's snapshot when old records have been deleted.
_SQLITE_NEXT = (
    f"SELECT COALESCE(MAX(n), 0) + 1 FROM (SELECT MAX(xact) AS n FROM {CHANGE_TABLE} "  # nosec B608
    f"UNION ALL SELECT MAX(snapshot) FROM {PART_TABLE})"
)


def _sqlite_record(days: str) -> str:
    """The statement that records the days (`date`) of the SQL `days`."""
    return (
        f"INSERT OR IGNORE INTO {CHANGE_TABLE} (day, xact, created_at) "  # nosec B608
        f"SELECT DISTINCT d.date, ({_SQLITE_NEXT}), datetime('now') FROM ({days}) d "
        "WHERE d.date IS NOT NULL;"
    )


def _sqlite_sql(source: Source) -> list[str]:
    def record(side: str) -> str:
        return _sqlite_record(
            source.days.format(rows=f"SELECT {side}.{source.key} AS {source.key}")
        )

    when = ""
    if source.columns:
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in source.columns)
        when = f" WHEN {changed}"
    sides = ("OLD", "NEW") if source.key != "id" else ("NEW",)
    bodies = {
        "INSERT": ("", record("NEW")),
        "UPDATE": (when, " ".join(record(side) for side in sides)),
        "DELETE": ("", record("OLD")),
    }
    statements = []
    for column in source.dated:
        trigger = _trigger(source, column)
        days = f"SELECT OLD.{column} AS date UNION SELECT NEW.{column}"
        statements += [
            f"DROP TRIGGER IF EXISTS {trigger};",
            f"CREATE TRIGGER {trigger} AFTER UPDATE OF {column} ON {source.table} FOR EACH ROW "
            f"WHEN OLD.{column} IS NOT NEW.{column} BEGIN {_sqlite_record(days)} END;",
        ]
    for event, (condition, body) in bodies.items():
        trigger = _trigger(source, event)
        statements += [
            f"DROP TRIGGER IF EXISTS {trigger};",
            f"CREATE TRIGGER {trigger} AFTER {event} ON {source.table} FOR EACH ROW{condition} "
            f"BEGIN {body} END;",
        ]
    return statements


def _sqlite_office() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS reports_office_changed_{event};" for event in ("update", "delete")
    ] + [
        f"CREATE TRIGGER reports_office_changed_{event} AFTER {event.upper()} ON {OFFICE_TABLE} "  # nosec B608
        f"FOR EACH ROW BEGIN DELETE FROM {PART_TABLE}; END;"
        for event in ("update", "delete")
    ]


def statements(vendor: str) -> list[str]:
    """Every statement that creates (or re-creates) the triggers on this database."""
    if vendor == "postgresql":
        return [sql for source in SOURCES for sql in _pg_sql(source)] + _pg_office()
    return [sql for source in SOURCES for sql in _sqlite_sql(source)] + _sqlite_office()


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor):
        schema_editor.execute(sql, params=None)
