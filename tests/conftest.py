"""Personas shared by the whole suite (STYLE.md: tests)."""

import pytest

from offices.models import Agency, Role
from tests.factories import AfOfficeFactory, FkOfficeFactory, UserFactory, grant


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
