"""An automated "attacker" on the published reports: it reads what the report pages show, knows
how the numbers relate (a total is the sum of its parts), and tries to work out a masked count
("<5") exactly. Used by the test that proves the reports cannot be un-masked and by
scripts/report_attack.py, which prints what it finds.

Each published cell becomes an interval of the true values it can stand for ("<5": 0–4, a count
rounded down to 5: 5–9, …). The relations are linear: kön (Kvinnor + Män = Totalt = the unsplit
table), levels (the offices of an area add up to the area, the areas to riket), the office pairs
of comparisons (an office = the sum of its pairs), and within the standard report (on a single
day: Samtliga = Aktuella + Väntan + Avslutade; always: Avslutade = its interrupted, unanswered
and answered parts, each answered reason at most the answered ones). Interval propagation over
all of them, to a fixed point, is the subtraction attack in every combination; a masked count of
1–4 left with a single possible value is "recovered".
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace

from reports.masking import MASKED_COUNT, PROTECTED, SMALLEST_SHOWN, masked

INF = math.inf


@dataclass
class Published:
    """What the attacker knows: intervals per cell key, and linear relations between keys."""

    bounds: dict = field(default_factory=dict)
    masked_keys: set = field(default_factory=set)
    equalities: list = field(default_factory=list)  # (total_key, [part keys])
    at_most: list = field(default_factory=list)  # (key, [keys whose sum bounds it from above])

    def publish(self, key, cell, *, base: int) -> None:
        value = masked(cell)
        if value == MASKED_COUNT:
            low, high = (0 if base > 1 else 1), SMALLEST_SHOWN - 1
            self.masked_keys.add(key)
        elif value == PROTECTED:
            low, high = 0, INF
        elif base > 1:
            low, high = value, value + base - 1
        else:
            low = high = value
        old_low, old_high = self.bounds.get(key, (0, INF))
        self.bounds[key] = (max(low, old_low), min(high, old_high))

    def equal(self, total, parts) -> None:
        self.equalities.append((total, list(parts)))

    def bounded_by(self, key, parts) -> None:
        self.at_most.append((key, list(parts)))


def _sum_bounds(bounds, keys):
    return sum(bounds.get(k, (0, INF))[0] for k in keys), sum(
        bounds.get(k, (0, INF))[1] for k in keys
    )


def propagate(published: Published, *, rounds: int = 50) -> dict:
    """Narrow every interval by every relation until nothing changes."""
    bounds = dict(published.bounds)

    def narrow(key, low, high) -> bool:
        old_low, old_high = bounds.get(key, (0, INF))
        low = math.ceil(low) if low != -INF else old_low
        high = math.floor(high) if high != INF else old_high
        new = (max(old_low, low), min(old_high, high))
        if new != (old_low, old_high):
            bounds[key] = new
            return True
        return False

    for _ in range(rounds):
        changed = False
        for total, parts in published.equalities:
            parts_low, parts_high = _sum_bounds(bounds, parts)
            total_low, total_high = bounds.get(total, (0, INF))
            changed |= narrow(total, parts_low, parts_high)
            for part in parts:
                others_low, others_high = _sum_bounds(bounds, [p for p in parts if p != part])
                changed |= narrow(part, total_low - others_high, total_high - others_low)
        for key, parts in published.at_most:
            key_low, _high = bounds.get(key, (0, INF))
            parts_low, parts_high = _sum_bounds(bounds, parts)
            changed |= narrow(key, 0, parts_high)
            for part in parts:
                others_low, others_high = _sum_bounds(bounds, [p for p in parts if p != part])
                changed |= narrow(part, key_low - others_high, INF)
        if not changed:
            break
    return bounds


def recovered(published: Published, truth: dict) -> dict:
    """The masked cells holding 1–4 that the attacker pins to their value: {key: value}."""
    bounds = propagate(published)
    return {
        key: bounds[key][0]
        for key in published.masked_keys
        if bounds[key][0] == bounds[key][1] and 0 < truth[key] < SMALLEST_SHOWN
    }


def consistent(published: Published, truth: dict) -> list:
    """The relations the true values break (none, if the attacker's model is right)."""
    broken = []
    for total, parts in published.equalities:
        if truth.get(total, 0) != sum(truth.get(p, 0) for p in parts):
            broken.append((total, parts))
    for key, parts in published.at_most:
        if truth.get(key, 0) > sum(truth.get(p, 0) for p in parts):
            broken.append((key, parts))
    return broken


def group_parts(keys, by) -> dict:
    """Keys grouped by `by(key)` (None: left out), for building sums."""
    groups = defaultdict(list)
    for key in keys:
        group = by(key)
        if group is not None:
            groups[group].append(key)
    return groups


# --- the standard report over every level, kön and comparison --------------------------------


def attack_standard_report(periods, *, base: int):
    """Publish Standardrapport for every period × level (riket, each area, each office) × kön
    (unsplit and split) × comparison of an office's pairs, as a user could ask for them; returns
    (published, truth)."""
    from offices.models import Agency, Area, Office
    from reports.queries.standard import MEASURES, standard_report
    from reports.scope import Comparison, Level, Scope, SexChoice

    measures = [m.key for m in MEASURES]
    offices = list(Office.objects.all())
    by_name = {str(o): o for o in offices}
    published, truth = Published(), {}

    def record(period, unit_of_row, table, split):
        per_unit = len(measures)
        for index, row in enumerate(table.rows):
            unit = unit_of_row(row)
            measure = measures[index % per_unit]
            sexes = ("K", "M", None) if split else (None,)
            for sex, cell in zip(sexes, row.cells, strict=True):
                key = (period, unit, sex, measure)
                published.publish(key, cell, base=base)
                truth[key] = cell.value

    areas = list(Area.objects.all())
    for period in periods:
        start, end = period
        for scope, unit in _units(start, end):
            for sex in (SexChoice.ALL, SexChoice.SPLIT):
                table = standard_report(replace(scope, sex=sex))
                record(period, lambda row, unit=unit: unit, table, sex == SexChoice.SPLIT)
        # Comparisons: an office's participants split by the office of the other agency.
        for office in offices:
            other = Comparison.FK if office.agency == Agency.AF else Comparison.AF
            for sex in (SexChoice.ALL, SexChoice.SPLIT):
                scope = Scope(
                    start=start, end=end, level=Level.OFFICE, office=office, compare=other, sex=sex
                )

                def pair(row, office=office):
                    partner = by_name[row.headers[0]]
                    af, fk = (office, partner) if office.agency == Agency.AF else (partner, office)
                    return ("pair", af.pk, fk.pk)

                record(period, pair, standard_report(scope), sex == SexChoice.SPLIT)

        _relations(published, period, measures, offices, areas, single_day=start == end)
    for (period, unit, sex, measure), value in list(truth.items()):
        if measure == "closed":
            parts = ("closed_interrupted", "closed_unanswered")
            hidden = value - sum(truth[(period, unit, sex, p)] for p in parts)
            truth[(period, unit, sex, "answered")] = hidden
    return published, truth


def _level_sums(published, key, offices, areas) -> None:
    """The organisation's sums for one measure, `key(unit)` its cell key: riket is the sum of
    the Af offices, of the FK offices, of the marknadsområden and of the verksamhetsområden;
    each area is the sum of its offices."""
    from offices.models import Agency, AreaKind

    area_field = {
        AreaKind.MARKNADSOMRADE: "marknadsomrade_id",
        AreaKind.ARBETSMARKNADSOMRADE: "arbetsmarknadsomrade_id",
        AreaKind.VERKSAMHETSOMRADE: "verksamhetsomrade_id",
    }

    def office_keys(group):
        return [key(("office", o.pk)) for o in group]

    for agency in (Agency.AF, Agency.FK):
        published.equal(key(("riket",)), office_keys([o for o in offices if o.agency == agency]))
    for kind in (AreaKind.MARKNADSOMRADE, AreaKind.VERKSAMHETSOMRADE):
        kind_areas = [a for a in areas if a.kind == kind]
        published.equal(key(("riket",)), [key(("area", a.pk)) for a in kind_areas])
    for area in areas:
        field = area_field[AreaKind(area.kind)]
        members = [o for o in offices if getattr(o, field, None) == area.pk]
        published.equal(key(("area", area.pk)), office_keys(members))


def _units(start, end):
    """A report at every level a user can ask for: (scope, unit) for riket, each area and each
    office."""
    from offices.models import Area, Office
    from reports.scope import Level, Scope

    units = [(Scope(start=start, end=end), ("riket",))]
    units += [
        (Scope(start=start, end=end, level=Level.AREA, area=a), ("area", a.pk))
        for a in Area.objects.all()
    ]
    units += [
        (Scope(start=start, end=end, level=Level.OFFICE, office=o), ("office", o.pk))
        for o in Office.objects.all()
    ]
    return units


def _relations(published, period, measures, offices, areas, *, single_day):
    from offices.models import Agency

    af = [o for o in offices if o.agency == Agency.AF]
    fk = [o for o in offices if o.agency == Agency.FK]
    units = [("riket",), *(("area", a.pk) for a in areas), *(("office", o.pk) for o in offices)]
    units += [("pair", a.pk, f.pk) for a in af for f in fk]
    for sex in ("K", "M", None):

        def key(unit, measure, sex=sex):
            return (period, unit, sex, measure)

        for measure in measures:
            _level_sums(published, lambda unit, m=measure: key(unit, m), offices, areas)
            for a in af:
                published.equal(
                    key(("office", a.pk), measure), [key(("pair", a.pk, f.pk), measure) for f in fk]
                )
            for f in fk:
                published.equal(
                    key(("office", f.pk), measure), [key(("pair", a.pk, f.pk), measure) for a in af]
                )
        for unit in units:
            k = lambda measure, unit=unit: key(unit, measure)  # noqa: E731
            if sex is None:
                for measure in measures:
                    published.equal(k(measure), [(period, unit, s, measure) for s in "KM"])
            parts = [k("current"), k("waiting"), k("closed")]
            if single_day:
                published.equal(k("all"), parts)
            else:
                published.bounded_by(k("all"), parts)
            for part in parts:
                published.bounded_by(part, [k("all")])
            answered = k("answered")
            published.equal(
                k("closed"), [k("closed_interrupted"), k("closed_unanswered"), answered]
            )
            reasons = ["closed_working", "closed_studying", "closed_seeking", "closed_program"]
            for reason in [*reasons, "closed_none"]:
                published.bounded_by(k(reason), [answered])
            published.bounded_by(answered, [k(r) for r in [*reasons, "closed_none"]])


# --- Ledtider and Flöde per månad against their period reports --------------------------------


def attack_monthly_reports(start, end, *, base: int):
    """Publish Ledtider and Flöde per månad, for every measure, level and kön (unsplit and
    split) over the months from `start` to `end`, beside the period reports of the same span;
    returns (published, truth). The relations: the months add up to the period, "Alla
    övergångar" is the sum of the transitions in each month, Kvinnor + Män = Totalt, and the
    organisation's sums (`_level_sums`). Only counts are attacked; a median or mean over fewer
    than five is withheld."""
    from offices.models import Area, Office
    from reports.queries import PARTICIPANT_REPORTS, ReportType, flow, lead_times
    from reports.queries.monthly import (
        ALL_STEPS,
        FLOW_CHOICES,
        LEAD_TIME_CHOICES,
        flow_by_month,
        flow_value,
        lead_times_by_month,
        months,
    )
    from reports.scope import SexChoice
    from reports.tables import Number

    published, truth = Published(), {}
    days: list = []
    series = [("flow", value, flow_by_month) for value, _label in FLOW_CHOICES]
    series += [("lead", value, lead_times_by_month) for value, _label in LEAD_TIME_CHOICES]
    period_reports = [
        ("flow", [flow_value(m.key) for m in flow.MEASURES], ReportType.FLOW),
        ("lead", [m.key for m in lead_times.MEASURES], ReportType.LEAD_TIMES),
    ]
    units = _units(start, end)

    def record(key_of, rows, sexes):
        for key, row in zip(key_of, rows, strict=True):
            counts = [cell for cell in row.cells if isinstance(cell, Number)]
            for sex, cell in zip(sexes, counts, strict=True):
                published.publish((*key, sex), cell, base=base)
                truth[(*key, sex)] = cell.value

    for scope, unit in units:
        days = months(scope)
        for sex in (SexChoice.ALL, SexChoice.SPLIT):
            split = replace(scope, sex=sex)
            sexes = ("K", "M", None) if sex == SexChoice.SPLIT else (None,)
            for kind, measure, build in series:
                keys = [(kind, measure, unit, day) for day in days]
                record(keys, build(split, measure).rows, sexes)
            for kind, measures, report_type in period_reports:
                keys = [(kind, measure, unit, "period") for measure in measures]
                record(keys, PARTICIPANT_REPORTS[report_type](split).rows, sexes)

    offices, areas = list(Office.objects.all()), list(Area.objects.all())
    for sex in ("K", "M", None):
        for kind, measure, _build in series:
            for unit in (u for _scope, u in units):
                month_keys = [(kind, measure, unit, day, sex) for day in days]
                if measure != ALL_STEPS:
                    published.equal((kind, measure, unit, "period", sex), month_keys)
                if sex is None:
                    for t in [*days, "period"] if measure != ALL_STEPS else days:
                        published.equal(
                            (kind, measure, unit, t, None),
                            [(kind, measure, unit, t, s) for s in "KM"],
                        )
            for t in [*days, "period"] if measure != ALL_STEPS else days:
                _level_sums(
                    published,
                    lambda unit, k=kind, m=measure, t=t, s=sex: (k, m, unit, t, s),
                    offices,
                    areas,
                )
        steps = [value for value, _label in FLOW_CHOICES if value != ALL_STEPS]
        for unit in (u for _scope, u in units):
            for day in days:
                published.equal(
                    ("flow", ALL_STEPS, unit, day, sex),
                    [("flow", step, unit, day, sex) for step in steps],
                )
    return published, truth
