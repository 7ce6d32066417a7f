"""Form fields shared by every screen."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
        error_messages={"required": _("Frågan måste besvaras.")},
    )
