"""The small hand-built history every report test counts on, built through the real services.

Offices: Af Malmö, Lund and Ystad (Marknadsområde Syd; Ystad has no participants), Af Umeå
(Marknadsområde Nord); FK Malmö (Verksamhetsområde Syd) and FK Umeå (Verksamhetsområde Nord).
Report period P = 2026-01-01 – 2026-06-30; single day X = 2026-03-15.

| | kön | Af / FK | steps (days spent in the type before the next step) |
|---|---|---|---|
| A | K | Malmö / Malmö | BGK 01-05 (10) GK 01-15 (30) PAF 02-14 (20) ARF 03-06 (60) AVS 05-05 |
| B | K | Malmö / Malmö | BGK 01-10 (20) GK 01-30 (30) PAL 03-01 (10) ARL 03-11 … |
| C | M | Lund / Malmö | BGK 02-01 (5) GK 02-06 (54) AVB 04-01 |
| D | M | Lund / Malmö | BGK 02-10 (30) GK 03-12 … (Begäran not answered) |
| E | K | Umeå / Umeå | BGK 03-01 … (25 years old, Umeå kommun) |
| F | M | Umeå / Umeå | BGK 2025-10-01 (31) GK 2025-11-01 (70) PAF 01-10 (30) ARF 02-09 … |
| G | K | Malmö / Malmö | BGK 04-01 (7) AVB 04-08 (65 years old) |
| H | M | Malmö / Malmö | BGK 2025-01-10 GK 02-01 PAL 03-01 ARL 04-01 AVS 2025-12-01 |
| I | M | Umeå / Umeå | BGK 01-02 (12) GK 01-14 (10) PAL 01-24 (10) AVS 02-03 (no Avslutat) |

Begäran answers (default: initierad av FK, anställd, inskriven hos Af, arbetar, Sjukpenning):
B and E initiated by Af; C not inskriven hos Af; E, F, G and I not anställda; G eget företag;
F has Arbetslöshetsersättning instead of Sjukpenning. Avslutat answers (A only): arbetar,
"Ingen offentlig försörjning". Anonymous: Af Malmö/FK Malmö 2026 3 women 4 men; Af Umeå/FK Umeå
2025 2 women.
"""

import datetime
from dataclasses import dataclass, field

import pytest

from offices.models import Agency, AreaKind, Role
from participants.personnummer import with_check_digit
from participants.services import anonymous_register
from reports.scope import Scope
from tests.builders import answer_all, d, register_person, start, walk
from tests.factories import AfOfficeFactory, AreaFactory, FkOfficeFactory, UserFactory, grant
from transitions.models import Forsorjning, Participation

pytestmark = pytest.mark.django_db

P_START, P_END = d(2026, 1, 1), d(2026, 6, 30)
DAY_X = d(2026, 3, 15)
SECRET_NAME = "Smyghult"  # every participant's last name: must never appear in a report

# letter: (kön, birth date, kommun, Af office, FK office, start date, later steps)
PEOPLE = {
    "A": ("K", d(1985, 6, 1), "1280", "af_malmo", "fk_malmo", d(2026, 1, 5),
          [("GK", d(2026, 1, 15)), ("PAF", d(2026, 2, 14)), ("ARF", d(2026, 3, 6)),
           ("AVS", d(2026, 5, 5))]),
    "B": ("K", d(1985, 6, 2), "1280", "af_malmo", "fk_malmo", d(2026, 1, 10),
          [("GK", d(2026, 1, 30)), ("PAL", d(2026, 3, 1)), ("ARL", d(2026, 3, 11))]),
    "C": ("M", d(1985, 6, 3), "1280", "af_lund", "fk_malmo", d(2026, 2, 1),
          [("GK", d(2026, 2, 6)), ("AVB", d(2026, 4, 1))]),
    "D": ("M", d(1985, 6, 4), "1280", "af_lund", "fk_malmo", d(2026, 2, 10),
          [("GK", d(2026, 3, 12))]),
    "E": ("K", d(2000, 6, 5), "2480", "af_umea", "fk_umea", d(2026, 3, 1), []),
    "F": ("M", d(1985, 6, 6), "1280", "af_umea", "fk_umea", d(2025, 10, 1),
          [("GK", d(2025, 11, 1)), ("PAF", d(2026, 1, 10)), ("ARF", d(2026, 2, 9))]),
    "G": ("K", d(1960, 6, 7), "1280", "af_malmo", "fk_malmo", d(2026, 4, 1),
          [("AVB", d(2026, 4, 8))]),
    "H": ("M", d(1985, 6, 8), "1280", "af_malmo", "fk_malmo", d(2025, 1, 10),
          [("GK", d(2025, 2, 1)), ("PAL", d(2025, 3, 1)), ("ARL", d(2025, 4, 1)),
           ("AVS", d(2025, 12, 1))]),
    "I": ("M", d(1985, 6, 9), "1280", "af_umea", "fk_umea", d(2026, 1, 2),
          [("GK", d(2026, 1, 14)), ("PAL", d(2026, 1, 24)), ("AVS", d(2026, 2, 3))]),
}  # fmt: skip
BEGARAN = {
    "B": {"initierad_av": "AF"},
    "C": {"inskriven_af": False},
    "E": {"initierad_av": "AF", "anstalld": False},
    "F": {"anstalld": False},
    "G": {"anstalld": False, "eget_foretag": True},
    "I": {"anstalld": False},
}
UNANSWERED = {("D", "BGK"), ("I", "AVS")}


def personnummer(sex: str, born: datetime.date) -> str:
    serial = 981 if sex == "M" else 982  # the last digit of the birth number: odd = man
    return with_check_digit(f"{born:%Y%m%d}{serial}")


@dataclass
class History:
    offices: dict = field(default_factory=dict)
    areas: dict = field(default_factory=dict)
    participations: dict = field(default_factory=dict)
    personnummer: dict = field(default_factory=dict)
    caseworker: object = None

    def scope(self, start=P_START, end=P_END, **choices) -> Scope:
        """A Scope over P (or the given days); offices and areas may be named by key."""
        for name, store in (("office", self.offices), ("area", self.areas)):
            if isinstance(choices.get(name), str):
                choices[name] = store[choices[name]]
        return Scope(start=start, end=end, **choices)


def build_history() -> History:
    history = History()
    areas = history.areas
    areas["mo_syd"] = AreaFactory(kind=AreaKind.MARKNADSOMRADE, name="Marknadsområde Syd")
    areas["mo_nord"] = AreaFactory(kind=AreaKind.MARKNADSOMRADE, name="Marknadsområde Nord")
    areas["vo_syd"] = AreaFactory(kind=AreaKind.VERKSAMHETSOMRADE, name="Verksamhetsområde Syd")
    areas["vo_nord"] = AreaFactory(kind=AreaKind.VERKSAMHETSOMRADE, name="Verksamhetsområde Nord")
    offices = history.offices
    for key, name, area in (
        ("af_malmo", "Af Malmö", "mo_syd"),
        ("af_lund", "Af Lund", "mo_syd"),
        ("af_ystad", "Af Ystad", "mo_syd"),
        ("af_umea", "Af Umeå", "mo_nord"),
    ):
        offices[key] = AfOfficeFactory(name=name, marknadsomrade=areas[area])
    offices["fk_malmo"] = FkOfficeFactory(name="Malmö", verksamhetsomrade=areas["vo_syd"])
    offices["fk_umea"] = FkOfficeFactory(name="Umeå", verksamhetsomrade=areas["vo_nord"])
    actor = grant(
        UserFactory(username="rapport-hl", agency=Agency.FK),
        Role.DELTAGARANSVARIG,
        offices["fk_malmo"],
        offices["fk_umea"],
    )
    history.caseworker = actor
    unemployment = Forsorjning.objects.get(label="Arbetslöshetsersättning")
    for letter, (sex, born, kommun, af, fk, started, steps) in PEOPLE.items():
        pnr = personnummer(sex, born)
        person = register_person(
            municipality=kommun,
            first_name=f"Hemlig{letter}",
            last_name=SECRET_NAME,
            personnummer=pnr,
            sex=sex,
        )
        participation = start(actor, offices[af], offices[fk], date=started, person=person)
        transitions = [participation.transitions.get()]
        transitions += walk(participation, actor, steps)
        for transition in transitions:
            if (letter, transition.to_type) in UNANSWERED:
                continue
            overrides = {}
            if transition.sequence == 1:
                choices = {"forsorjning": [unemployment]} if letter == "F" else {}
                overrides["BEGARAN"] = (BEGARAN.get(letter, {}), choices)
            answer_all(transition, actor, **overrides)
        history.participations[letter] = Participation.objects.get(pk=participation.pk)
        history.personnummer[letter] = pnr
    anonymous_register(
        af_office=offices["af_malmo"],
        fk_office=offices["fk_malmo"],
        year=2026,
        women=3,
        men=4,
        actor=actor,
    )
    anonymous_register(
        af_office=offices["af_umea"],
        fk_office=offices["fk_umea"],
        year=2025,
        women=2,
        men=0,
        actor=actor,
    )
    return history


def test_history_ends_where_the_table_says(history):
    current = {
        letter: (p.current_type, p.closed_on) for letter, p in history.participations.items()
    }
    assert current == {
        "A": ("AVS", d(2026, 5, 5)),
        "B": ("ARL", None),
        "C": ("AVB", d(2026, 4, 1)),
        "D": ("GK", None),
        "E": ("BGK", None),
        "F": ("ARF", None),
        "G": ("AVB", d(2026, 4, 8)),
        "H": ("AVS", d(2025, 12, 1)),
        "I": ("AVS", d(2026, 2, 3)),
    }


def test_history_has_the_ages_and_answers_the_tests_count_on(history):
    ages = {letter: p.age_at_start for letter, p in history.participations.items()}
    assert ages == {"A": 40, "B": 40, "C": 40, "D": 40, "E": 25, "F": 40, "G": 65, "H": 39, "I": 40}
    d_first = history.participations["D"].transitions.get(sequence=1)
    assert not d_first.answers_complete


def numbers(table) -> dict[str, list]:
    """The exact (unmasked) cell values of a table by row label: counts, medians, means."""
    return {
        " / ".join(row.headers): [
            cell.value
            if cell.value is None or isinstance(cell.value, int)
            else round(cell.value, 1)
            for cell in row.cells
        ]
        for row in table.rows
    }
