"""The form fields of `_fields.html` (`visible_fields`): exactly what crispy-forms renders for
each visible field; an unbound form that names what its fields show (`rendering_key`, the
new-step form) is rendered once per process for each key, a bound one every time, with the
user's input and errors."""

import datetime

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.template import Context, Template
from django.utils import translation

from sus.templatetags import sus as tags
from transitions.forms import TransitionForm

DAY = datetime.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def nothing_kept():
    tags._RENDERED.clear()
    yield
    tags._RENDERED.clear()


def crispy(form) -> str:
    return "".join(str(as_crispy_field(field)) for field in form.visible_fields())


def shown(form) -> str:
    return Template("{% load sus %}{% visible_fields form %}").render(Context({"form": form}))


def step_form(current_type="BGK", data=None, day=DAY) -> TransitionForm:
    return TransitionForm(data, current_type=current_type, initial={"date": day})


def test_an_unbound_step_form_is_what_crispy_renders_first_and_when_kept():
    assert shown(step_form()) == crispy(step_form())
    assert len(tags._RENDERED) == 1
    assert shown(step_form()) == crispy(step_form())  # from what was kept
    assert len(tags._RENDERED) == 1


def test_the_kept_fields_follow_the_insatstyp_the_day_and_the_language():
    first = shown(step_form("BGK"))
    other_type = shown(step_form("GK"))
    assert other_type != first and other_type == crispy(step_form("GK"))
    next_day = shown(step_form(day=DAY + datetime.timedelta(days=1)))
    assert "2026-11-03" in next_day and "2026-11-02" not in next_day
    with translation.override("en"):
        assert shown(step_form()) == crispy(step_form())
    assert len(tags._RENDERED) == 4


def test_a_bound_form_is_rendered_with_its_input_and_errors_and_not_kept():
    form = step_form(data={"to_type": "", "date": "2026-13-40", "form_token": "x"})
    form.is_valid()
    html = shown(form)
    assert html == crispy(form)
    assert "2026-13-40" in html and "is-invalid" in html
    assert tags._RENDERED == {}
