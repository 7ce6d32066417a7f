"""Forms of "Tilldela uppdrag" (SPEC §5.6)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from offices.choices import Agency, Role
from offices.models import Office, User
from sus.forms import StrictForm
from sus.once import OnceFormMixin

OFFICE_LABELS = {Agency.AF: _("Arbetsförmedling"), Agency.FK: _("Kontor")}

WILDCARD_HELP = _("Använd * som jokertecken: Ka* hittar Kalle och Karl.")


def office_pair_fields(form: forms.Form, *, own_office_ids, user_agency: str) -> None:
    """ "Arbetsförmedling" and "Kontor" for an office pair (first registration, anonymous
    counts): the user's own agency's list narrowed to the offices it holds an uppdrag for; the
    other agency's list is every active office. The pair is checked by `offices.pairs`."""
    for agency in Agency:
        queryset = Office.objects.active().of_agency(agency).order_by("name", "series")
        if agency == user_agency:
            queryset = queryset.filter(pk__in=own_office_ids)
        form.fields[agency.office_field] = forms.ModelChoiceField(
            label=OFFICE_LABELS[agency],
            queryset=queryset,
            empty_label=_("Välj…"),
            required=False,
        )


class ScopeForm(StrictForm):
    """Which uppdrag (role) and which office ("Insatsnamn"). GET."""

    roll = forms.ChoiceField(label=_("Uppdrag som"), required=False)
    insats = forms.ModelChoiceField(
        label=_("Insatsnamn"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("Välj…"),
    )

    def __init__(self, *args, roles, offices_for, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roll"].choices = [(role, Role(role).label) for role in roles]
        role = self.data.get("roll") or (roles[0] if roles else None)
        if role not in roles:
            role = roles[0] if roles else None
        self.role = role
        self.fields["insats"].queryset = offices_for(role) if role else Office.objects.none()
        if len(roles) == 1:
            self.fields["roll"].widget = forms.HiddenInput()

    def office(self):
        return self.cleaned_data.get("insats") if self.is_valid() else None


class UserSearchForm(StrictForm):
    fornamn = forms.CharField(label=_("Förnamn"), required=False, help_text=WILDCARD_HELP)
    efternamn = forms.CharField(label=_("Efternamn"), required=False)
    arbetsgivare = forms.CharField(label=_("Arbetsgivare"), required=False)

    def has_terms(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


class SelectForm(StrictForm):
    """ "Välj användare": the ticked users ("Vald") among those shown."""

    roll = forms.ChoiceField(widget=forms.HiddenInput)
    insats = forms.ModelChoiceField(queryset=Office.objects.all(), widget=forms.HiddenInput)
    shown = forms.ModelMultipleChoiceField(
        queryset=User.objects.all(), widget=forms.MultipleHiddenInput, required=False
    )
    vald = forms.ModelMultipleChoiceField(
        label=_("Vald"),
        queryset=User.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roll"].choices = [(role, role) for role in roles]


class AssignConfirmForm(OnceFormMixin):
    """ "OK": carry out the additions and removals shown."""

    roll = forms.CharField(widget=forms.HiddenInput)
    insats = forms.ModelChoiceField(queryset=Office.objects.all(), widget=forms.HiddenInput)
    add = forms.ModelMultipleChoiceField(
        queryset=User.objects.all(), widget=forms.MultipleHiddenInput, required=False
    )
    remove = forms.ModelMultipleChoiceField(
        queryset=User.objects.all(), widget=forms.MultipleHiddenInput, required=False
    )
