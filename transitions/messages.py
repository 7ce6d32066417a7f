"""The messages of the participation's screens and services (SPEC §3–§5), word for word, in one
place. Those about people are in `participants.messages`, those about offices in
`offices.messages`."""

from django.utils.translation import gettext_lazy as _

NOT_ALLOWED = _("Övergång från {från} till {till} är inte tillåten.")
BEFORE_PREVIOUS = _(
    "Datum för övergång kan inte vara tidigare än datum för föregående övergång ({datum})."
)
BEFORE_MOVE = _("Datum för övergång kan inte vara tidigare än datum för flytt ({datum}).")
FUTURE = _("Datum för övergång kan inte vara ett framtida datum.")
DATE_REQUIRED = _("Ange datum för övergång.")
# The sources' guidance on "Avbrutet samarbete" (susam.se), at the date of the step.
DATE_HELP_AVBRUTET = _(
    "ÅÅÅÅ-MM-DD. Vid Avbrutet samarbete: ange det datum då deltagaren återtar samtycket eller "
    "det datum deltagaren avbryter samarbetet av annat skäl."
)
ALREADY_OPEN = _("Deltagaren har redan en pågående medverkan i Af/FK-samarbetet.")
STADSDEL_REQUIRED = _(
    "Du måste ange stadsdel för deltagare folkbokförda i Stockholm eller Göteborg."
)
STADSDEL_NOT_APPLICABLE = _(
    "Stadsdel anges bara för deltagare folkbokförda i Stockholm eller Göteborg."
)
CONSENT_REQUIRED = _("Ange att deltagaren har lämnat skriftligt samtycke.")
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
BEFORE_FIRST_YEAR = _("Datum för övergång kan inte vara tidigare än {år}-01-01.")
BEFORE_BIRTH = _("Datum för övergång kan inte vara före deltagarens födelsedag ({datum}).")
CONSENT_BEFORE_BIRTH = _("Datum för samtycke kan inte vara före deltagarens födelsedag ({datum}).")
CONSENT_BEFORE_FIRST_YEAR = _("Datum för samtycke kan inte vara tidigare än {år}-01-01.")
CONSENT_AFTER_START = _(
    "Datum för samtycke kan inte vara senare än datum för övergång ({datum}): samtycket ska "
    "finnas innan deltagaren registreras."
)
CONTACT_INSATSANSVARIG = _(
    "Saknar du uppdrag till din insats ska du vända dig till en insatsansvarig för ditt kontor."
)
CONTACT_SAMORDNARE = _(
    "Saknar du uppdrag för en arbetsförmedling? Kontakta i sådana fall din samverkanssamordnare."
)
CONTACT_AF_OTHER_OFFICE = _(
    "Deltagaren har registrerats på en annan arbetsförmedling än den du arbetar på. Kontakta "
    "handläggaren på Försäkringskassan som får rätta detta."
)
NOT_SAVED = _(
    "Uppgifterna kunde inte sparas eftersom de strider mot en regel i SUS. Ingenting sparades."
)
STALE = _(
    "Deltagarens uppgifter har ändrats av någon annan sedan du hämtade dem. Ingenting sparades. "
    "Kontrollera uppgifterna nedan och försök igen."
)
LATER_PARTICIPATION = _(
    "Övergången kan inte raderas eftersom deltagaren har en senare medverkan i Af/FK-samarbetet."
)
MOVE_CLOSED = _("Avslutade ärenden kan inte byta kontor.")
MOVE_SAME = _("Ange ett nytt kontor för minst en av myndigheterna.")
MOVE_DATE_REQUIRED = _("Ange datum för flytt.")
MOVE_BEFORE_TRANSITION = _(
    "Datum för flytt kan inte vara tidigare än datum för senaste övergång ({datum})."
)
MOVE_BEFORE_MOVE = _(
    "Datum för flytt kan inte vara tidigare än datum för föregående flytt ({datum})."
)
MOVE_TOO_FAR = _("Datum för flytt kan inte ligga mer än {dagar} dagar fram i tiden.")
NOT_IN_SET = _("Övergången har inga frågor av det slaget.")
SEARCH_AGAIN = _("Sök på personnumret igen.")
CLOSED_NO_STEP = _("Medverkan är avslutad. Ingen övergång kan registreras i den.")
NO_VISIBLE_PARTICIPATION = _(
    "Det finns ingen medverkan för deltagaren som du har behörighet att se."
)
NOTHING_TO_MOVE = _("Deltagaren har ingen pågående medverkan att flytta.")
MOVE_CHOICES_MISSING = _("Uppgifterna för flytten saknas. Gör om valen.")
NO_LONGER_ACCESS = _("Du har inte längre behörighet till deltagaren.")
TO_TYPE_REQUIRED = _("Ange vilken insatstyp övergången går till.")
REGISTERED = _("Deltagaren är registrerad. Besvara frågorna.")
STEP_SAVED_ANSWER = _("Övergången är sparad. Besvara frågorna.")
STEP_SAVED = _("Övergången är sparad.")
PARTICIPATION_DELETED = _("Registreringen är raderad. Deltagarens medverkan är borttagen.")
STEP_DELETED = _("Övergången är raderad.")
ANSWERS_SAVED = _("Uppgifterna för övergången till {typ} ({datum}) är sparade.")
ANONYMOUS_SAVED = _("De anonyma deltagarna är registrerade.")
ANONYMOUS_DELETED = _("Registreringen av anonyma deltagare är raderad.")
MOVED = _("Deltagaren flyttas till %(af)s och %(fk)s från och med %(date)s.")
DELETE_BEFORE_MOVE = _(
    "Övergången kan inte raderas: den registrerades av det tidigare kontoret, före flytten den "
    "{datum}. Kontakta det tidigare kontoret om den är fel."
)
MOVE_AHEAD_WARNING = _(
    "Datum för flytt ligger framåt i tiden. Fram till den {datum} kan ingen registrera "
    "övergångar daterade före flytten: registrera väntande övergångar innan du byter kontor."
)
FILTER_CONTRADICTION = _(
    "Inga deltagare kan visas: insatstypen {insatstyp} hör inte till deltagarstatus {status}. "
    "Välj Alla i ett av fälten."
)
FILTER_NO_AF_BOTH = _(
    "Ingen arbetsförmedling ligger både i marknadsområde {mo} och i arbetsmarknadsområde {amo}. "
    "Ändra eller ta bort ett av filtren."
)
FILTER_NO_AF = _("Det finns ingen öppen arbetsförmedling i {area}. Ändra filtret.")
FILTER_NO_FK = _("Det finns inget öppet kontor i verksamhetsområde {area}. Ändra filtret.")
