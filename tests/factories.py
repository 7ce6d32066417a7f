"""factory_boy factories for the test suite."""

import datetime

import factory

from offices.models import Agency, Area, AreaKind, Office, Role, RoleGrant, Series, Uppdrag, User

LONG_AGO = datetime.date(2020, 1, 1)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["kind", "name"]

    kind = AreaKind.MARKNADSOMRADE
    name = factory.Sequence(lambda n: f"Område {n}")


class AfOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    agency = Agency.AF
    name = factory.Sequence(lambda n: f"Arbetsförmedlingen Ort {n}")
    series = ""
    marknadsomrade = factory.SubFactory(AreaFactory, kind=AreaKind.MARKNADSOMRADE)


class FkOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    agency = Agency.FK
    name = factory.Sequence(lambda n: f"Ort {n}")
    series = Series.TA
    verksamhetsomrade = factory.SubFactory(AreaFactory, kind=AreaKind.VERKSAMHETSOMRADE)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")
    agency = Agency.FK
    password = factory.django.Password("lösenord-för-test")


def grant(user: User, role: str, *offices: Office, valid_from=LONG_AGO, agency="") -> User:
    """Give a user a role and uppdrag for offices (or the agency organisation), directly."""
    RoleGrant.objects.get_or_create(user=user, role=role, defaults={"valid_from": valid_from})
    if role == Role.SAMVERKANSADMINISTRATOR:
        Uppdrag.objects.create(
            user=user, role=role, agency=agency or user.agency, valid_from=valid_from
        )
    for office in offices:
        Uppdrag.objects.create(user=user, role=role, office=office, valid_from=valid_from)
    return user
