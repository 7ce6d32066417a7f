"""Building blocks of the report queries: whole days between two dates, grouped counts and the
distribution (count, sum, median) of a number of days — all computed by the database.

Medians are exact and portable: a window query numbers each group's values in order
(ROW_NUMBER over the group) and returns only the one or two middle rows of each group, so what
reaches Python is bounded by the number of groups, never by the number of rows. On PostgreSQL,
when kön is not split, the same median comes from the ordered-set aggregate
PERCENTILE_CONT(0.5) of a plain GROUP BY, which sorts each group once instead of the whole set
twice for the windows (the mean of the two middle values for an even count, as the window).
Means are the group's sum of days divided by its count, both integers from the same query, so
SQLite and PostgreSQL give identical results (no floating-point AVG that could differ in the
last digit).
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Aggregate, Count, F, FloatField, Func, IntegerField, Q, Sum, Window
from django.db.models.functions import RowNumber

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


@dataclass(frozen=True)
class Stat:
    """A number of observations, their total and median (in days)."""

    count: int
    total: int
    median: float | None

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


def _is_middle(position: int, count: int) -> bool:
    return (count + 1) // 2 <= position <= (count + 2) // 2


class Median(Aggregate):
    """PostgreSQL's exact median of a group (the mean of the two middle values when even)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _distribution_grouped(rows, *, base: list[str], by: str | None, grouping: Grouping) -> dict:
    """`distribution` without a kön split, on PostgreSQL: one GROUP BY with the median."""
    measures = {"count": Count("pk"), "total": Sum("days"), "median": Median("days")}
    found_rows = (
        [rows.aggregate(**measures)] if not base else rows.values(*base).annotate(**measures)
    )
    return {
        (row[by] if by else None, row[grouping.office] if grouping.office else None, None): Stat(
            count=row["count"], total=row["total"], median=row["median"]
        )
        for row in found_rows
        if row["count"]
    }


def distribution(queryset, *, days, grouping: Grouping, by: str | None = None) -> dict:
    """Count, total and exact median of `days` per group, in one query.

    Keys are `(by value or None, office or None, sex or None)`; with a kön split the key with
    sex None is the total over both, computed in the same query from its own window.
    """
    rows = queryset.order_by().annotate(days=days)
    base = [key for key in (by, grouping.office) if key]
    if not grouping.sex and connections[queryset.db].vendor == "postgresql":
        return _distribution_grouped(rows, base=base, by=by, grouping=grouping)
    partitions = [([*base, grouping.sex], True), (base, False)] if grouping.sex else [(base, False)]
    windows, middle_rows = {}, Q()
    for i, (fields, _with_sex) in enumerate(partitions):
        over = {"partition_by": [F(field) for field in fields] or None}
        windows[f"position{i}"] = Window(RowNumber(), order_by=F("days").asc(), **over)
        windows[f"count{i}"] = Window(Count("pk"), **over)
        windows[f"total{i}"] = Window(Sum("days"), **over)
        count = F(f"count{i}")
        middle_rows |= Q(
            **{f"position{i}__gte": (count + 1) / 2, f"position{i}__lte": (count + 2) / 2}
        )
    values = (
        rows.annotate(**windows)
        .filter(middle_rows)
        .values(*[k for k in (by, *grouping.keys) if k], "days", *windows)
    )
    found: dict[tuple, tuple[int, int, list[int]]] = {}
    for row in values:
        for i, (_fields, with_sex) in enumerate(partitions):
            count, position = row[f"count{i}"], row[f"position{i}"]
            if not _is_middle(position, count):
                continue
            key = (row[by] if by else None, *grouping.key_of(row, with_sex=with_sex))
            found.setdefault(key, (count, row[f"total{i}"], []))[2].append(row["days"])
    return {
        key: Stat(count=count, total=total, median=sum(middle) / len(middle))
        for key, (count, total, middle) in found.items()  # one or two middle values
    }


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
