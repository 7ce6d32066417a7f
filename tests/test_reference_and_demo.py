import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from offices.models import Agency, Area, AreaKind, Office, Role, RoleGrant, Series, Uppdrag, User
from participants.models import County, Municipality, Stadsdel
from participants.reference import GOTEBORG, STOCKHOLM

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = {
    "fk-handlaggare",
    "fk-handlaggare2",
    "af-handlaggare",
    "af-handlaggare2",
    "fk-insatsansvarig",
    "af-insatsansvarig",
    "fk-samverkansadmin",
    "af-samverkansadmin",
    "lasare",
    "admin",
}


def test_reference_data_is_installed_by_migrations():
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    assert Municipality.objects.get(code=STOCKHOLM).name == "Stockholm"
    assert Municipality.objects.get(code="2584").county.name == "Norrbottens län"
    assert Stadsdel.objects.filter(municipality__code=STOCKHOLM).count() == 13
    assert Stadsdel.objects.filter(municipality__code=GOTEBORG).count() == 10


def test_reference_command_is_idempotent_and_restores_names():
    Municipality.objects.filter(code=STOCKHOLM).update(name="Fel namn")
    call_command("load_reference_data", stdout=None)
    call_command("load_reference_data", stdout=None)
    assert Municipality.objects.get(code=STOCKHOLM).name == "Stockholm"
    assert Municipality.objects.count() == 290


def _counts():
    return {
        model.__name__: model.objects.count() for model in (Area, Office, User, RoleGrant, Uppdrag)
    } | {"passwords": sorted(User.objects.values_list("password", flat=True))}


def test_demo_data_twice_changes_nothing():
    call_command("load_demo_data")
    first = _counts()
    call_command("load_demo_data")
    assert _counts() == first


def test_demo_organisation_has_the_promised_size():
    call_command("load_demo_data")
    assert Area.objects.filter(kind=AreaKind.MARKNADSOMRADE).count() >= 3
    assert Area.objects.filter(kind=AreaKind.VERKSAMHETSOMRADE).count() >= 3
    assert Office.objects.filter(agency=Agency.AF).count() >= 12
    fk = Office.objects.filter(agency=Agency.FK)
    assert fk.count() >= 12
    assert set(fk.values_list("series", flat=True)) == {Series.TA, Series.FV}


def test_demo_users_log_in_with_the_documented_password():
    call_command("load_demo_data")
    assert set(User.objects.values_list("username", flat=True)) >= DEMO_USERNAMES
    for username in DEMO_USERNAMES:
        user = authenticate(username=username, password="sus-demo-2026")
        assert user is not None, username
        assert user.get_full_name(), username
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.parametrize(
    ("username", "role", "office"),
    [
        ("fk-handlaggare", Role.DELTAGARANSVARIG, "Stockholm TA"),
        ("fk-handlaggare2", Role.DELTAGARANSVARIG, "Göteborg TA"),
        ("af-handlaggare", Role.DELTAGARANSVARIG, "Arbetsförmedlingen Stockholm City"),
        ("af-handlaggare2", Role.DELTAGARANSVARIG, "Arbetsförmedlingen Göteborg"),
        ("fk-insatsansvarig", Role.INSATSANSVARIG, "Stockholm FV"),
        ("af-insatsansvarig", Role.INSATSANSVARIG, "Arbetsförmedlingen Kista"),
    ],
)
def test_demo_users_hold_the_documented_uppdrag(username, role, office):
    call_command("load_demo_data")
    uppdrag = Uppdrag.objects.filter(user__username=username, role=role)
    assert office in {str(u.office) for u in uppdrag}


def test_demo_readers_and_administrators_hold_their_roles():
    call_command("load_demo_data")
    assert RoleGrant.objects.filter(user__username="lasare", role=Role.LASBEHORIG).exists()
    for agency in (Agency.FK, Agency.AF):
        username = f"{agency.short.lower()}-samverkansadmin"
        assert Uppdrag.objects.filter(
            user__username=username, role=Role.SAMVERKANSADMINISTRATOR, agency=agency
        ).exists()
