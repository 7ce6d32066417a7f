"""The refusal messages about people and anonymous counts (SPEC §3–§4), word for word."""

from django.utils.translation import gettext_lazy as _

INVALID_PERSONNUMMER = _("Personnumret är inte giltigt.")
NO_SUCH_PERSON = _("Det finns ingen person med detta personnummer.")
PROTECTED_IDENTITY = _(
    "Deltagaren har skyddade personuppgifter och ska registreras som anonym deltagare."
)
ANONYMOUS_EMPTY = _("Ange antal kvinnor eller antal män.")
ANONYMOUS_YEAR = _("Ange ett år från {första} till och med {sista}.")
ANONYMOUS_TOO_MANY = _(
    "Antalet är orimligt stort: högst {högst} anonyma deltagare per kontorspar och år kan "
    "registreras ({redan} är redan registrerade för {år}). Kontrollera siffrorna."
)
ANONYMOUS_NOT_OWN = _("Du kan bara radera registreringar för kontor som du har uppdrag för.")
