"""The organisation's vocabulary: agencies, area kinds, FK's office series and the roles.

In a module of its own so that the models and the rules that validate them both read it
without importing each other."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Agency(models.TextChoices):
    AF = "AF", _("Arbetsförmedlingen")
    FK = "FK", _("Försäkringskassan")

    @property
    def short(self) -> str:
        return {"AF": "Af", "FK": "FK"}[self.value]

    @property
    def organisation(self) -> str:
        """The agency's collaboration organisation, administered by samverkansadministratörer."""
        return f"{self.short} i Af/FK-samarbete"

    @property
    def other(self) -> "Agency":
        return Agency.FK if self == Agency.AF else Agency.AF

    @property
    def office_field(self) -> str:
        """The field that holds this agency's office on a participation, a transition, an
        office period and an anonymous count: "af_office" or "fk_office"."""
        return f"{self.value.lower()}_office"


class AreaKind(models.TextChoices):
    MARKNADSOMRADE = "MARKNADSOMRADE", _("Marknadsområde")
    ARBETSMARKNADSOMRADE = "ARBETSMARKNADSOMRADE", _("Arbetsmarknadsområde")
    VERKSAMHETSOMRADE = "VERKSAMHETSOMRADE", _("Verksamhetsområde")

    @property
    def agency(self) -> Agency:
        return Agency.FK if self == AreaKind.VERKSAMHETSOMRADE else Agency.AF


class Series(models.TextChoices):
    """FK's two parallel office series. Users must keep them apart, so the name shows it."""

    TA = "TA", "TA"
    FV = "FV", "FV"


class Role(models.TextChoices):
    DELTAGARANSVARIG = "DELTAGARANSVARIG", _("Deltagaransvarig")
    INSATSANSVARIG = "INSATSANSVARIG", _("Insatsansvarig")
    SAMVERKANSADMINISTRATOR = "SAMVERKANSADMINISTRATOR", _("Samverkansadministratör")
    LASBEHORIG = "LASBEHORIG", _("Läsbehörig")


# Roles that are exercised through uppdrag; the others (läsbehörig) need only the role.
UPPDRAG_ROLES = (Role.DELTAGARANSVARIG, Role.INSATSANSVARIG, Role.SAMVERKANSADMINISTRATOR)
OFFICE_UPPDRAG_ROLES = (Role.DELTAGARANSVARIG, Role.INSATSANSVARIG)
