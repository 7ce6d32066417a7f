"""Form fields shared by every screen, and the strict reading of what the browser sends."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

SENT_TWICE = _("Fältet skickades mer än en gång. Fyll i det igen och skicka formuläret.")
ONLY_ASCII_DIGITS = _("Använd siffrorna 0–9.")


NUMERIC_FIELDS = (
    forms.IntegerField,
    forms.FloatField,
    forms.DecimalField,
    forms.DateField,
    forms.UUIDField,
    forms.ModelChoiceField,
)


def _reads_digits(field) -> bool:
    """Fields whose value is a number, a date, an id or typed as digits (personnummer); free
    text and passwords may hold any character."""
    return isinstance(field, NUMERIC_FIELDS) or field.widget.attrs.get("inputmode") == "numeric"


def _non_ascii_digit(value: str) -> bool:
    return any(char.isdigit() and char not in "0123456789" for char in value)


class StrictForm(forms.Form):
    """Reads what the browser sends strictly: a field sent more than once is an error, not
    "the last one wins"; numbers, dates, ids and personnummer only in the digits 0–9 (Python
    reads Arabic-Indic and other digits as numbers). Every form of the project derives from
    it."""

    def _clean_fields(self):
        super()._clean_fields()
        getlist = getattr(self.data, "getlist", None)
        if getlist is None:
            return
        for name, field in self.fields.items():
            if getattr(field.widget, "allow_multiple_selected", False) or isinstance(
                field.widget, forms.MultipleHiddenInput
            ):
                continue
            values = getlist(self.add_prefix(name))
            if len(values) > 1:
                self._refuse(name, SENT_TWICE)
            elif (
                _reads_digits(field)
                and values
                and isinstance(values[0], str)
                and _non_ascii_digit(values[0])
            ):
                self._refuse(name, ONLY_ASCII_DIGITS)

    def _refuse(self, name: str, message) -> None:
        self.cleaned_data.pop(name, None)
        self._errors.pop(name, None)
        self.add_error(name, message)


class CheckboxInput(forms.CheckboxInput):
    """A check box that counts as ticked only for the value it renders ("on")."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, value, {**(attrs or {}), "value": "on"})

    def value_from_datadict(self, data, files, name):
        return data.get(name) == "on"


class BooleanField(forms.BooleanField):
    widget = CheckboxInput


DATE_FORMATS = ["%Y-%m-%d", "%Y%m%d"]


class DateField(forms.DateField):
    """A date typed as ÅÅÅÅ-MM-DD or ÅÅÅÅMMDD (SPEC: dates in Swedish notation)."""

    widget = forms.DateInput(
        format="%Y-%m-%d", attrs={"inputmode": "numeric", "autocomplete": "off"}
    )
    default_error_messages = {"invalid": _("Ange datum som ÅÅÅÅ-MM-DD.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("help_text", _("ÅÅÅÅ-MM-DD"))
        super().__init__(*args, **kwargs)


YES, NO = _("Ja"), _("Nej")


def yes_no_field(label, *, yes=YES, no=NO, required=True) -> forms.TypedChoiceField:
    """A Ja/Nej question as radio buttons, cleaned to True/False."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("True", yes), ("False", no)],
        coerce=lambda value: value == "True",
        empty_value=None,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": _("Ange ett svar.")},
    )


class LoginForm(StrictForm, AuthenticationForm):
    """Django's login form, read strictly, with the refusal worded as SUS words it; the error
    summary of base.html shows it like every other form error."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Observera att båda fälten kan vara "
            "skiftlägeskänsliga. Efter fem misslyckade försök spärras inloggningen i 15 minuter."
        ),
    }
