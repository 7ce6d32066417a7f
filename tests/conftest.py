"""Personas shared by the whole suite (STYLE.md: tests), and the shared-data helper."""

import os
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import transaction

from offices.models import Agency, Role
from participants.models import County, Municipality, Stadsdel
from participants.reference import load_reference_data
from tests.factories import AfOfficeFactory, FkOfficeFactory, UserFactory, grant
from transitions.lookups import seed_lookups

# Tests marked `slow` (the whole demo data, twice) run when asked for with SUS_SLOW_TESTS=1, as
# CI does once (on SQLite); a local `make test` leaves them out (deselected, not skipped).
RUN_SLOW = os.environ.get("SUS_SLOW_TESTS") == "1"


def pytest_collection_modifyitems(config, items):
    if RUN_SLOW:
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


def pytest_report_header(config):
    return "slow tests: run" if RUN_SLOW else "slow tests: left out (SUS_SLOW_TESTS=1 runs them)"


@pytest.fixture(autouse=True)
def _no_rate_limit_counts():
    """Each test starts with no rate-limit counts (the test settings keep them in memory)."""
    caches["ratelimit"].clear()


def load_migration_data():
    """The reference data and lookup lists the data migrations install (both loaders are
    idempotent)."""
    with transaction.atomic():
        load_reference_data(County=County, Municipality=Municipality, Stadsdel=Stadsdel)
        seed_lookups(lambda name: apps.get_model("transitions", name))


@pytest.fixture(scope="module")
def migration_data_restored(django_db_blocker):
    """A transactional test ends by emptying every table, the migrations' data included. Put it
    back when its module ends, so the tests that follow (in whatever order the workers run the
    modules) find the database as migrated."""
    yield
    with django_db_blocker.unblock():
        load_migration_data()


@contextmanager
def shared_data(django_db_blocker):
    """Data built once for a whole test module (like Django's setUpTestData): created in a
    transaction that every test of the module runs inside (as a savepoint, rolled back after
    each test) and that is rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def fk_office(db):
    return FkOfficeFactory(name="Testköping")


@pytest.fixture
def fk_office_other(db):
    return FkOfficeFactory(name="Annanstad")


@pytest.fixture
def af_office(db):
    return AfOfficeFactory(name="Arbetsförmedlingen Testköping")


@pytest.fixture
def af_office_other(db):
    return AfOfficeFactory(name="Arbetsförmedlingen Annanstad")


@pytest.fixture
def fk_caseworker(fk_office):
    user = UserFactory(username="fk-hl", first_name="Frida", last_name="Testsson", agency=Agency.FK)
    return grant(user, Role.DELTAGARANSVARIG, fk_office)


@pytest.fixture
def af_caseworker(af_office):
    user = UserFactory(username="af-hl", first_name="Amir", last_name="Provsson", agency=Agency.AF)
    return grant(user, Role.DELTAGARANSVARIG, af_office)


@pytest.fixture
def other_caseworker(fk_office_other):
    user = UserFactory(username="fk-hl2", agency=Agency.FK)
    return grant(user, Role.DELTAGARANSVARIG, fk_office_other)


@pytest.fixture
def fk_insatsansvarig(fk_office):
    user = UserFactory(username="fk-ia", agency=Agency.FK)
    return grant(user, Role.INSATSANSVARIG, fk_office)


@pytest.fixture
def fk_samverkansadmin(db):
    user = UserFactory(username="fk-sa", agency=Agency.FK)
    return grant(user, Role.SAMVERKANSADMINISTRATOR)


@pytest.fixture
def reader(db):
    user = UserFactory(username="lasare", agency=Agency.FK)
    return grant(user, Role.LASBEHORIG)


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="utan-roll")


@pytest.fixture
def superuser(db):
    return UserFactory(username="superadmin", is_staff=True, is_superuser=True)


@pytest.fixture
def today(time_machine):
    """Freeze "today" at 2026-11-23 (noon, Stockholm time) and return that date."""
    import datetime
    from zoneinfo import ZoneInfo

    time_machine.move_to(
        datetime.datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    )
    return datetime.date(2026, 11, 23)


@pytest.fixture
def domain_rows(db):
    """A callable counting the rows of the participant, transition, answer and audit tables, so
    a test can show that a refusal saved nothing: `before = domain_rows()` … `== before`."""
    from audit.models import AuditRecord
    from participants.models import Person
    from transitions.models import ANSWER_MODELS, Consent, OfficePeriod, Participation, Transition

    models = [Person, Participation, Consent, OfficePeriod, Transition, AuditRecord]
    models += ANSWER_MODELS.values()

    def count() -> dict[str, int]:
        return {model._meta.label: model.objects.count() for model in models}

    return count
