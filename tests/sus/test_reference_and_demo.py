import datetime
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from audit.models import AuditRecord
from offices.models import Agency, Area, AreaKind, Office, Role, RoleGrant, Series, Uppdrag, User
from participants.models import (
    AnonymousCount,
    County,
    Municipality,
    Person,
    RegisterPerson,
    Stadsdel,
)
from participants.reference import GOTEBORG, STOCKHOLM
from sus.demo.organisation import create_organisation
from sus.demo.register import create_register, sample_personnummer
from transitions.consistency import check_participations
from transitions.models import AvslutatAnswers, BegaranAnswers, Participation, Transition
from transitions.table import Insatstyp

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
        model.__name__: model.objects.count()
        for model in (
            Area,
            Office,
            User,
            RoleGrant,
            Uppdrag,
            RegisterPerson,
            Person,
            Participation,
            Transition,
            AnonymousCount,
            AuditRecord,
        )
    } | {"passwords": sorted(User.objects.values_list("password", flat=True))}


@pytest.mark.slow
def test_demo_data_twice_changes_nothing_and_obeys_every_rule():
    """The whole demo, run twice (it takes a while, so one test checks it all)."""
    call_command("load_demo_data", force=True)  # tests run with DEBUG off
    first = _counts()
    call_command("load_demo_data", force=True)
    assert _counts() == first

    assert list(check_participations()) == []
    call_command("check_histories")  # exits non-zero (CommandError) on any problem

    participations = Participation.objects.all()
    assert participations.count() >= 300
    assert participations.filter(started_on__lt=timezone.localdate() - datetime.timedelta(days=365))
    assert set(participations.values_list("current_type", flat=True)) == set(Insatstyp.values)
    used = set(participations.values_list("af_office", flat=True)) | set(
        participations.values_list("fk_office", flat=True)
    )
    assert used == set(Office.objects.values_list("pk", flat=True))
    assert participations.filter(closed_on__isnull=False).count() >= 50
    assert BegaranAnswers.objects.count() >= 250
    assert AvslutatAnswers.objects.exists()
    assert Transition.objects.filter(answers_complete=False).exists()
    assert AuditRecord.objects.filter(action="transition.delete").count() >= 5
    assert AuditRecord.objects.filter(action="participation.move").exists()
    assert (
        Person.objects.filter(participations__isnull=False)
        .annotate(n=Count("participations"))
        .filter(n__gt=1)
    )
    assert AnonymousCount.objects.count() >= 3


def test_demo_data_is_refused_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="känt lösenord"):
        call_command("load_demo_data")
    assert not User.objects.exists()


def test_demo_register_is_fictitious_and_varied():
    create_register()
    people = RegisterPerson.objects.all()
    assert people.count() >= 1000
    assert all(980 <= int(p[8:11]) <= 999 for p in people.values_list("personnummer", flat=True))
    assert people.values("municipality").distinct().count() >= 30
    assert people.filter(municipality__code=STOCKHOLM).exists()
    assert people.filter(municipality__code=GOTEBORG).exists()
    assert people.filter(protected_identity=True).count() >= 5


def test_readme_lists_the_sample_personnummer():
    create_register()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    samples = sample_personnummer()
    assert {code for _pnr, _name, code, _protected in samples} >= {STOCKHOLM, GOTEBORG}
    assert any(protected for *_rest, protected in samples)
    for pnr, name, _code, protected in samples:
        assert f"{pnr[:8]}-{pnr[8:]}" in readme, name
        row = RegisterPerson.objects.get(personnummer=pnr)
        assert row.protected_identity == protected


def test_demo_organisation_has_the_promised_size():
    create_organisation()
    assert Area.objects.filter(kind=AreaKind.MARKNADSOMRADE).count() >= 3
    assert Area.objects.filter(kind=AreaKind.VERKSAMHETSOMRADE).count() >= 3
    assert Office.objects.filter(agency=Agency.AF).count() >= 12
    fk = Office.objects.filter(agency=Agency.FK)
    assert fk.count() >= 12
    assert set(fk.values_list("series", flat=True)) == {Series.TA, Series.FV}


def test_demo_users_log_in_with_the_documented_password():
    create_organisation()
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
    create_organisation()
    uppdrag = Uppdrag.objects.filter(user__username=username, role=role)
    assert office in {str(u.office) for u in uppdrag}


def test_demo_readers_and_administrators_hold_their_roles():
    create_organisation()
    assert RoleGrant.objects.filter(user__username="lasare", role=Role.LASBEHORIG).exists()
    for agency in (Agency.FK, Agency.AF):
        username = f"{agency.short.lower()}-samverkansadmin"
        assert Uppdrag.objects.filter(
            user__username=username, role=Role.SAMVERKANSADMINISTRATOR, agency=agency
        ).exists()
