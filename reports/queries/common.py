"""Building blocks of the report queries: whole days between two dates, grouped counts and the
distribution (count, sum, median) of a number of days — all computed by the database.

Medians are exact and portable: the database counts the rows per group and whole number of
days (a histogram, by hash aggregation), numbers the histogram's rows in order within each group
(a window over the histogram, not over the rows) and returns only the one or two histogram rows
of each group that hold its middle positions, so what reaches Python is bounded by the number
of groups, never by the number of rows. On PostgreSQL, for a report that is neither compared
over offices nor split by kön, the same median comes from the ordered-set aggregate
PERCENTILE_CONT(0.5) of a plain GROUP BY (the mean of the two middle values for an even count,
as from the histogram), which is faster for few groups; over offices it sorts every row
(Ledtider compared over the FK offices at 1M: 655 ms for its periods, 160 ms as a histogram).
Means are the group's sum of days divided by its count, both integers from the same query, so
SQLite and PostgreSQL give identical results (no floating-point AVG that could differ in the
last digit).
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    Aggregate,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Sum,
    When,
)

from offices.models import AreaKind, Office
from reports.scope import AREA_FIELDS, Grouping, Level, Scope


class DaysBetween(Func):
    """Whole days from the second date to the first (`DaysBetween("ended_on", "date")`), as an
    integer on PostgreSQL (date − date is already a number of days) and SQLite (julianday)."""

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def grouped(queryset, grouping: Grouping, **aggregates) -> dict[tuple, dict]:
    """One aggregate query: `{(office, sex): {name: value}}` for each group that has rows
    (no grouping: the single key (None, None)). Missing values are 0."""
    if not grouping.keys:
        row = queryset.order_by().aggregate(**aggregates)
        return {(None, None): {name: row[name] or 0 for name in aggregates}}
    rows = queryset.order_by().values(*grouping.keys).annotate(**aggregates)
    return {grouping.key_of(row): {name: row[name] or 0 for name in aggregates} for row in rows}


def distinct_counted(parts: list, grouping: Grouping, **counts: Q | None) -> dict[tuple, dict]:
    """`{(office, sex): {name: number}}`: for each `counts` condition (None: every row), the
    number of different participations among the rows of `parts` that meet it, in one query
    over the union of the parts. Each part can be read from its own index alone, where one
    query with "A OR B OR C" has to read every row it finds from the table."""
    aliases = {f"g{i}": F(key) for i, key in enumerate(grouping.keys)}
    of = {
        f"of_{name}": F("participation")
        if condition is None
        else Case(When(condition, then=F("participation")), output_field=IntegerField())
        for name, condition in counts.items()
    }
    members = [part.order_by().annotate(**aliases, **of).values(*aliases, *of) for part in parts]
    q = connections[parts[0].db].ops.quote_name
    keys = ", ".join(map(q, aliases))
    counted = ", ".join(f"COUNT(DISTINCT {q(column)}) AS {q(column)}" for column in of)
    rows = _select_over(
        members[0].union(*members[1:], all=True),
        # only quoted aliases around the compiled queryset; its values are parameters
        f"SELECT {keys + ', ' if keys else ''}{counted} FROM ({{inner}}) u"  # nosec B608
        + (f" GROUP BY {keys}" if keys else ""),
    )
    if not rows and not aliases:  # as COUNT over no rows: the single group, all zeros
        rows = [{f"of_{name}": 0 for name in counts}]
    field_of = dict(zip(aliases, grouping.keys, strict=True))
    return {
        grouping.key_of({field_of[alias]: row[alias] for alias in aliases}): {
            name: row[f"of_{name}"] for name in counts
        }
        for row in rows
    }


@dataclass(frozen=True)
class Stat:
    """A number of observations, their total and median (in days)."""

    count: int
    total: int
    median: float | None

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


class Median(Aggregate):
    """PostgreSQL's exact median of a group (the mean of the two middle values when even)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _distribution_ordered(rows, *, by: str | None) -> dict:
    """`distribution` on PostgreSQL without office or kön: one GROUP BY with the median."""
    measures = {"count": Count("pk"), "total": Sum("days"), "median": Median("days")}
    found_rows = [rows.aggregate(**measures)] if not by else rows.values(by).annotate(**measures)
    return {
        (row[by] if by else None, None, None): Stat(
            count=row["count"], total=row["total"], median=row["median"]
        )
        for row in found_rows
        if row["count"]
    }


def _select_over(queryset, outer: str) -> list[dict]:
    """The rows of the SQL `outer` run over the compiled `queryset` (`{inner}` in it), as
    dicts; its first columns, the queryset's own, as the ORM gives them (a month is a date on
    SQLite too). `outer` holds only quoted aliases and the queryset's SQL, and the values are
    the queryset's parameters. A queryset that can match nothing gives no rows, as in the
    ORM."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # a condition that can match nothing (`__in=[]`): no rows
        return []
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(outer.format(inner=sql), params)
        names = [column[0] for column in cursor.description]
        return [
            dict(zip(names, row, strict=True))
            for row in compiler.apply_converters(cursor.fetchall(), converters)
        ]


def _middle_days(rows: list[tuple[int, int, int]], count: int) -> float:
    """The median of a histogram's middle rows `(days, n, before)`: the mean of the values
    at the middle positions (count + 1) // 2 and (count + 2) // 2 (one value when odd)."""
    middle = [
        next(days for days, n, before in rows if before < position <= before + n)
        for position in ((count + 1) // 2, (count + 2) // 2)
    ]
    return sum(middle) / 2


def _distribution_histogram(rows, *, keys: list[str], sex: str | None) -> dict:
    """`distribution` from a histogram: the database counts the rows per group and number of
    days (a hash aggregate, no sort of the rows), numbers the histogram's rows per group in
    order of days (a window over the histogram, at most one row per group and value) and
    returns only the one or two rows of each group that hold its middle positions, with the
    group's count and total. With a kön split the total over both is a second window over
    the same histogram. Keys are the group's values of `keys`, in order."""
    aliases = [f"g{i}" for i in range(len(keys))]
    histogram = (
        rows.annotate(**{alias: F(key) for alias, key in zip(aliases, keys, strict=True)})
        .values(*aliases, "days")
        .annotate(n=Count("pk"))
        .order_by()
    )
    q = connections[rows.db].ops.quote_name
    split = keys.index(sex) if sex else None
    partitions = [aliases] if split is None else [aliases, aliases[:split] + aliases[split + 1 :]]
    windows, middles = [], []
    for i, fields in enumerate(partitions):
        over = f"PARTITION BY {', '.join(map(q, fields))} " if fields else ""
        windows += [
            f"SUM({q('n')}) OVER ({over}ORDER BY {q('days')} ROWS UNBOUNDED PRECEDING) "
            f"- {q('n')} AS {q(f'before{i}')}",
            f"SUM({q('n')}) OVER ({over.strip()}) AS {q(f'count{i}')}",
            f"SUM({q('n')} * {q('days')}) OVER ({over.strip()}) AS {q(f'total{i}')}",
        ]
        # the row holds positions before + 1 … before + n; the middle ones (count + 1) // 2
        # and (count + 2) // 2 fall in it when 2 * (before + n) >= count >= 2 * before
        before, count = q(f"before{i}"), q(f"count{i}")
        middles.append(f"(2 * ({before} + {q('n')}) >= {count} AND 2 * {before} <= {count})")
    found_rows = _select_over(
        histogram,
        # only quoted aliases around the compiled queryset; its values are parameters
        f"SELECT * FROM (SELECT h.*, {', '.join(windows)} FROM ({{inner}}) h) w "  # nosec B608
        f"WHERE {' OR '.join(middles)}",
    )
    groups: dict[tuple, tuple[int, int, list]] = {}
    for row in found_rows:
        for i, fields in enumerate(partitions):
            count, before = int(row[f"count{i}"]), int(row[f"before{i}"])
            if not 2 * (before + row["n"]) >= count >= 2 * before:
                continue
            key = tuple(row[alias] if alias in fields else None for alias in aliases)
            group = groups.setdefault(key, (count, int(row[f"total{i}"]), []))
            group[2].append((row["days"], row["n"], before))
    return {
        key: Stat(count=count, total=total, median=_middle_days(middle, count))
        for key, (count, total, middle) in groups.items()
    }


def distribution(queryset, *, days, grouping: Grouping, by: str | None = None) -> dict:
    """Count, total and exact median of `days` per group, in one query.

    Keys are `(by value or None, office or None, sex or None)`; with a kön split the key with
    sex None is the total over both, computed in the same query from its own window.
    """
    rows = queryset.order_by().annotate(days=days)
    if not grouping.keys and connections[queryset.db].vendor == "postgresql":
        return _distribution_ordered(rows, by=by)
    keys = [by, grouping.office, grouping.sex]
    found = _distribution_histogram(rows, keys=[k for k in keys if k], sex=grouping.sex)
    return {_full_key(key, keys): stat for key, stat in found.items()}


def _full_key(key: tuple, keys: list) -> tuple:
    """A histogram group's key with None for each of (by, office, sex) not grouped by."""
    values = iter(key)
    return tuple(next(values) if field else None for field in keys)


def histogram(queryset, *, days, grouping: Grouping, by: str | None = None, name=None) -> dict:
    """`{(office, sex): {(measure, days): number of rows}}`: how many rows have each number of
    `days`, per group. The measure is the value of the field `by`, or `name`. Histograms add
    up (over days, for stored parts); `stats_of` reads count, total and median off them."""
    fields = [by] if by else []
    rows = (
        queryset.order_by()
        .annotate(days=days)
        .values(*fields, *grouping.keys, "days")
        .annotate(n=Count("pk"))
    )
    found: dict[tuple, dict] = {}
    for row in rows:
        measure = row[by] if by else name
        found.setdefault(grouping.key_of(row), {})[(measure, row["days"])] = row["n"]
    return found


def stats_of(histograms: dict, *, split: bool) -> dict:
    """`{(measure, office, sex): Stat}` from `histogram` results, as `distribution` gives
    them: with a kön split also the total over both (sex None)."""
    days_of: dict[tuple, dict[int, int]] = {}
    for (office, sex), values in histograms.items():
        for (measure, days), n in values.items():
            keys = [(measure, office, sex)] + ([(measure, office, None)] if split else [])
            for key in keys:
                counts = days_of.setdefault(key, {})
                counts[days] = counts.get(days, 0) + n
    stats = {}
    for key, counts in days_of.items():
        count = sum(counts.values())
        if not count:
            continue
        rows, before = [], 0
        for days in sorted(counts):
            rows.append((days, counts[days], before))
            before += counts[days]
        total = sum(days * n for days, n in counts.items())
        stats[key] = Stat(count=count, total=total, median=_middle_days(rows, count))
    return stats


def counted_by(queryset, grouping: Grouping, by: tuple[str, ...], aggregate) -> dict:
    """One aggregate query grouped by the fields `by` as well:
    `{(office, sex): {value of by (a tuple when several fields): aggregate}}`."""
    rows = queryset.order_by().values(*by, *grouping.keys).annotate(value=aggregate)
    found: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(row[field] for field in by)
        found.setdefault(grouping.key_of(row), {})[key if len(by) > 1 else key[0]] = row["value"]
    return found


def merge(*results: dict) -> dict:
    """Combine `{(office, sex): {measure: value}}` results of several queries."""
    merged: dict[tuple, dict] = {}
    for result in results:
        for group, values in result.items():
            merged.setdefault(group, {}).update(values)
    return merged


def compared_offices(scope: Scope, results: dict) -> list[Office]:
    """The offices a comparison shows: those with anything counted, and the active offices of
    the chosen area or office when it belongs to the compared agency (so they show zeros)."""
    agency = scope.compare_agency
    if agency is None:
        return []
    wanted = Q(pk__in={office for office, _sex in results if office is not None})
    if scope.level == Level.AREA and scope.area and scope.area.agency == agency:
        field = AREA_FIELDS[AreaKind(scope.area.kind)].split("__", 1)[1]
        wanted |= Q(**{field: scope.area, "is_active": True})
    elif scope.level == Level.OFFICE and scope.office and scope.office.agency == agency:
        wanted |= Q(pk=scope.office.pk)
    return list(Office.objects.filter(wanted, agency=agency).order_by("name", "series"))
