"""The refusal messages of SPEC §3–§5, word for word, in one place."""

from django.utils.translation import gettext_lazy as _

NOT_ALLOWED = _("Övergång från {från} till {till} är inte tillåten.")
BEFORE_PREVIOUS = _(
    "Datum för övergång kan inte vara tidigare än datum för föregående övergång ({datum})."
)
BEFORE_MOVE = _("Datum för övergång kan inte vara tidigare än datum för flytt ({datum}).")
FUTURE = _("Datum för övergång kan inte vara ett framtida datum.")
DATE_REQUIRED = _("Ange datum för övergång.")
ALREADY_OPEN = _("Deltagaren har redan en pågående medverkan i Af/FK-samarbetet.")
INVALID_PERSONNUMMER = _("Personnumret är inte giltigt.")
NO_SUCH_PERSON = _("Det finns ingen person med detta personnummer.")
STADSDEL_REQUIRED = _(
    "Du måste ange stadsdel för deltagare folkbokförda i Stockholm eller Göteborg."
)
STADSDEL_NOT_APPLICABLE = _(
    "Stadsdel anges bara för deltagare folkbokförda i Stockholm eller Göteborg."
)
PROTECTED_IDENTITY = _(
    "Deltagaren har skyddade personuppgifter och ska registreras som anonym deltagare."
)
CONSENT_REQUIRED = _("Du måste bekräfta att deltagaren har lämnat skriftligt samtycke.")
CONSENT_DATE_REQUIRED = _("Ange datum för samtycke.")
CONSENT_BEFORE_RETURN = _(
    "En återkommande deltagare behöver ett nytt samtycke. Datum för samtycke kan inte vara "
    "tidigare än när den förra medverkan avslutades ({datum})."
)
CONSENT_BEFORE_RETURN_UNDATED = _(
    "En återkommande deltagare behöver ett nytt samtycke, lämnat efter att den förra "
    "medverkan avslutades."
)
BEFORE_PREVIOUS_PARTICIPATION = _(
    "Datum för övergång kan inte vara tidigare än när deltagarens förra medverkan avslutades."
)
CONSENT_DATE_FUTURE = _("Datum för samtycke kan inte vara ett framtida datum.")
STALE = _(
    "Deltagarens uppgifter har ändrats av någon annan sedan du hämtade dem. Ingenting sparades. "
    "Kontrollera uppgifterna nedan och försök igen."
)
LATER_PARTICIPATION = _(
    "Övergången kan inte raderas eftersom deltagaren har en senare medverkan i Af/FK-samarbetet."
)
OFFICE_REQUIRED_AF = _("Välj arbetsförmedling.")
OFFICE_REQUIRED_FK = _("Välj kontor.")
OFFICE_NOT_OWN = _("Välj ett kontor som du har uppdrag för.")
OFFICE_INACTIVE = _("Kontoret är stängt och kan inte väljas.")
MOVE_CLOSED = _("Avslutade ärenden kan inte byta kontor.")
MOVE_SAME = _("Välj ett nytt kontor för minst en av myndigheterna.")
MOVE_DATE_REQUIRED = _("Ange datum för flytt.")
MOVE_BEFORE_TRANSITION = _(
    "Datum för flytt kan inte vara tidigare än datum för senaste övergång ({datum})."
)
MOVE_BEFORE_MOVE = _(
    "Datum för flytt kan inte vara tidigare än datum för föregående flytt ({datum})."
)
MOVE_TOO_FAR = _("Datum för flytt kan inte ligga mer än {dagar} dagar fram i tiden.")
NOT_IN_SET = _("Övergången har inga frågor av det slaget.")
ANONYMOUS_EMPTY = _("Ange antal kvinnor eller antal män.")
ANONYMOUS_YEAR = _("Ange ett år från {första} till och med {sista}.")
