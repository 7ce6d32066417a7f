"""The project's select template (templates/django/forms/widgets/select.html) writes each option
in place: it must give the markup Django's own template gives, for every kind of option."""

import datetime
import re
from pathlib import Path

from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

LABELS = [
    ("1", "Arbetsförmedlingen Kiruna"),
    ("2", 'Kontor "B" & <C>'),
    ("3", mark_safe("<b>Redan säker</b>")),
    ("4", gettext_lazy("Alla")),
    ("5", 2026),
    ("6", 1.5),
    ("7", datetime.datetime(2026, 6, 1, 22, 30, tzinfo=datetime.UTC)),
    ("8", None),
]


class Choices(forms.Form):
    office = forms.ChoiceField(
        choices=[("", "Välj kontor"), ("Af & FK", LABELS[:3]), ("Tomt", []), *LABELS[3:]]
    )
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    disabled = forms.ChoiceField(choices=[("x", "X")], disabled=True, required=False)


class StarredSelect(forms.Select):
    option_template_name = "sus_test_option.html"


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
    assert '<optgroup label="Af &amp; FK">' in office
    assert '<option value="2" selected>Kontor &quot;B&quot; &amp; &lt;C&gt;</option>' in office
    assert "<b>Redan säker</b>" in office  # a safe label is not escaped twice
    assert "00:30" in office  # a time in Swedish local time, as the template engine shows it
    several = ours["several"].as_widget()
    assert "multiple" in several
    assert several.count(" selected>") == 2
    assert "disabled" in ours["disabled"].as_widget()


def test_a_widgets_own_option_template_is_still_used(settings, tmp_path):
    (tmp_path / "sus_test_option.html").write_text("<option>★ {{ widget.label }}</option>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    field = forms.ChoiceField(choices=[("1", "Ett")], widget=StarredSelect)
    html = field.widget.render("f", "1", renderer=TemplatesSetting())
    assert "<option>★ Ett</option>" in html
