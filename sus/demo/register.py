"""The embedded population register's demo content: 1,000+ fictitious people.

Only Skatteverket's test range (birth numbers 980–999) is used, so no real person can be hit.
Deterministic: the same people every time. The first rows are the samples named in README.md.
"""

import datetime
import random

from participants.models import Municipality, RegisterPerson
from participants.personnummer import with_check_digit
from participants.reference import GOTEBORG, STOCKHOLM

SIZE = 1200
SEED = 20261123

FIRST_NAMES_WOMEN = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid", "Sofia",
    "Linnea", "Elin", "Ida", "Hanna", "Malin", "Jenny", "Amira", "Fatima", "Nour", "Aino",
]  # fmt: skip
FIRST_NAMES_MEN = [
    "Lars", "Anders", "Johan", "Per", "Erik", "Karl", "Peter", "Mikael", "Jonas", "Fredrik",
    "Oskar", "Ali", "Mohammed", "Ahmed", "Nils", "Emil", "Viktor", "Hugo", "Daniel", "Matti",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Lindberg", "Lindqvist", "Berglund", "Lundgren", "Hassan", "Ali", "Virtanen",
]  # fmt: skip

# 34 municipalities, weighted towards the demo offices' regions.
MUNICIPALITIES = [
    (STOCKHOLM, 12), (GOTEBORG, 10), ("1280", 8), ("0380", 5), ("0181", 3), ("0183", 2),
    ("0184", 2), ("0186", 2), ("0162", 2), ("0127", 2), ("1283", 4), ("1281", 3), ("1290", 2),
    ("1285", 1), ("1490", 3), ("1488", 2), ("1481", 2), ("1484", 1), ("1401", 2),
    ("1402", 1), ("0580", 2), ("0581", 2), ("1880", 2), ("1980", 2), ("2480", 2), ("2580", 2),
    ("0680", 2), ("0780", 1), ("0880", 1), ("1080", 1), ("2180", 1), ("2281", 1), ("2380", 1),
    ("0480", 1),
]  # fmt: skip

# (personnummer without check digit, first, last, municipality, protected) — the README samples.
SAMPLES = [
    ("19850312980", "Elsa", "Provsson", STOCKHOLM, False),
    ("19790921982", "Lisa", "Demosson", GOTEBORG, False),
    ("19920204984", "Moa", "Skyddadsson", "1280", True),
    ("19680715981", "Bengt", "Exempelsson", "1280", False),
    ("20010130983", "Kalle", "Testberg", "0380", False),
]


def _pnr(rng: random.Random, taken: set[str]) -> str:
    while True:
        born = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 46))
        serial = rng.randrange(980, 1000)
        value = with_check_digit(f"{born:%Y%m%d}{serial:03d}")
        if value not in taken:
            taken.add(value)
            return value


def sample_personnummer() -> list[tuple[str, str, str, bool]]:
    """The README samples: (personnummer, name, municipality code, protected)."""
    return [
        (with_check_digit(first_eleven), f"{first} {last}", code, protected)
        for first_eleven, first, last, code, protected in SAMPLES
    ]


def create_register() -> int:
    """Fill the embedded register (idempotent: existing people are kept). Returns how many
    people it holds."""
    if RegisterPerson.objects.count() >= SIZE:
        return RegisterPerson.objects.count()
    municipalities = {m.code: m for m in Municipality.objects.all()}
    rng = random.Random(SEED)
    rows = []
    taken = set(RegisterPerson.objects.values_list("personnummer", flat=True))
    for pnr, name, code, protected in sample_personnummer():
        first, last = name.split(" ")
        rows.append(
            RegisterPerson(
                personnummer=pnr,
                first_name=first,
                last_name=last,
                municipality=municipalities[code],
                protected_identity=protected,
            )
        )
        taken.add(pnr)
    codes = [code for code, weight in MUNICIPALITIES for _ in range(weight)]
    while len(rows) < SIZE:
        pnr = _pnr(rng, taken)
        man = int(pnr[10]) % 2 == 1
        first = rng.choice(FIRST_NAMES_MEN if man else FIRST_NAMES_WOMEN)
        rows.append(
            RegisterPerson(
                personnummer=pnr,
                first_name=first,
                last_name=rng.choice(LAST_NAMES),
                municipality=municipalities[rng.choice(codes)],
                protected_identity=len(rows) % 150 == 7,  # 8 people with protected identity
            )
        )
    RegisterPerson.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return RegisterPerson.objects.count()
