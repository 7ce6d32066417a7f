"""The two template helpers of the lists' rows give exactly what Django's own would: `iso` what
`date:"Y-m-d"` gives, `path_to` what `{% url %}` gives, also under a script prefix (the app
served below a path) and for arguments it does not fill in itself."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from sus.templatetags.sus import iso, path_to

PUBLIC_ID = uuid.UUID("3f2b8c1e-9d4a-4e7b-a1c2-6d5e4f3a2b1c")


def rendered(source: str, **context) -> str:
    return Template("{% load sus %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2026, 1, 5),
        datetime.date(1999, 12, 31),
        datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC),  # 2 March in Stockholm
        datetime.datetime(2026, 3, 1, 0, 30, tzinfo=ZoneInfo("Europe/Stockholm")),
        None,
        "",
    ],
)
def test_iso_shows_what_the_date_filter_shows(value):
    assert rendered("{{ v|iso }}", v=value) == rendered('{{ v|date:"Y-m-d" }}', v=value)


def test_iso_leaves_the_default_for_no_day():
    assert rendered('{{ v|iso|default:"–" }}', v=None) == "–"
    assert iso(datetime.date(2026, 2, 20)) == "2026-02-20"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("transitions:participation", [PUBLIC_ID]),
        ("transitions:history-detail", [PUBLIC_ID]),
        ("transitions:answers", [PUBLIC_ID, 3]),
        ("transitions:answers", [PUBLIC_ID, 987654321012]),  # the stand-in's own number
        ("transitions:answers", [PUBLIC_ID, "7"]),  # not an id: reversed as {% url %} does
        ("transitions:anonymous-delete", [0]),
    ],
)
def test_path_to_gives_the_path_url_gives(name, args):
    assert path_to(name, *args) == reverse(name, args=args)
    source = "{% path_to name a b %}" if len(args) == 2 else "{% path_to name a %}"
    expected = "{% url name a b %}" if len(args) == 2 else "{% url name a %}"
    values = dict(zip(["a", "b"], args, strict=False))
    assert rendered(source, name=name, **values) == rendered(expected, name=name, **values)


def test_path_to_follows_the_script_prefix():
    try:
        set_script_prefix("/sus/")
        assert path_to("transitions:participation", PUBLIC_ID) == reverse(
            "transitions:participation", args=[PUBLIC_ID]
        )
        assert path_to("transitions:participation", PUBLIC_ID).startswith("/sus/medverkan/")
    finally:
        set_script_prefix("/")
    assert path_to("transitions:participation", PUBLIC_ID).startswith("/medverkan/")


def test_path_to_refuses_what_url_refuses():
    with pytest.raises(NoReverseMatch):
        path_to("transitions:answers", PUBLIC_ID, -1)
    with pytest.raises(NoReverseMatch):
        path_to("transitions:participation", 12)
