"""Reports that add up over days, computed from stored parts: a period is cut into whole
calendar years, whole months and single days, each part is computed once (by the report's own
query, for that part's dates, or as the sum of a year's months) and stored, and the report is
the sum of its parts. Twelve months of steps are then read as at most twelve months and sixty
days of stored counts instead of a year of rows, and ten years as ten years and a few months.

A stored part is used only while none of its days has changed since it was computed: the
database triggers of `reports.triggers` record every changed day with the number of the
writing transaction, and a part keeps the lowest number still running when it was computed
(its snapshot). A change with that number or a later one may be missing from the part, so the
part is computed again; a change before it was committed when the part was computed, so it is
in it. On SQLite, with one writer at a time, the number is the change table's next one, read
in the same transaction as the part.

Only counts whose every row belongs to one day of the period add up like this (a participant
closed on that day, a step registered on it), and only for choices that do not depend on the
period: "Deltagarstatus" is read on the period's last day, so with it the report is computed
from its rows as before. The parts are keyed by everything else the form chose and by the
code of the report queries, so a new version of a report never reads parts of the previous one.

Filling is bounded: a request computes and stores missing parts for at most `FILL_SECONDS`,
then reads each remaining stretch of missing parts with one query over its dates, unstored;
`manage.py fill_report_parts` fills them ahead (after a deploy, nightly).
"""

import calendar
import collections
import contextlib
import dataclasses
import datetime
import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from reports.models import ReportChange, ReportPart, Span
from reports.scope import Scope
from transitions.models import Participation, Transition
from transitions.table import ParticipantStatus

FILL_SECONDS = settings.SUS_REPORT_PARTS_FILL_SECONDS
# A changed day is recorded for a day; once every part that could have missed it is gone
# (recomputed or forgotten), the record is of no use. Parts are computed within seconds, so a
# record older than this with no part of an earlier snapshot left can be deleted.
CHANGES_KEPT = datetime.timedelta(days=1)
# Parts still missing after filling, of a report with a cheaper way for its whole period: up
# to this many days are read from their rows, a query per stretch (the days of the months a
# few changes made stale, scattered over the history: a quarter's rows cost a fraction of a
# year's); more, and the cheaper way is taken.
ROWS_DAYS = 92

logger = logging.getLogger(__name__)

Results = dict[tuple, dict]
Compute = Callable[[Scope], Results]


def _code_digest() -> str:
    """The source of the report queries, so parts of another version are never read."""
    here = Path(__file__).parent
    files = sorted([here / "parts.py", here / "scope.py", *(here / "queries").glob("*.py")])
    return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()


CODE = _code_digest()


def _choice(value):
    return value.pk if isinstance(value, models.Model) else value


def first_month() -> datetime.date | None:
    """The first day of the month the first participation started in, where the stored
    parts of the whole history begin; None without any participation."""
    first = Participation.objects.aggregate(first=Min("started_on"))["first"]
    return first.replace(day=1) if first else None


def part_key(name: str, scope: Scope) -> str:
    """The stored parts' key: the report, the code and every choice but the period."""
    choices = {
        field.name: _choice(getattr(scope, field.name))
        for field in dataclasses.fields(scope)
        if field.name not in ("start", "end")
    }
    text = json.dumps([CODE, name, choices], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def adds_up(scope: Scope) -> bool:
    """Whether the report for `scope` is the sum of its days' reports."""
    return scope.status == ParticipantStatus.ALL


def _encode(results: Results) -> str:
    return json.dumps(
        [
            [office, sex, [[list(k) if isinstance(k, tuple) else k, n] for k, n in values.items()]]
            for (office, sex), values in results.items()
        ]
    )


# Decoded parts kept per process, by their stored text, and the sums of the stored parts a
# report reads, by their texts: a report over twelve months reads about forty parts on every
# request, and at 1M participations decoding and adding Ledtider's histograms was nearly all
# of its time. The same texts always give the same results, so a part computed again (a new
# text) is never read from here stale. What is kept is shared: nothing may change it (`add`
# builds new results, and `computed` hands out a copy). Both are bounded by the number of
# values they hold, not of parts: a month of Ledtider compared over the FK offices holds
# 11,600 values at 1M participations (238 kB of text), a day of
# Standardrapport a few dozen.
DECODED_VALUES_KEPT = 400_000
SUMS_VALUES_KEPT = 400_000


def _values_in(results: Results) -> int:
    return sum(len(values) for values in results.values()) + 1


class _Kept:
    """The results last used, least recently used first out, while together they hold at
    most `budget` values (one larger than that is handed out but not kept)."""

    def __init__(self, budget: int):
        self.budget = budget
        self._items: collections.OrderedDict = collections.OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def get(self, key, make: Callable[[], Results]) -> Results:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
        results = make()
        size = _values_in(results)
        with self._lock:
            if size <= self.budget and key not in self._items:
                self._items[key] = (results, size)
                self._held += size
                while self._held > self.budget:
                    _key, (_results, dropped) = self._items.popitem(last=False)
                    self._held -= dropped
        return results

    def __len__(self) -> int:
        return len(self._items)

    @property
    def held(self) -> int:
        return self._held


_decoded = _Kept(DECODED_VALUES_KEPT)
_sums = _Kept(SUMS_VALUES_KEPT)


def _decoded_from(text: str) -> Results:
    return {
        (office, sex): {(tuple(k) if isinstance(k, list) else k): n for k, n in values}
        for office, sex, values in json.loads(text)
    }


def _decode(text: str) -> Results:
    return _decoded.get(text, lambda: _decoded_from(text))


def add(*results: Results) -> Results:
    """The sum of results, group by group and measure by measure."""
    total: Results = {}
    for result in results:
        for group, values in result.items():
            into = total.setdefault(group, {})
            for measure, n in values.items():
                into[measure] = into.get(measure, 0) + n
    return total


def _sum_of(texts: tuple[str, ...]) -> Results:
    return _sums.get(texts, lambda: add(*(_decode(text) for text in texts)))


def _copy(results: Results) -> Results:
    return {group: dict(values) for group, values in results.items()}


def subtract(minuend: Results, subtrahend: Results) -> Results:
    negated = {group: {k: -n for k, n in values.items()} for group, values in subtrahend.items()}
    return add(minuend, negated)


def without_empty_groups(results: Results, *, measure: str) -> Results:
    """`results` without the groups where `measure` (counting every row) is 0, as a query
    gives no group for no rows; the total of an ungrouped report stays."""
    return {
        group: values
        for group, values in results.items()
        if values.get(measure) or group == (None, None)
    }


@dataclasses.dataclass(frozen=True)
class Piece:
    span: str  # a `Span` value (a plain str: an enum member hashes by its name)
    first: datetime.date
    last: datetime.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def pieces(start: datetime.date, end: datetime.date) -> list[Piece]:
    """The period as whole calendar years, the whole months around them and the days around
    those, in order."""
    found, day = [], start
    while day <= end:
        month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        year_end = day.replace(month=12, day=31)
        if (day.month, day.day) == (1, 1) and year_end <= end:
            found.append(Piece(Span.YEAR.value, day, year_end))
            day = year_end + datetime.timedelta(days=1)
        elif day.day == 1 and month_end <= end:
            found.append(Piece(Span.MONTH.value, day, month_end))
            day = month_end + datetime.timedelta(days=1)
        else:
            found.append(Piece(Span.DAY.value, day, day))
            day += datetime.timedelta(days=1)
    return found


def _snapshot_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
    return f"(SELECT COALESCE(MAX(xact), 0) + 1 FROM {ReportChange._meta.db_table})"  # nosec B608


def _snapshot(using: str) -> int:
    """The number below which every change was committed before this moment."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {_snapshot_sql(connections[using].vendor)}")  # nosec B608
        return cursor.fetchone()[0]


def _stored(key: str, wanted: list[Piece]) -> tuple[dict[Piece, tuple[int, str]], set, int]:
    """The stored parts among `wanted` that no later change made stale, with their
    snapshots and texts; the stale ones; and the snapshot they were checked in (0 when none was
    found): a change numbered below it was committed before the check, so it is in every
    part found."""
    if not wanted:
        return {}, set(), 0
    changed = ReportChange.objects.filter(
        day__gte=OuterRef("first_day"),
        day__lte=OuterRef("last_day"),
        xact__gte=OuterRef("snapshot"),
    )
    spans = Q()
    for span in Span.values:
        days = [piece.first for piece in wanted if piece.span == span]
        if days:
            spans |= Q(span=span, first_day__in=days)
    using = router.db_for_read(ReportPart)
    rows = (
        ReportPart.objects.using(using)
        .filter(spans, key=key)
        .annotate(
            stale=Exists(changed),
            # a constant expression of this module, no value from a request
            checked=RawSQL(_snapshot_sql(connections[using].vendor), (), models.BigIntegerField()),  # nosec B611
        )
        .values_list("span", "first_day", "last_day", "snapshot", "results", "stale", "checked")
    )
    found, stale, checked_in = {}, set(), 0
    for span, first, last, snapshot, results, is_stale, checked in rows:
        checked_in = checked
        if is_stale:
            stale.add(Piece(span, first, last))
        else:
            found[Piece(span, first, last)] = (snapshot, results)
    return found, stale, checked_in


def _parts_of(piece: Piece) -> list[Piece]:
    """A year's months, or a month's days."""
    if piece.span == Span.YEAR:
        year = piece.first.year
        return [
            Piece(
                Span.MONTH.value,
                datetime.date(year, month, 1),
                datetime.date(year, month, calendar.monthrange(year, month)[1]),
            )
            for month in range(1, 13)
        ]
    count = (piece.last - piece.first).days + 1
    days = (piece.first + datetime.timedelta(days=n) for n in range(count))
    return [Piece(Span.DAY.value, day, day) for day in days]


def _runs(missing: list[Piece]) -> list[tuple[datetime.date, datetime.date]]:
    """Adjoining pieces joined into stretches of days."""
    runs: list[list[datetime.date]] = []
    for piece in missing:
        if runs and runs[-1][1] + datetime.timedelta(days=1) == piece.first:
            runs[-1][1] = piece.last
        else:
            runs.append([piece.first, piece.last])
    return [(first, last) for first, last in runs]


@contextlib.contextmanager
def _setting(using: str, name: str, value):
    """A PostgreSQL setting for the statements inside, restored after (in the transaction)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        (before,) = cursor.fetchone()
        cursor.execute("SELECT set_config(%s, %s, true)", [name, str(value)])
    try:
        yield
    except BaseException:
        # the error goes on as it was (a statement past its limit is a "slow" page): put the
        # setting back if the transaction still can, else its rollback undoes it
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [name, before])
        raise
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [name, before])


def _index_reads(using: str):
    """Plan for rows reached one by one through their indexes. A part reads a day or a month:
    a few thousand steps, each with its answers. With PostgreSQL's default cost of a random
    page read (4, for spinning disks) the planner hashes the whole answer table (580k rows at
    1M participations) rather than look up the month's 8,500 in its index: a month's
    Sysselsättning efter took 580 ms so, 150 ms with the cost of memory and SSD reads (1.1)."""
    return _setting(using, "random_page_cost", "1.1")


def computed(
    name: str, scope: Scope, compute: Compute, *, fill_seconds=None, whole=True
) -> Results | None:
    """`compute(scope)`, as the sum of its stored parts where it adds up. Parts still missing
    after `fill_seconds` of filling are read from their rows; with `whole=False` the answer
    is then None instead (the caller has a cheaper way for the whole period), unless they
    are at most `ROWS_DAYS` days (the months a few changes made stale: cheaper from their
    rows).

    A year not stored, or made stale by a change, is read from its months, and a month a
    change made stale from its days: only the changed days are computed again (a late step
    or answer changes one day of an old month), and the month and the year are stored again
    as the sums of their parts."""
    fill_seconds = FILL_SECONDS if fill_seconds is None else fill_seconds
    if not adds_up(scope):
        return compute(scope)
    key = part_key(name, scope)
    wanted = pieces(scope.start, scope.end)
    found, stale, _checked = _stored(key, wanted)
    # the pieces read from their parts, a year's before a month's, each with the snapshot
    # their parts were checked in
    split: list[tuple[list[Piece], int]] = []
    for span in (Span.YEAR, Span.MONTH):
        opened = [
            piece
            for piece in wanted
            if piece.span == span and (piece in stale or (span == Span.YEAR and piece not in found))
        ]
        if not opened:
            continue
        wanted = [
            part for piece in wanted for part in (_parts_of(piece) if piece in opened else [piece])
        ]
        parts_found, parts_stale, checked = _stored(
            key, [part for piece in opened for part in _parts_of(piece)]
        )
        found.update(parts_found)
        stale |= parts_stale
        split.append((opened, checked))
    missing = [piece for piece in wanted if piece not in found]
    fresh, rest = {}, []
    if missing:
        using = router.db_for_read(Transition)
        # the setting outside the transaction: it is put back after a failed one rolled back
        with _index_reads(using), transaction.atomic(using=using):
            fresh, rest = _fill(scope, compute, missing, using, fill_seconds, whole)
    computed_now = list(fresh.values())

    # A piece read from its parts is stored whole again once they are all there (a month
    # before its year), even when none of them had to be computed now: else every report
    # after it would read its parts one by one. It holds every change numbered below the
    # lowest of its parts' snapshots, and also every one below the snapshot its stored parts
    # were checked in (those were committed before the check, so the parts found hold them);
    # with the lower one alone, a change already in a part but numbered above an older part's
    # snapshot would keep the piece stale.
    def got(part: Piece) -> tuple[int, Results] | None:
        if part in found:
            snapshot, text = found[part]
            return snapshot, _decode(text)
        return fresh.get(part)

    for opened, checked in reversed(split):
        for piece in opened:
            got_parts = [got(part) for part in _parts_of(piece)]
            if all(got_parts):
                fresh[piece] = (
                    max(min(snapshot for snapshot, _results in got_parts), checked),
                    add(*(results for _snapshot, results in got_parts)),
                )
    if fresh:
        _store(key, fresh)
    if rest is None:
        return None
    # Today's parts change with every step registered: added on their own, so that the sum
    # of the earlier ones, kept, is not computed again after each
    today = timezone.localdate()
    settled = tuple(text for piece, (_s, text) in found.items() if piece.last < today)
    latest = [_decode(text) for piece, (_s, text) in found.items() if piece.last >= today]
    more = [*latest, *(results for _snapshot, results in computed_now), *rest]
    stored = _sum_of(settled)
    return add(stored, *more) if more else _copy(stored)


def _fill(scope, compute, missing, using, fill_seconds, whole):
    """Compute the missing pieces, the latest first, for `fill_seconds`; the rest unstored, a
    query per stretch of adjoining pieces (None when not `whole` and some are left)."""
    deadline = time.monotonic() + fill_seconds
    fresh: dict[Piece, tuple[int, Results]] = {}
    while missing and time.monotonic() < deadline:
        piece = missing.pop()  # the latest first: the days most often asked for
        with transaction.atomic(using=using):
            snapshot = _snapshot(using)
            fresh[piece] = (
                snapshot,
                compute(dataclasses.replace(scope, start=piece.first, end=piece.last)),
            )
    if missing and not whole and sum(piece.days for piece in missing) > ROWS_DAYS:
        return fresh, None
    rest = [
        compute(dataclasses.replace(scope, start=first, end=last))
        for first, last in _runs(sorted(missing, key=lambda piece: piece.first))
    ]
    return fresh, rest


# A stored part only saves work: storing one never waits long for another request storing the
# same part, and never fails the report.
STORE_LOCK_TIMEOUT_MS = 200


def _store(key: str, fresh: dict[Piece, tuple[int, Results]]) -> None:
    using = router.db_for_write(ReportPart)
    rows = [
        ReportPart(
            key=key,
            span=piece.span,
            first_day=piece.first,
            last_day=piece.last,
            snapshot=snapshot,
            results=_encode(results),
        )
        for piece, (snapshot, results) in sorted(fresh.items(), key=lambda item: item[0].first)
    ]
    try:
        with (
            _setting(using, "lock_timeout", STORE_LOCK_TIMEOUT_MS),
            transaction.atomic(using=using),
        ):
            ReportPart.objects.using(using).bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["key", "span", "first_day"],
                update_fields=["last_day", "snapshot", "results", "computed_at"],
            )
    except DatabaseError as error:  # another request holds them: it stores them itself
        logger.warning("report parts not stored", extra={"error": type(error).__name__})


def forget_old_changes(now: datetime.datetime) -> int:
    """Delete the records of changed days that no stored part needs any longer: older than
    `CHANGES_KEPT`, after forgetting the parts computed before them (stale anyway). Returns
    the number of records deleted."""
    before = now - CHANGES_KEPT
    old = ReportChange.objects.filter(created_at__lt=before)
    with transaction.atomic():
        ReportPart.objects.filter(
            Exists(
                old.filter(
                    day__gte=OuterRef("first_day"),
                    day__lte=OuterRef("last_day"),
                    xact__gte=OuterRef("snapshot"),
                )
            )
        ).delete()
        deleted, _kinds = old.delete()
    return deleted
