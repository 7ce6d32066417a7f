"""The project's select template (templates/django/forms/widgets/select.html) writes each option
in place: it must give the markup Django's own template gives, for every kind of option."""

import re
from pathlib import Path

from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting


class Choices(forms.Form):
    office = forms.ChoiceField(
        choices=[
            ("", "Välj kontor"),
            ("Af", [("1", "Arbetsförmedlingen Kiruna"), ("2", 'Kontor "B" & <C>')]),
            ("3", "Försäkringskassan Kiruna"),
            (4, 2026),
        ]
    )
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    disabled = forms.ChoiceField(choices=[("x", "X")], disabled=True, required=False)


DATA = {"office": "2", "several": ["a", "c"], "disabled": "x"}


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_select_is_rendered_by_the_projects_template(settings):
    assert settings.FORM_RENDERER == "django.forms.renderers.TemplatesSetting"
    template = TemplatesSetting().get_template("django/forms/widgets/select.html")
    assert Path(template.origin.name).is_relative_to(Path(settings.BASE_DIR) / "templates")


def test_the_select_gives_the_same_markup_as_djangos_own():
    ours, theirs = Choices(data=DATA), Choices(data=DATA, renderer=DjangoTemplates())
    for name in ("office", "several", "disabled"):
        assert _normalised(ours[name].as_widget()) == _normalised(theirs[name].as_widget())
    office = ours["office"].as_widget()
    assert '<optgroup label="Af">' in office
    assert '<option value="2" selected>Kontor &quot;B&quot; &amp; &lt;C&gt;</option>' in office
    several = ours["several"].as_widget()
    assert "multiple" in several
    assert several.count(" selected>") == 2
    assert "disabled" in ours["disabled"].as_widget()
