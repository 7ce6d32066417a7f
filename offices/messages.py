"""The refusal messages about offices (SPEC §5), word for word, in one place."""

from django.utils.translation import gettext_lazy as _

OFFICE_REQUIRED_AF = _("Ange arbetsförmedling.")
OFFICE_REQUIRED_FK = _("Ange kontor.")
OFFICE_NOT_OWN = _("Ange ett kontor som du har uppdrag för.")
OFFICE_INACTIVE = _("Kontoret är stängt och kan inte väljas.")
OFFICE_REQUIRED = {"AF": OFFICE_REQUIRED_AF, "FK": OFFICE_REQUIRED_FK}
