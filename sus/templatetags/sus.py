import datetime
import functools
import html
import uuid

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def forms_with_errors(context) -> list[forms.BaseForm]:
    """The bound forms of the page that have errors, in the order the view gave them.

    base.html asks once: the title then starts with "Fel:" and the error summary is drawn first
    in the main content (WCAG 3.3.1), for every form of every screen without each template
    having to remember it. A view's list of forms (the question sets) counts form by form.
    """
    found = []
    for value in context.flatten().values():
        candidates = value if isinstance(value, list | tuple) else [value]
        for candidate in candidates:
            if (
                isinstance(candidate, forms.BaseForm)
                and candidate.is_bound
                and candidate.errors
                and candidate not in found
            ):
                found.append(candidate)
    return found


# The visible fields of unbound forms that name what their rendering depends on
# (`rendering_key`), rendered once per process for each key: the new-step form of the
# participant page is the same for every participant in the same insatstyp on the same day.
_RENDERED: dict = {}
_RENDERED_MAX = 512


@register.simple_tag
def visible_fields(form: forms.BaseForm) -> str:
    """The form's visible fields as `as_crispy_field` renders them. An unbound form with a
    `rendering_key()` (every value its fields show: their choices and initial values) is
    rendered once per process for each key and language; it shows no input, no error and
    nothing else of the request. A bound form is rendered every time."""
    key = None
    if not form.is_bound and hasattr(form, "rendering_key"):
        key = (type(form), form.prefix, get_language(), form.rendering_key())
        found = _RENDERED.get(key)
        if found is not None:
            return found
    fields = "".join(str(as_crispy_field(field)) for field in form.visible_fields())
    rendered = mark_safe(fields)  # nosec B703 B308 (crispy's output, escaped by its templates)
    if key is not None:
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
        _RENDERED[key] = rendered
    return rendered


def _escaped(value) -> str:
    """`value` escaped unless already safe (as conditional_escape, without its per-call
    lazy-string checks)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _shown(value) -> str:
    """`value` as the template engine writes `{{ value }}`: in local time, localized, escaped."""
    return _escaped(localize(template_localtime(value)))


def _option_attributes(attrs: dict) -> str:
    """An option's attributes as Django's attrs.html writes them, in their order: a True value
    is a bare name, a False one is left out."""
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


DJANGO_OPTION = "django/forms/widgets/select_option.html"


def _option(option: dict) -> str:
    if option["template_name"] != DJANGO_OPTION:  # a widget's own option template
        return render_to_string(option["template_name"], {"widget": option}).strip()
    return (
        f'<option value="{_escaped(str(option["value"]))}"'
        f"{_option_attributes(option['attrs'])}>{_shown(option['label'])}</option>"
    )


def _options(group_choices) -> str:
    return "\n  ".join(_option(option) for option in group_choices)


@register.filter
def select_options(optgroups) -> str:
    """The `<optgroup>`s and `<option>`s of a select widget, written in Python: the markup of
    Django's select.html and select_option.html (value, attributes, label, each escaped), for
    lists such as the 290 kommuner, where the template's loop over the options (each a group of
    its own) and its two includes per option took most of a report form's rendering."""
    markup = "".join(
        f'\n  <optgroup label="{_shown(name)}">\n  {_options(group)}\n  </optgroup>'
        if name
        else f"\n  {_options(group)}"
        for name, group, _index in optgroups
    )
    return mark_safe(markup)  # nosec B308 B703 (every value and label is escaped)


@register.filter
def iso(value) -> str:
    """A day as ÅÅÅÅ-MM-DD, what `date:"Y-m-d"` gives, in a tenth of its time: the lists show
    one or two days on every row. A moment is shown as its day in local time; nothing as ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.isoformat()


# Stand-ins for the arguments of a reversed path: no real id has them.
_STAND_INS = {int: 987654321012, uuid.UUID: uuid.UUID("0e5a1f2c-7d3b-4c9e-8a6f-5b4d3c2e1f0a")}


@functools.lru_cache(maxsize=128)
def _path_format(name: str, prefix: str, kinds: tuple[type, ...]) -> str | None:
    """The path of the URL name with `{0}`, `{1}`, … where its arguments go, or None when the
    stand-ins do not each appear once in it (the path is then reversed for every row)."""
    stand_ins = [str(_STAND_INS[kind]) for kind in kinds]
    path = reverse(name, args=[_STAND_INS[kind] for kind in kinds])
    if any(path.count(stand_in) != 1 for stand_in in stand_ins):
        return None
    path = path.replace("{", "{{").replace("}", "}}")
    for index, stand_in in enumerate(stand_ins):
        path = path.replace(stand_in, f"{{{index}}}")
    return path


@register.simple_tag
def path_to(name: str, *args) -> str:
    """`{% url name arg … %}` for the rows of a list, whose arguments are ids (a public id or a
    number): the name is reversed once, with stand-ins, and each row's ids are put in their
    place. Reversing on every row took a third of Att göra's rendering. Any other argument
    is reversed as `{% url %}` does."""
    kinds = tuple(type(arg) for arg in args)
    if not all(kind in _STAND_INS for kind in kinds) or any(
        kind is int and arg < 0 for kind, arg in zip(kinds, args, strict=True)
    ):
        return reverse(name, args=args)
    path = _path_format(name, get_script_prefix(), kinds)
    return path.format(*args) if path is not None else reverse(name, args=args)
