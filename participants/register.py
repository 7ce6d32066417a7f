"""The population register (folkbokföringen) behind "Sök".

Callers use `population_register().lookup(personnummer)`. The backend is chosen by the setting
`SUS_POPULATION_REGISTER`; the default, `EmbeddedRegister`, reads a table of fictitious people
(Skatteverket's test range, birth numbers 980–999). A real backend (Navet/SPAR) implements the
same one method and is named in the setting; no caller changes.
"""

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from participants.models import Municipality, RegisterPerson
from participants.personnummer import Personnummer


@dataclass(frozen=True)
class RegisterEntry:
    personnummer: Personnummer
    first_name: str
    last_name: str
    municipality: Municipality
    protected_identity: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class PopulationRegister(Protocol):
    def lookup(self, personnummer: Personnummer) -> RegisterEntry | None:
        """The person registered under the number, or None when there is none."""


class EmbeddedRegister:
    """Fictitious people from the `RegisterPerson` table (loaded with the demo data)."""

    def lookup(self, personnummer: Personnummer) -> RegisterEntry | None:
        row = (
            RegisterPerson.objects.select_related("municipality")
            .filter(personnummer=personnummer.value)
            .first()
        )
        if row is None:
            return None
        return RegisterEntry(
            personnummer=personnummer,
            first_name=row.first_name,
            last_name=row.last_name,
            municipality=row.municipality,
            protected_identity=row.protected_identity,
        )


@cache
def _backend_class(path: str):
    return import_string(path)


def population_register() -> PopulationRegister:
    return _backend_class(settings.SUS_POPULATION_REGISTER)()
