"""A national-scale data set for measuring (`manage.py generate_data`): N participations with
realistic histories on the demo organisation, written with PostgreSQL's COPY.

Every row is what the services would have written (transitions/services): steps only from the
transition table with plausible durations, each period ending on the next step's date, the stored
current state in step with the history, consent dated before the first step, office moves with
the fence of the step before them, answers for the question sets (most steps answered, recent
ones sometimes not yet), withdrawn consent after "återtagit samtycke", returning people starting
anew after their previous participation closed, and gallring done for people whose participations
all closed more than SUS_RETENTION_YEARS ago. `manage.py check_histories` finds nothing in it.

Deterministic: the same seed, day and organisation give the same rows. The audit trail is not
generated (the services write one record per change; the load measures the pages that read the
participation, not the audit admin).
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from audit.models import AccessLog, AccessOutcome
from offices.models import Agency, Office, Role, Uppdrag
from participants.models import AnonymousCount, Municipality, Person, RegisterPerson, Stadsdel
from participants.personnummer import Personnummer, with_check_digit
from sus.demo.history import DemoHistory
from sus.demo.organisation import MARKNADSOMRADEN, VERKSAMHETSOMRADEN
from sus.demo.register import FIRST_NAMES_MEN, FIRST_NAMES_WOMEN, LAST_NAMES, MUNICIPALITIES
from transitions.models import (
    ANSWER_MODELS,
    Avbrottsorsak,
    Consent,
    OfficePeriod,
    Participation,
    Transition,
    lead_dates,
)
from transitions.rules import first_day
from transitions.table import FIRST, Insatstyp, QuestionSet, is_closing, rule_for

UTC = datetime.UTC
DAY = datetime.timedelta(days=1)
# Skatteverket's test range: birth numbers 980–999, ten per sex and birth date (the last digit
# of the birth number is odd for men); then the same numbers as samordningsnummer (day + 60).
SERIALS = {True: list(range(981, 1000, 2)), False: list(range(980, 1000, 2))}
RETURNING = 0.15  # share of closed participations whose person comes back later
MOVE = 0.03  # chance of "Byt kontor" before a step
UNANSWERED_RECENT = 0.12  # steps of the last 60 days whose answers are not yet given
UNANSWERED_OLD = 0.004
HISTORY_VIEWED = 0.5  # participations with a "historik" row in the access log
CHUNK = 5000  # participations per transaction

T = Insatstyp
# The demo history's paths (sus.demo.history.PATHS) with more moves between the insatser, as in
# ten years of national use: about five transitions per participation.
# current insatstyp → ([(next, weight)], (fewest, most) days spent before the next step)
PATHS = {
    T.BGK: ([(T.GK, 92), (T.AVB, 8)], (7, 45)),
    T.GK: ([(T.PAF, 40), (T.PAL, 35), (T.AVS, 10), (T.KS, 7), (T.AVB, 8)], (20, 100)),
    T.PAF: ([(T.ARF, 65), (T.ARL, 15), (T.AVS, 10), (T.AVB, 10)], (10, 120)),
    T.PAL: ([(T.ARL, 65), (T.ARF, 15), (T.AVS, 10), (T.AVB, 10)], (10, 120)),
    T.ARF: ([(T.ARL, 50), (T.AVS, 38), (T.AVB, 12)], (45, 250)),
    T.ARL: ([(T.ARF, 50), (T.AVS, 38), (T.AVB, 12)], (45, 250)),
}

# The columns written, per table. Checked against the models at start: a column the generator
# does not know stops it (a new stored field must be generated too).
COLUMNS = {
    Person: (
        "id",
        "personnummer",
        "first_name",
        "last_name",
        "sex",
        "birth_year",
        "municipality_id",
        "personal_data_removed_at",
    ),
    RegisterPerson: (
        "id",
        "personnummer",
        "first_name",
        "last_name",
        "municipality_id",
        "protected_identity",
    ),
    Participation: (
        "id",
        "public_id",
        "person_id",
        "started_on",
        "current_type",
        "current_since",
        "closed_on",
        "municipality_id",
        "stadsdel_id",
        "age_at_start",
        "created_at",
        "created_by_id",
        "af_office_id",
        "fk_office_id",
        "answers_due_since",
        "personal_data_held",
        "period_sequence",
        "period_from",
        "period_fenced_sequence",
    ),
    Consent: (
        "id",
        "participation_id",
        "given_on",
        "confirmed_by_id",
        "confirmed_at",
        "withdrawn_on",
    ),
    OfficePeriod: (
        "id",
        "participation_id",
        "sequence",
        "af_office_id",
        "fk_office_id",
        "valid_from",
        "fenced_sequence",
        "registered_at",
        "registered_by_id",
    ),
    Transition: (
        "id",
        "participation_id",
        "sequence",
        "from_type",
        "to_type",
        "date",
        "ended_on",
        "previous_date",
        "gk_date",
        "af_office_id",
        "fk_office_id",
        "registered_by_id",
        "registered_at",
        "answers_complete",
    ),
    # the database numbers these rows itself
    AccessLog: ("at", "user_id", "person_ref", "participation_ref", "subject", "page", "outcome"),
}
ANSWER_FIXED = ("id", "transition_id", "answered_by_id", "answered_at")
# The page names of the access log (transitions.views.guards.Page; the screens' layer is above).
PAGE_REGISTER, PAGE_HISTORY = "registrera-medverkan", "historik"


class GenerateError(Exception):
    """The generator cannot run here; the message says why (Swedish, for the operator)."""


def _check_columns(model, columns: Iterable[str]) -> None:
    known = set(columns) | {"id"}
    actual = {f.column for f in model._meta.concrete_fields}
    missing = {
        f.column
        for f in model._meta.concrete_fields
        if f.column not in known and not (f.null or f.has_db_default())
    }
    unknown = known - actual
    if missing or unknown:
        raise GenerateError(
            f"generate_data känner inte tabellen {model._meta.db_table} som den är nu "
            f"(saknar {sorted(missing)}, okända {sorted(unknown)}): uppdatera sus/demo/scale.py."
        )


def _plain(value):
    return value.value if isinstance(value, Enum) else value


@dataclass
class AnswerTable:
    """How to write one question set's model: its fields after the fixed ones, and its
    many-to-many answers."""

    model: type
    fields: list[tuple[str, bool, object]]  # (name, is a foreign key, default)
    many: list[tuple[str, str, str, str]]  # (field name, through table, own column, other)

    @classmethod
    def of(cls, model):
        fields = []
        for f in model._meta.concrete_fields:
            if f.column in ANSWER_FIXED:
                continue
            default = f.default if f.has_default() and not callable(f.default) else None
            fields.append((f.name, f.is_relation, default))
        many = [
            (f.name, f.m2m_db_table(), f.m2m_column_name(), f.m2m_reverse_name())
            for f in model._meta.many_to_many
        ]
        return cls(model, fields, many)

    @property
    def columns(self) -> tuple[str, ...]:
        get = self.model._meta.get_field
        return ANSWER_FIXED + tuple(get(name).column for name, *_rest in self.fields)

    def row(self, pk, transition_id, user_id, at, values: dict) -> tuple:
        cells = [pk, transition_id, user_id, at]
        for name, is_fk, default in self.fields:
            value = values.get(name, default)
            cells.append(value.pk if is_fk and value is not None else _plain(value))
        return tuple(cells)


@dataclass
class Step:
    sequence: int
    from_type: str | None
    to_type: str
    date: datetime.date
    af: int
    fk: int
    user: int | None
    at: datetime.datetime
    ended_on: datetime.date | None = None
    answers_complete: bool = True
    previous_date: datetime.date | None = None
    gk_date: datetime.date | None = None


@dataclass
class Buffers:
    rows: dict[str, list] = field(default_factory=dict)

    def add(self, table: str, row: tuple) -> None:
        self.rows.setdefault(table, []).append(row)


class ScaleData:
    """Writes the data set; `run(count)` makes `count` participations."""

    def __init__(self, *, seed: int, today: datetime.date | None = None, years: int = 10):
        self.now = timezone.now()
        self.today = today or timezone.localdate()
        self.first = max(first_day(), self.today.replace(year=self.today.year - years))
        self.demo = DemoHistory({}, seed=seed)  # the answers of the demo history, same rules
        self.rng = self.demo.rng
        self.retention_limit = _years_before(self.today, settings.SUS_RETENTION_YEARS)
        for model, columns in COLUMNS.items():
            _check_columns(model, columns)
        self.answer_tables = {qs: AnswerTable.of(model) for qs, model in ANSWER_MODELS.items()}
        for table in self.answer_tables.values():
            _check_columns(table.model, table.columns)
        self._load_organisation()
        self.next_id = {}
        for model in (Person, RegisterPerson, Participation, Consent, OfficePeriod, Transition):
            self.next_id[model] = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        for table in self.answer_tables.values():
            self.next_id[table.model] = (
                table.model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            ) + 1
        self.taken = set(RegisterPerson.objects.values_list("personnummer", flat=True))
        self.taken |= set(Person.objects.identified().values_list("personnummer", flat=True))
        self.serial_used: dict[tuple[datetime.date, bool], int] = {}
        self.free: dict[tuple[datetime.date, bool], list[str]] = {}
        self.buffers = Buffers()
        self.counts = {"participations": 0, "persons": 0, "transitions": 0, "moves": 0}

    # --- the organisation ------------------------------------------------------------------

    def _load_organisation(self):
        af = list(Office.objects.active().filter(agency=Agency.AF).select_related("marknadsomrade"))
        fk = list(
            Office.objects.active().filter(agency=Agency.FK).select_related("verksamhetsomrade")
        )
        af.sort(key=lambda o: o.pk)
        fk.sort(key=lambda o: o.pk)

        def region(area, names):
            return names.index(area.name) if area is not None and area.name in names else None

        def same_region(a, f):
            ra, rf = (
                region(a.marknadsomrade, MARKNADSOMRADEN),
                region(f.verksamhetsomrade, VERKSAMHETSOMRADEN),
            )
            return ra is None or rf is None or ra == rf

        self.pairs = [(a.pk, f.pk) for a in af for f in fk if same_region(a, f)]
        if not self.pairs:
            raise GenerateError("Det finns inga aktiva kontor att fördela medverkan på.")
        self.caseworkers: dict[int, list[int]] = {}
        for office_id, user_id in (
            Uppdrag.objects.filter(role=Role.DELTAGARANSVARIG, office__isnull=False)
            .order_by("office_id", "user_id")
            .values_list("office_id", "user_id")
        ):
            self.caseworkers.setdefault(office_id, []).append(user_id)
        self.municipalities = {m.code: m.pk for m in Municipality.objects.all()}
        self.municipality_codes = [code for code, weight in MUNICIPALITIES for _ in range(weight)]
        self.stadsdelar: dict[int, list[int]] = {}
        for stadsdel in Stadsdel.objects.filter(is_active=True).order_by("pk"):
            self.stadsdelar.setdefault(stadsdel.municipality_id, []).append(stadsdel.pk)

    def user_at(self, office_id: int) -> int | None:
        users = self.caseworkers.get(office_id)
        return self.rng.choice(users) if users else None

    def other_pair(self, current: tuple[int, int]) -> tuple[int, int]:
        """ "Byt kontor": another office pair of any region."""
        for _attempt in range(10):
            pair = self.rng.choice(self.pairs)
            if pair != current:
                return pair
        return current

    # --- ids, people -------------------------------------------------------------------------

    def take_id(self, model) -> int:
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def personnummer(self, born: datetime.date, man: bool) -> str:
        """A free number of the test range for the birth date (or the next days): one given
        back by a person gallrad, else the next unused one."""
        if self.free.get((born, man)):
            return self.free[(born, man)].pop()
        while True:
            used = self.serial_used.get((born, man), 0)
            serials = SERIALS[man]
            while used < 2 * len(serials):
                day = born.day + (60 if used >= len(serials) else 0)
                value = with_check_digit(f"{born:%Y%m}{day:02d}{serials[used % len(serials)]}")
                used += 1
                self.serial_used[(born, man)] = used
                if value not in self.taken:
                    self.taken.add(value)
                    return value
            born += DAY

    def stamp(self, day: datetime.date, after: datetime.datetime | None) -> datetime.datetime:
        """When a caseworker registered something dated `day`: during that working day, after
        the previous registration of the participation, never in the future."""
        at = datetime.datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC)
        at += datetime.timedelta(minutes=self.rng.randrange(600))
        if after is not None and at <= after:
            at = after + datetime.timedelta(minutes=self.rng.randint(1, 90))
        if at > self.now:
            at = max(self.now - datetime.timedelta(seconds=1), (after or at) + _SECOND)
        return at

    # --- one participation -------------------------------------------------------------------

    def participation(self, person: dict, start: datetime.date, previous_closed) -> dict:
        rng = self.rng
        pid = self.take_id(Participation)
        public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        af, fk = rng.choice(self.pairs)
        user = self.user_at(fk)
        at = self.stamp(start, None)
        steps = [Step(1, None, FIRST.to_type, start, af, fk, user, at)]
        periods = [(1, af, fk, start, 0, at, user)]
        date = start
        while not is_closing(steps[-1].to_type):
            current = steps[-1]
            choices, (fewest, most) = PATHS[Insatstyp(current.to_type)]
            to_type = rng.choices([c for c, _w in choices], [w for _c, w in choices])[0]
            date = date + datetime.timedelta(days=rng.randint(fewest, most))
            if date > self.today:
                break
            if rng.random() < MOVE:
                new_af, new_fk = self.other_pair((af, fk))
                if (new_af, new_fk) != (af, fk):
                    at = self.stamp(date, current.at)
                    mover = self.user_at(fk)  # the FK caseworker of the pair before the move
                    periods.append(
                        (len(periods) + 1, new_af, new_fk, date, current.sequence, at, mover)
                    )
                    af, fk = new_af, new_fk
                    self.counts["moves"] += 1
            rule = rule_for(current.to_type, to_type)
            office = af if rule.normally_by == Agency.AF else fk
            last_at = max(current.at, periods[-1][5])
            current.ended_on = date
            steps.append(
                Step(
                    current.sequence + 1,
                    current.to_type,
                    to_type,
                    date,
                    af,
                    fk,
                    self.user_at(office),
                    self.stamp(date, last_at),
                    **lead_dates(current, to_type=to_type, date=date),
                )
            )
        last = steps[-1]
        closed_on = last.date if is_closing(last.to_type) else None
        consent_on = start - datetime.timedelta(days=rng.randrange(0, 5))
        consent_on = max(consent_on, person["born"], self.first, previous_closed or self.first)
        municipality = person["municipality"]
        stadsdelar = self.stadsdelar.get(municipality)
        return {
            "id": pid,
            "public_id": public_id,
            "steps": steps,
            "periods": periods,
            "closed_on": closed_on,
            "consent_on": consent_on,
            "stadsdel": rng.choice(stadsdelar) if stadsdelar else None,
            "age": _age(person["born"], start),
        }

    # --- one person --------------------------------------------------------------------------

    def person(self, budget: int) -> int:
        """One person with one or more participations (at most `budget`). Returns how many."""
        rng = self.rng
        span = (self.today - self.first).days
        start = self.first + datetime.timedelta(days=rng.randrange(span + 1))
        age = rng.randint(18, 63)
        born = _years_before(start, age) - datetime.timedelta(days=rng.randrange(1, 365))
        man = rng.random() < 0.45
        # the number first: its birth date is the person's (age at start, consent after birth)
        pnr = self.personnummer(born, man)
        born = Personnummer(pnr).birth_date
        person = {
            "born": born,
            "municipality": self.municipalities[rng.choice(self.municipality_codes)],
        }
        made, previous_closed = [], None
        while len(made) < budget:
            participation = self.participation(person, start, previous_closed)
            made.append(participation)
            previous_closed = participation["closed_on"]
            if previous_closed is None or rng.random() >= RETURNING:
                break
            start = previous_closed + datetime.timedelta(days=rng.randint(0, 400))
            if start > self.today:
                break
        removed = previous_closed is not None and previous_closed < self.retention_limit
        person_id = self.take_id(Person)
        first_name = rng.choice(FIRST_NAMES_MEN if man else FIRST_NAMES_WOMEN)
        last_name = rng.choice(LAST_NAMES)
        if removed:
            self.free.setdefault((born, man), []).append(pnr)  # gallrad: free again
            gallrad = datetime.datetime.combine(
                previous_closed, datetime.time(2, 0), tzinfo=UTC
            ) + datetime.timedelta(days=365 * settings.SUS_RETENTION_YEARS + 2)
            self.buffers.add(
                "person",
                (person_id, None, "", "", "M" if man else "K", born.year, person["municipality"],
                 min(gallrad, self.now)),
            )  # fmt: skip
        else:
            self.buffers.add(
                "person",
                (person_id, pnr, first_name, last_name, "M" if man else "K", born.year,
                 person["municipality"], None),
            )  # fmt: skip
            self.buffers.add(
                "register",
                (self.take_id(RegisterPerson), pnr, first_name, last_name,
                 person["municipality"], False),
            )  # fmt: skip
        for participation in made:
            self.emit(participation, person_id, person["municipality"], removed)
        self.counts["persons"] += 1
        return len(made)

    # --- rows --------------------------------------------------------------------------------

    def emit(self, p: dict, person_id: int, municipality: int, removed: bool) -> None:
        rng, add = self.rng, self.buffers.add
        steps, first, last = p["steps"], p["steps"][0], p["steps"][-1]
        withdrawn = None
        for step in steps:
            rule = rule_for(step.from_type, step.to_type)
            step_id = self.take_id(Transition)
            missing = UNANSWERED_RECENT if (self.today - step.date).days < 60 else UNANSWERED_OLD
            if rule.question_sets and rng.random() < missing:
                step.answers_complete = False
            elif rule.question_sets:
                answered_at = min(
                    step.at + datetime.timedelta(minutes=rng.randint(1, 120)), self.now
                )
                for question_set in rule.question_sets:
                    withdrawn = (
                        self.answer(question_set, step, step_id, answered_at, removed) or withdrawn
                    )
            add(
                "transition",
                (step_id, p["id"], step.sequence, step.from_type, step.to_type, step.date,
                 step.ended_on, step.previous_date, step.gk_date, step.af, step.fk, step.user,
                 step.at, step.answers_complete),
            )  # fmt: skip
        self.counts["transitions"] += len(steps)
        consent_withdrawn = max(last.date, p["consent_on"]) if withdrawn else None
        period_sequence, current_af, current_fk, period_from, current_fenced = p["periods"][-1][:5]
        # since when answers are due (Att göra): the earliest step still without them
        due = min((step.date for step in steps if not step.answers_complete), default=None)
        add(
            "participation",
            (p["id"], p["public_id"], person_id, first.date, last.to_type, last.date,
             p["closed_on"], municipality, None if removed else p["stadsdel"], p["age"],
             first.at, first.user, current_af, current_fk, due, not removed, period_sequence,
             period_from, current_fenced),
        )  # fmt: skip
        add(
            "consent",
            (self.take_id(Consent), p["id"], p["consent_on"], first.user, first.at,
             consent_withdrawn),
        )  # fmt: skip
        for sequence, af, fk, valid_from, fenced, at, user in p["periods"]:
            add(
                "period",
                (self.take_id(OfficePeriod), p["id"], sequence, af, fk, valid_from, fenced, at,
                 user),
            )  # fmt: skip
        for step in (first, last) if last is not first else (first,):
            if step.user is not None:
                add(
                    "access",
                    (step.at, step.user, person_id, p["public_id"], "", PAGE_REGISTER,
                     AccessOutcome.CHANGED.value),
                )  # fmt: skip
        viewer = self.user_at(last.fk)
        if viewer is not None and rng.random() < HISTORY_VIEWED:
            add(
                "access",
                (min(last.at + datetime.timedelta(days=rng.randint(0, 30)), self.now), viewer,
                 person_id, p["public_id"], "", PAGE_HISTORY, AccessOutcome.SHOWN.value),
            )  # fmt: skip
        self.counts["participations"] += 1

    def answer(self, question_set, step: Step, step_id: int, at, removed: bool) -> bool:
        """The rows of one question set; returns whether consent was withdrawn."""
        table = self.answer_tables[question_set]
        values, choices = self.demo.answers(question_set)
        if removed and values.get("arbetsgivare"):
            values["arbetsgivare"] = ""  # gallring keeps "answered", not the number
        answers_id = self.take_id(table.model)
        self.buffers.add(question_set.value, table.row(answers_id, step_id, step.user, at, values))
        for name, through, _own, _other in table.many:
            for choice in choices.get(name, ()):
                self.buffers.add(through, (answers_id, choice.pk))
        return (
            question_set == QuestionSet.AVBRUTET
            and values["avbrottsorsak"] == Avbrottsorsak.ATERTAGIT_SAMTYCKE
        )

    def anonymous(self) -> list[tuple]:
        """A few anonymous counts per office pair and year, well under the yearly bound."""
        rows = []
        for year in range(self.first.year, self.today.year + 1):
            for af, fk in self.pairs:
                if self.rng.random() < 0.4:
                    day = datetime.date(year, 1, 1) + datetime.timedelta(
                        days=self.rng.randrange(365)
                    )
                    at = self.stamp(min(day, self.today), None)
                    women, men = self.rng.randint(0, 6), self.rng.randint(1, 6)
                    rows.append((af, fk, year, women, men, at, self.user_at(fk)))
        return rows

    # --- writing -----------------------------------------------------------------------------

    def tables(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(buffer key, table, columns) in the order of their foreign keys."""
        order = [
            ("person", Person, COLUMNS[Person]),
            ("register", RegisterPerson, COLUMNS[RegisterPerson]),
            ("participation", Participation, COLUMNS[Participation]),
            ("consent", Consent, COLUMNS[Consent]),
            ("period", OfficePeriod, COLUMNS[OfficePeriod]),
            ("transition", Transition, COLUMNS[Transition]),
        ]
        result = [(key, model._meta.db_table, columns) for key, model, columns in order]
        for question_set, table in self.answer_tables.items():
            result.append((question_set.value, table.model._meta.db_table, table.columns))
            for _name, through, own, other in table.many:
                result.append((through, through, (own, other)))
        result.append(("access", AccessLog._meta.db_table, COLUMNS[AccessLog]))
        return result

    def flush(self) -> None:
        with connection.cursor() as cursor:
            for key, table, columns in self.tables():
                rows = self.buffers.rows.pop(key, None)
                if rows:
                    copy_rows(cursor, table, columns, rows)
        self.buffers = Buffers()

    def run(self, count: int, progress=None) -> dict:
        """Write everything in one transaction: a failure leaves the database as it was. The
        secondary indexes of the tables written are dropped and made again from their own
        definitions, and the foreign keys are checked once over the whole set instead of row
        by row, both inside the transaction: at commit the schema is the migrations' own."""
        tables = [table for _key, table, _columns in self.tables()]
        tables.append(AnonymousCount._meta.db_table)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 0")
            # the checks still pending (of rows written just before) first: an index cannot be
            # dropped while its table has some
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            indexes = deferred_indexes(cursor, tables)
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
            replica = skip_foreign_key_triggers(cursor)
            made = pending = 0
            while made < count:
                made_now = self.person(count - made)
                made += made_now
                pending += made_now
                if pending >= CHUNK:
                    self.flush()
                    pending = 0
                    if progress:
                        progress(made, "medverkan")
            self.flush()
            copy_rows(
                cursor,
                AnonymousCount._meta.db_table,
                ("af_office_id", "fk_office_id", "year", "women", "men", "registered_at",
                 "registered_by_id"),
                self.anonymous(),
            )  # fmt: skip
            if replica:
                cursor.execute("SET LOCAL session_replication_role = origin")
                check_foreign_keys(cursor, tables)
                if progress:
                    progress(made, "medverkan, främmande nycklar kontrollerade")
            for _name, definition in indexes:
                cursor.execute(definition)
            if progress:
                progress(made, f"medverkan, {len(indexes)} index byggda")
            for model in self.next_id:
                table = model._meta.db_table
                # the table's name comes from the model, not from input
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # nosec B608
                    f"(SELECT coalesce(max(id), 1) FROM {connection.ops.quote_name(table)}))",
                    [table],
                )
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        return self.counts


def deferred_indexes(cursor, tables: list[str]) -> list[tuple[str, str]]:
    """The indexes of the tables that back no constraint (primary and unique keys stay), with
    the statement that makes each again."""
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1
        """,
        [tables],
    )
    return cursor.fetchall()


def skip_foreign_key_triggers(cursor) -> bool:
    """Turn off the row-by-row foreign-key triggers for this transaction (superuser only;
    without the right they stay on and check each row)."""
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    return True


def check_foreign_keys(cursor, tables: list[str]) -> None:
    """Every foreign key of the tables, checked over all rows at once (an anti-join each)."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, f.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])
        ORDER BY 1, 2
        """,
        [tables],
    )
    quote = connection.ops.quote_name
    for table, column, target, key in cursor.fetchall():
        # names read from the catalog of our own tables, not from input
        cursor.execute(
            f"SELECT count(*) FROM {table} t WHERE t.{quote(column)} IS NOT NULL AND NOT EXISTS "  # nosec B608
            f"(SELECT 1 FROM {target} r WHERE r.{quote(key)} = t.{quote(column)})"
        )
        broken = cursor.fetchone()[0]
        if broken:
            raise GenerateError(f"{broken} rader i {table}.{column} pekar inte på {target}.")


_SECOND = datetime.timedelta(seconds=1)


def copy_rows(cursor, table: str, columns: Iterable[str], rows: Iterable[tuple]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
