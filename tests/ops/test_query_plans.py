"""The main queries of the participant pages, Att göra, Visa deltagare and every report's steps
reach their rows through an index, never by reading a whole table or a whole index (a partial
index, which holds only the rows wanted, may be read whole): at national scale (a million
participations) a full scan is what makes a page take seconds (docs/performance.md).

Each query is the one the real code path runs (captured), explained on the database under test.
On PostgreSQL sequential scans are disabled for the EXPLAIN, so the plan shows whether an index
*can* serve the query (with a test database of a few rows the planner would otherwise rightly
prefer to read the table); on SQLite its query plan names the index it searches. Today is
2026-11-23."""

import datetime
import json
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reports.queries import PARTICIPANT_REPORTS
from reports.queries.standard import standard_report
from reports.scope import Comparison, Scope
from tests.builders import d, start, walk
from transitions.access import get_participation_for_user
from transitions.selectors import (
    participant_list,
    participation_history,
    transitions_missing_answers,
    waiting_too_long,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

PARTICIPATION = "transitions_participation"
# With a few rows (and statistics that depend on what ran before) the planner may take the
# office's foreign-key index, or another of the office's ordered indexes, instead of the one
# the model keeps for this list at national scale; each reads only the office.
BY_OFFICE = ("transitions_participation_fk_office_id", "participation_fk_since")
TRANSITION = "transitions_transition"


def by_participation(table: str) -> tuple[str, ...]:
    """The indexes led by the participation: its foreign key's, the unique (participation,
    sequence) one (SQLite names that itself), and for the steps (participation, to_type). With
    a few rows the planner picks among them by statistics that earlier tests leave behind."""
    return (
        f"{table}_participation_id",
        f"{table}_sequence",
        f"sqlite_autoindex_{table}",
        "transition_participation_to",
    )


def plan_of(sql: str) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            return json.dumps(cursor.fetchone()[0], indent=1)
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(" ".join(str(cell) for cell in row) for row in cursor.fetchall())


def is_partial(index: str) -> bool:
    """Whether the index holds only some rows (a WHERE in its definition)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [index])
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [index])
        row = cursor.fetchone()
    return bool(row and row[0] and " WHERE " in row[0].upper())


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def queries_of(call) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        call()
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().startswith("SELECT")]


def reading(queries: list[str], table: str) -> list[str]:
    return [sql for sql in queries if re.search(rf'FROM "{table}"|JOIN "{table}"', sql)]


def full_scans(plan: str, table: str) -> list[str]:
    """The steps of the plan that read every row of the table: a sequential scan, or a walk
    through a whole index (no condition on it) that is not a partial index."""
    if connection.vendor == "postgresql":
        found = []
        for node in _nodes(json.loads(plan)[0]["Plan"]):
            if node.get("Relation Name") != table:
                continue
            index = node.get("Index Name")
            if node["Node Type"] == "Seq Scan" or (
                index and "Index Cond" not in node and not is_partial(index)
            ):
                found.append(f"{node['Node Type']} {index or ''}")
        return found
    found = []
    for line in plan.splitlines():
        scan = re.search(rf"\bSCAN {table}\b(?: USING (?:COVERING )?INDEX (\w+))?", line)
        if scan and not (scan.group(1) and is_partial(scan.group(1))):
            found.append(line)
    return found


def uses_index(plan: str, names: tuple[str, ...]) -> bool:
    """Whether the plan names one of the indexes (a name may be the start of one: Django
    appends a hash to the names it makes for foreign keys)."""
    return any(re.search(rf"\b{re.escape(name)}", plan) for name in names)


def assert_by_index(queries: list[str], table: str, indexes: tuple[str, ...] = ()) -> None:
    found = reading(queries, table)
    assert found, f"no query reads {table}"
    for sql in found:
        plan = plan_of(sql)
        assert full_scans(plan, table) == [], plan
        if indexes:
            assert uses_index(plan, indexes), plan


@pytest.fixture
def participations(fk_caseworker, af_office, fk_office):
    started = [start(fk_caseworker, af_office, fk_office, date=d(2026, 9, n)) for n in (1, 2, 3)]
    walk(started[0], fk_caseworker, [("GK", d(2026, 9, 10)), ("PAF", d(2026, 9, 20))])
    return started


def test_the_participant_lookup_reads_one_row_by_its_public_id(participations, fk_caseworker):
    public_id = participations[0].public_id
    queries = queries_of(lambda: get_participation_for_user(fk_caseworker, public_id))
    # the unique index of the public id (named by each database)
    assert_by_index(queries, PARTICIPATION, ("public_id_key", "sqlite_autoindex", "public_id"))


def test_the_history_is_read_by_the_participation(participations, fk_caseworker):
    participation = get_participation_for_user(fk_caseworker, participations[0].public_id)
    queries = queries_of(lambda: participation_history(participation))
    assert_by_index(queries, TRANSITION, by_participation(TRANSITION))
    assert not reading(queries, "transitions_officeperiod")  # stored on the participation
    participation = get_participation_for_user(fk_caseworker, participations[0].public_id)
    queries = queries_of(lambda: participation_history(participation, office_history=True))
    for table in (TRANSITION, "transitions_officeperiod"):
        assert_by_index(queries, table, by_participation(table))


def test_att_gora_reads_only_the_offices_participants_with_something_to_do(
    participations, fk_caseworker
):
    queries = queries_of(lambda: transitions_missing_answers(fk_caseworker, limit=50))
    assert_by_index(queries, PARTICIPATION, ("participation_fk_due", *BY_OFFICE))
    # the steps without answers of those participations only: by the partial index of such
    # steps, or (with a few rows, as the planner likes) by the participation, filtered
    assert_by_index(
        queries, TRANSITION, ("transition_answers_missing", *by_participation(TRANSITION))
    )
    today = datetime.date(2026, 11, 23)
    queries = queries_of(lambda: waiting_too_long(fk_caseworker, today=today, days=30, limit=50))
    assert_by_index(queries, PARTICIPATION, ("participation_fk_waiting", *BY_OFFICE))


def test_visa_deltagare_reads_the_office_in_the_order_it_shows(participations, fk_caseworker):
    def listed():
        page = participant_list(fk_caseworker, filters={})
        page.count()
        list(page[:25])

    assert_by_index(queries_of(listed), PARTICIPATION, ("participation_fk_since", *BY_OFFICE))


REPORTS = {
    "standard": standard_report,
    **{str(key): report for key, report in PARTICIPANT_REPORTS.items()},
}


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("compare", [Comparison.NONE, Comparison.FK])
def test_each_report_reads_its_period_by_index(participations, name, compare):
    scope = Scope(start=d(2026, 1, 1), end=d(2026, 11, 22), compare=compare)
    queries = queries_of(lambda: REPORTS[name](scope))
    # The steps and periods of the report's period, by index. (Bakgrund counts the
    # participants of the period, open or closed in it: SQLite reads those through the
    # office's index when comparing offices; see docs/performance.md, what is left.)
    for sql in reading(queries, TRANSITION):
        plan = plan_of(sql)
        assert full_scans(plan, TRANSITION) == [], plan
