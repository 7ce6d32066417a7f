"""Demo organisation: areas, offices and the demo users of README.md. Fictitious throughout."""

import datetime
import functools

from django.contrib.auth.hashers import make_password
from django.db import transaction

from offices.models import Agency, Area, AreaKind, Office, Role, RoleGrant, Series, Uppdrag, User
from offices.services import role_grant, uppdrag_grant

# Demo roles and uppdrag start well before the demo history (two years back).
_START = datetime.date(2020, 1, 1)
DEMO_PASSWORD = "sus-demo-2026"

MARKNADSOMRADEN = ["Marknadsområde Stockholm-Gotland", "Marknadsområde Väst", "Marknadsområde Syd"]
ARBETSMARKNADSOMRADEN = [
    "Arbetsmarknadsområde Storstockholm",
    "Arbetsmarknadsområde Uppsala",
    "Arbetsmarknadsområde Göteborg",
    "Arbetsmarknadsområde Sjuhärad",
    "Arbetsmarknadsområde Skåne",
]
VERKSAMHETSOMRADEN = [
    "Verksamhetsområde Stockholm",
    "Verksamhetsområde Väst",
    "Verksamhetsområde Syd",
]

# (name, marknadsområde, arbetsmarknadsområde)
ARBETSFORMEDLINGAR = [
    ("Arbetsförmedlingen Stockholm City", 0, 0),
    ("Arbetsförmedlingen Kista", 0, 0),
    ("Arbetsförmedlingen Södertälje", 0, 0),
    ("Arbetsförmedlingen Uppsala", 0, 1),
    ("Arbetsförmedlingen Göteborg", 1, 2),
    ("Arbetsförmedlingen Angered", 1, 2),
    ("Arbetsförmedlingen Borås", 1, 3),
    ("Arbetsförmedlingen Trollhättan", 1, 2),
    ("Arbetsförmedlingen Malmö", 2, 4),
    ("Arbetsförmedlingen Helsingborg", 2, 4),
    ("Arbetsförmedlingen Lund", 2, 4),
    ("Arbetsförmedlingen Kristianstad", 2, 4),
]

# (name, series, verksamhetsområde)
FK_KONTOR = [
    ("Stockholm", Series.TA, 0),
    ("Stockholm", Series.FV, 0),
    ("Kista", Series.TA, 0),
    ("Uppsala", Series.FV, 0),
    ("Göteborg", Series.TA, 1),
    ("Göteborg", Series.FV, 1),
    ("Borås", Series.TA, 1),
    ("Trollhättan", Series.FV, 1),
    ("Malmö", Series.TA, 2),
    ("Malmö", Series.FV, 2),
    ("Helsingborg", Series.TA, 2),
    ("Lund", Series.FV, 2),
]


def _area(kind, name):
    return Area.objects.get_or_create(kind=kind, name=name)[0]


def create_offices() -> tuple[list[Office], list[Office]]:
    mo = [_area(AreaKind.MARKNADSOMRADE, name) for name in MARKNADSOMRADEN]
    amo = [_area(AreaKind.ARBETSMARKNADSOMRADE, name) for name in ARBETSMARKNADSOMRADEN]
    vo = [_area(AreaKind.VERKSAMHETSOMRADE, name) for name in VERKSAMHETSOMRADEN]
    af = [
        Office.objects.get_or_create(
            agency=Agency.AF,
            name=name,
            series="",
            defaults={"marknadsomrade": mo[m], "arbetsmarknadsomrade": amo[a]},
        )[0]
        for name, m, a in ARBETSFORMEDLINGAR
    ]
    fk = [
        Office.objects.get_or_create(
            agency=Agency.FK, name=name, series=series, defaults={"verksamhetsomrade": vo[v]}
        )[0]
        for name, series, v in FK_KONTOR
    ]
    return af, fk


def _office(label: str) -> Office:
    for office in Office.objects.all():
        if str(office) == label:
            return office
    raise LookupError(label)


# username: (first name, last name, agency, role, [office labels] or None for the organisation)
DEMO_USERS = {
    "fk-handlaggare": ("Frida", "Kvist", Agency.FK, Role.DELTAGARANSVARIG, ["Stockholm TA"]),
    "fk-handlaggare2": ("Gustav", "Lindqvist", Agency.FK, Role.DELTAGARANSVARIG, ["Göteborg TA"]),
    "af-handlaggare": (
        "Amira",
        "Berglund",
        Agency.AF,
        Role.DELTAGARANSVARIG,
        ["Arbetsförmedlingen Stockholm City"],
    ),
    "af-handlaggare2": (
        "Oskar",
        "Nyberg",
        Agency.AF,
        Role.DELTAGARANSVARIG,
        ["Arbetsförmedlingen Göteborg"],
    ),
    "fk-insatsansvarig": (
        "Ingrid",
        "Sandberg",
        Agency.FK,
        Role.INSATSANSVARIG,
        ["Stockholm TA", "Stockholm FV", "Kista TA", "Uppsala FV"],
    ),
    "af-insatsansvarig": (
        "Henrik",
        "Ahlström",
        Agency.AF,
        Role.INSATSANSVARIG,
        [
            "Arbetsförmedlingen Stockholm City",
            "Arbetsförmedlingen Kista",
            "Arbetsförmedlingen Södertälje",
            "Arbetsförmedlingen Uppsala",
        ],
    ),
    "fk-samverkansadmin": ("Sara", "Holmgren", Agency.FK, Role.SAMVERKANSADMINISTRATOR, None),
    "af-samverkansadmin": ("Johan", "Ek", Agency.AF, Role.SAMVERKANSADMINISTRATOR, None),
    "lasare": ("Linnea", "Dahl", Agency.FK, Role.LASBEHORIG, []),
}


@functools.cache
def _demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose


def _user(username: str, first_name: str, last_name: str, agency: str = "", **extra) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "agency": agency,
            "password": _demo_password_hash(),
            **extra,
        },
    )
    return user


def create_users() -> dict[str, User]:
    users = {}
    for username, (first, last, agency, role, offices) in DEMO_USERS.items():
        user = _user(username, first, last, agency)
        users[username] = user
        if not RoleGrant.objects.filter(user=user, role=role).exists():
            role_grant(user=user, role=role, actor=None, valid_from=_START)
        if role == Role.LASBEHORIG:
            continue
        if offices is None:
            if not Uppdrag.objects.filter(user=user, role=role, agency=agency).exists():
                uppdrag_grant(user=user, role=role, agency=agency, actor=None, valid_from=_START)
            continue
        for label in offices:
            office = _office(label)
            if not Uppdrag.objects.filter(user=user, role=role, office=office).exists():
                uppdrag_grant(user=user, role=role, office=office, actor=None, valid_from=_START)
    admin = _user("admin", "Adam", "Administratör", is_staff=True, is_superuser=True)
    users["admin"] = admin
    return users


def office_caseworker_username(office: Office) -> str:
    """One extra demo caseworker per office, so the demo history covers every office."""
    offices = list(Office.objects.filter(agency=office.agency).order_by("pk"))
    return f"demo-{office.agency.lower()}-{offices.index(office) + 1:02d}"


def create_office_caseworkers() -> dict[int, User]:
    """office pk → a deltagaransvarig with an uppdrag there."""
    caseworkers = {}
    for office in Office.objects.order_by("agency", "pk"):
        username = office_caseworker_username(office)
        user = _user(username, "Demo", f"Handläggare {office}", office.agency)
        if not RoleGrant.objects.filter(user=user, role=Role.DELTAGARANSVARIG).exists():
            role_grant(user=user, role=Role.DELTAGARANSVARIG, actor=None, valid_from=_START)
        if not Uppdrag.objects.filter(user=user, office=office).exists():
            uppdrag_grant(
                user=user, role=Role.DELTAGARANSVARIG, office=office, actor=None, valid_from=_START
            )
        caseworkers[office.pk] = user
    return caseworkers


def create_organisation() -> tuple[dict[str, User], dict[int, User]]:
    """The demo users by username, and one demo caseworker per office (by office pk)."""
    with transaction.atomic():
        create_offices()
        return create_users(), create_office_caseworkers()
