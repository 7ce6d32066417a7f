"""Forms of the participant screens. They only parse and present; every rule is checked by the
services, whose messages the views put back on these forms' fields."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices import messages as office_messages
from offices.choices import Agency, AreaKind
from offices.forms import office_pair_fields
from offices.models import Area, Office
from participants.models import Stadsdel
from participants.personnummer import Sex
from sus.forms import BooleanField, DateField, StrictForm
from sus.once import OnceFormMixin
from transitions import messages
from transitions.table import STATUS_TYPES, Insatstyp, ParticipantStatus, allowed_next


class PersonnummerForm(StrictForm):
    personnummer = forms.CharField(
        label=_("Personnummer"),
        max_length=20,
        help_text=_("ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        error_messages={"required": _("Ange personnummer.")},
    )


def office_pair(form, *, own_office_ids, user_agency: str) -> None:
    """The office-pair fields (offices.forms), with the user's own office chosen beforehand
    when the user holds an uppdrag for only one office of its agency: no needless choice."""
    office_pair_fields(form, own_office_ids=own_office_ids, user_agency=user_agency)
    if user_agency not in Agency.values:
        return
    own = form.fields[Agency(user_agency).office_field]
    offices = list(own.queryset[:2])
    if len(offices) == 1:
        form.initial.setdefault(Agency(user_agency).office_field, offices[0].pk)


def next_type_choices(current_type: str | None) -> list[tuple[str, str]]:
    """ "Övergång till": only the allowed next types, each with who normally registers it."""
    return [
        (
            rule.to_type.value,
            _("%(type)s (registreras normalt av %(agency)s)")
            % {"type": rule.to_type.label, "agency": rule.normally_by.short},
        )
        for rule in allowed_next(current_type)
    ]


class StartForm(OnceFormMixin):
    """The first registration (T1)."""

    stadsdel = forms.ModelChoiceField(
        label=_("Stadsdel"),
        queryset=Stadsdel.objects.none(),
        required=False,
        empty_label=_("Välj…"),
    )
    consent_confirmed = BooleanField(
        label=_("Deltagaren har lämnat skriftligt samtycke"), required=False
    )
    consent_date = DateField(label=_("Datum för samtycke"), required=False)
    to_type = forms.ChoiceField(label=_("Övergång till"))
    date = DateField(label=_("Datum för övergång"), required=False)

    field_order = ["af_office", "fk_office", "stadsdel", "consent_confirmed", "consent_date"]

    def __init__(self, *args, entry, own_office_ids, user_agency, previous_stadsdel=None, **kwargs):
        super().__init__(*args, **kwargs)
        office_pair(self, own_office_ids=own_office_ids, user_agency=user_agency)
        if entry.municipality.has_stadsdelar:
            choices = entry.municipality.stadsdelar.filter(is_active=True)
            self.fields["stadsdel"].queryset = choices
            if previous_stadsdel is not None and previous_stadsdel in choices:
                self.initial.setdefault("stadsdel", previous_stadsdel.pk)
        else:
            del self.fields["stadsdel"]
        self.fields["to_type"].choices = next_type_choices(None)
        self.order_fields([*self.field_order, "to_type", "date"])
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("consent_date", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        if "stadsdel" not in self.fields and self.data.get(self.add_prefix("stadsdel")):
            # Sent for someone whose kommun has none: refused, not silently dropped.
            self.add_error(None, messages.STADSDEL_NOT_APPLICABLE)
        return cleaned


class NextTypeField(forms.ChoiceField):
    """ "Övergång till": offers the allowed next types, but accepts any insatstyp and leaves
    the decision to the service — which refuses with the message of SPEC §4.3, or says the
    page was read before a colleague's step, or that the form was already sent."""

    def valid_value(self, value):
        return value in Insatstyp.values


class TransitionForm(OnceFormMixin):
    to_type = NextTypeField(label=_("Övergång till"))
    date = DateField(
        label=_("Datum för övergång"),
        error_messages={"required": messages.DATE_REQUIRED},
        help_text=messages.DATE_HELP_AVBRUTET,
    )
    expected_sequence = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, current_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_type"].choices = [("", _("Välj…")), *next_type_choices(current_type)]
        self.fields["to_type"].error_messages["required"] = messages.TO_TYPE_REQUIRED
        self.current_type = current_type
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def rendering_key(self):
        """What the unbound form's visible fields show (sus.templatetags.sus.visible_fields)."""
        return (self.current_type, self.initial.get("date"))


class ConfirmForm(OnceFormMixin):
    """A confirmation step (Radera, Byt kontor OK): the state the user saw, sent back."""

    expected_sequence = forms.IntegerField(widget=forms.HiddenInput)


REASONABLE_NUMBER = _("Ange ett rimligt antal, högst %(limit_value)s.")


class AnonymousForm(OnceFormMixin):
    year = forms.IntegerField(label=_("År"), min_value=1900, max_value=2100)
    women = forms.IntegerField(label=_("Antal kvinnor"), min_value=0, required=False, initial=0)
    men = forms.IntegerField(label=_("Antal män"), min_value=0, required=False, initial=0)

    def __init__(self, *args, own_office_ids, user_agency, **kwargs):
        super().__init__(*args, **kwargs)
        office_pair(self, own_office_ids=own_office_ids, user_agency=user_agency)
        self.order_fields(["af_office", "fk_office", "year", "women", "men"])
        most = settings.SUS_ANONYMOUS_MAX_PER_YEAR
        for name in ("women", "men"):
            field = self.fields[name]
            field.max_value = most
            field.validators.append(MaxValueValidator(most, message=REASONABLE_NUMBER))
            field.widget.attrs["max"] = most
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)


class ParticipantFilterForm(StrictForm):
    """The filters of "Visa deltagare" (GET)."""

    insatstyp = forms.ChoiceField(
        label=_("Insatstyp"), choices=[("", _("Alla")), *Insatstyp.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Deltagarstatus"),
        choices=[("", ParticipantStatus.ALL.label)]
        + [(s.value, s.label) for s in ParticipantStatus if s != ParticipantStatus.ALL],
        required=False,
    )
    fran = DateField(label=_("Från och med"), required=False)
    till = DateField(label=_("Till och med"), required=False)
    office = forms.ModelChoiceField(
        label=_("Kontor"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("Alla mina"),
    )
    kon = forms.ChoiceField(
        label=_("Kön"),
        choices=[("", _("Alla")), *((sex.value, sex.plural) for sex in Sex)],
        required=False,
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        for name in ("fran", "till"):
            self.fields[name].help_text = _("Datum för senaste övergång, ÅÅÅÅ-MM-DD")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fran") and cleaned.get("till") and cleaned["till"] < cleaned["fran"]:
            self.add_error("till", _("Till och med kan inte vara före från och med."))
        return cleaned

    def contradiction(self) -> str | None:
        """Why the list is empty whatever the data: an insatstyp that is not of the chosen
        deltagarstatus (the kinds of the transition table)."""
        filters = self.cleaned_data if self.is_valid() else {}
        insatstyp, status = filters.get("insatstyp"), filters.get("status")
        if not insatstyp or not status or insatstyp in STATUS_TYPES[ParticipantStatus(status)]:
            return None
        return messages.FILTER_CONTRADICTION.format(
            insatstyp=Insatstyp(insatstyp).label, status=ParticipantStatus(status).label
        )


class MoveFilterForm(StrictForm):
    """Filters narrowing the office lists of "Byt kontor" (GET; works without JavaScript)."""

    verksamhetsomrade = forms.ModelChoiceField(
        label=_("Verksamhetsområde"),
        queryset=Area.objects.filter(kind=AreaKind.VERKSAMHETSOMRADE, is_active=True),
        required=False,
        empty_label=_("Alla"),
    )
    marknadsomrade = forms.ModelChoiceField(
        label=_("Marknadsområde"),
        queryset=Area.objects.filter(kind=AreaKind.MARKNADSOMRADE, is_active=True),
        required=False,
        empty_label=_("Alla"),
    )
    arbetsmarknadsomrade = forms.ModelChoiceField(
        label=_("Arbetsmarknadsområde"),
        queryset=Area.objects.filter(kind=AreaKind.ARBETSMARKNADSOMRADE, is_active=True),
        required=False,
        empty_label=_("Alla"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.optional = True  # in the form of "Byt kontor", beside required fields

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}

    def empty_reasons(self, querysets: dict) -> list[str]:
        """Why a filtered office list is empty: the user is told instead of finding an empty
        list (two Af areas that do not overlap, or an area without an active office)."""
        filters = self.filters()
        reasons = []
        af_names = ("marknadsomrade", "arbetsmarknadsomrade")
        af_areas = [filters[name] for name in af_names if filters.get(name)]
        if af_areas and not querysets[Agency.AF.office_field].exists():
            reasons.append(
                messages.FILTER_NO_AF_BOTH.format(mo=af_areas[0], amo=af_areas[1])
                if len(af_areas) == 2
                else messages.FILTER_NO_AF.format(area=af_areas[0])
            )
        if filters.get("verksamhetsomrade") and not querysets[Agency.FK.office_field].exists():
            reasons.append(messages.FILTER_NO_FK.format(area=filters["verksamhetsomrade"]))
        return reasons

    def office_querysets(self) -> dict[str, object]:
        filters = self.filters()
        af = Office.objects.active().of_agency(Agency.AF)
        fk = Office.objects.active().of_agency(Agency.FK)
        if filters.get("marknadsomrade"):
            af = af.filter(marknadsomrade=filters["marknadsomrade"])
        if filters.get("arbetsmarknadsomrade"):
            af = af.filter(arbetsmarknadsomrade=filters["arbetsmarknadsomrade"])
        if filters.get("verksamhetsomrade"):
            fk = fk.filter(verksamhetsomrade=filters["verksamhetsomrade"])
        return {
            Agency.AF.office_field: af.order_by("name"),
            Agency.FK.office_field: fk.order_by("name", "series"),
        }


class MoveForm(StrictForm):
    """Panel "Byt kontor till": both offices are required even when only one agency changes."""

    af_office = forms.ModelChoiceField(
        label=_("Arbetsförmedling"),
        queryset=Office.objects.none(),
        empty_label=_("Välj…"),
        error_messages={"required": office_messages.OFFICE_REQUIRED_AF},
    )
    fk_office = forms.ModelChoiceField(
        label=_("Kontor"),
        queryset=Office.objects.none(),
        empty_label=_("Välj…"),
        error_messages={"required": office_messages.OFFICE_REQUIRED_FK},
    )
    date = DateField(
        label=_("Datum för flytt"), error_messages={"required": messages.MOVE_DATE_REQUIRED}
    )

    def __init__(self, *args, querysets: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in querysets.items():
            self.fields[name].queryset = queryset


class MoveConfirmForm(OnceFormMixin):
    """The warning step's "OK": the choices made, sent back with the state the user saw."""

    af_office = forms.ModelChoiceField(
        queryset=Office.objects.of_agency(Agency.AF), widget=forms.HiddenInput
    )
    fk_office = forms.ModelChoiceField(
        queryset=Office.objects.of_agency(Agency.FK), widget=forms.HiddenInput
    )
    date = DateField(widget=forms.HiddenInput)
    expected_sequence = forms.IntegerField(widget=forms.HiddenInput)
