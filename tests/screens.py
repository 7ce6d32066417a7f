"""Helpers for the test-client tests of the caseworker screens: read a page as a user would
(its text, its links, the hidden fields of its form) and send a form the way a browser does,
one-time token included."""

import html
import re

from offices.models import Agency, Role
from tests.builders import register_person, start
from tests.factories import UserFactory, grant

NO_UPPDRAG = (
    "Du saknar uppdrag i organisation (kontor eller Arbetsförmedling) som ansvarar för denna "
    "deltagare. Du får därför inte se uppgifter om denna deltagare."
)
ALREADY_SUBMITTED = "Formuläret har redan skickats. Ingenting registrerades en gång till."
STALE = (
    "Deltagarens uppgifter har ändrats av någon annan sedan du hämtade dem. Ingenting sparades. "
    "Kontrollera uppgifterna nedan och försök igen."
)
ERROR_SUMMARY = "Det finns fel i formuläret"

LABELS = {
    "BGK": "Begäran om gemensam kartläggning",
    "GK": "Gemensam kartläggning",
    "PAF": "Planerad arbetsförberedande",
    "PAL": "Planerad arbetslivsinriktad",
    "ARF": "Arbetsförberedande",
    "ARL": "Arbetslivsinriktad",
    "AVS": "Avslutat samarbete",
    "AVB": "Avbrutet samarbete",
    "KS": "Konsultativt stöd",
}

_INPUT = re.compile(r"<input\b[^>]*>", re.S)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_SELECT = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r'<option value="([^"]*)"[^>]*>(.*?)</option>', re.S)
_HREF = re.compile(r'(?:href|action)="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def text(response) -> str:
    """The page as a user reads it: entities decoded, markup kept (for "in" checks)."""
    return html.unescape(response.content.decode())


def visible_text(response) -> str:
    """The page without markup, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", response.content.decode())).split())


def hidden_fields(response) -> dict[str, str]:
    """The hidden inputs of the page's forms (one-time token, expected sequence, …)."""
    fields = {}
    for tag in _INPUT.findall(response.content.decode()):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get("type") == "hidden" and attributes.get("name") != "csrfmiddlewaretoken":
            fields[attributes["name"]] = html.unescape(attributes.get("value", ""))
    return fields


def options(response, name: str) -> dict[str, str]:
    """The choices of a <select>: value → visible text (the empty "Välj…" choice left out)."""
    for select_name, body in _SELECT.findall(response.content.decode()):
        if select_name == name:
            return {
                value: " ".join(html.unescape(label).split())
                for value, label in _OPTION.findall(body)
                if value
            }
    raise AssertionError(f"no <select name={name!r}> on the page")


def links(response) -> list[str]:
    """Every href and form action of the page."""
    return [html.unescape(url) for url in _HREF.findall(response.content.decode())]


def submit(client, url: str, data: dict, *, follow: bool = False):
    """GET the page, then POST its form with the hidden fields it carried plus `data`."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return client.post(url, {**hidden_fields(page), **data}, follow=follow)


def search(client, url: str, personnummer: str, *, follow: bool = False):
    """ "Personnummer" + "Sök" (the searches are posted, never put in a URL)."""
    return client.post(url, {"personnummer": personnummer}, follow=follow)


def messages_shown(response) -> list[str]:
    """The texts of the message boxes (Django messages) at the top of a rendered page."""
    page = text(response)
    opening = '<div class="sus-messages">'
    if opening not in page:
        return []
    rest = page[page.index(opening) + len(opening) :]
    shown = []
    while found := re.match(r'\s*<div class="alert[^"]*" role="\w+">(.*?)</div>', rest, re.S):
        shown.append(" ".join(_TAG.sub(" ", found.group(1)).split()))
        rest = rest[found.end() :]
    return shown


def field_errors(response, field_id: str) -> list[str]:
    """The messages shown at one field (crispy-forms' invalid-feedback next to the input)."""
    page = text(response)
    found = re.findall(
        rf'<(?:span|p|div) id="error_\d+_{re.escape(field_id)}"[^>]*>(.*?)</(?:span|p|div)>',
        page,
        re.S,
    )
    return [" ".join(_TAG.sub(" ", message).split()) for message in found]


def error_summary(response) -> list[tuple[str, str]]:
    """The error summary at the top: (link target, text) per error; target "" when unlinked."""
    page = text(response)
    block = re.search(r'<div class="alert alert-danger sus-error-summary".*?</ul>', page, re.S)
    if block is None:
        return []
    items = []
    for item in re.findall(r"<li>(.*?)</li>", block.group(0), re.S):
        target = re.search(r'href="([^"]*)"', item)
        items.append((target.group(1) if target else "", " ".join(_TAG.sub(" ", item).split())))
    return items


def personal_data_of(participation) -> list[str]:
    """The strings that would betray the participant: name and personnummer in every form."""
    person = participation.person
    pnr = person.personnummer
    return [
        person.first_name,
        person.last_name,
        pnr,
        pnr[2:],
        f"{pnr[:8]}-{pnr[8:]}",
        f"{pnr[2:8]}-{pnr[8:]}",
    ]


def assert_nothing_about(response, participation) -> None:
    page = text(response)
    for secret in personal_data_of(participation):
        assert secret not in page, secret


def assert_refused(response, participation=None) -> None:
    """The refusal of SPEC §5.1: the exact message, status 403, nothing about the person."""
    assert response.status_code == 403
    assert NO_UPPDRAG in visible_text(response)
    if participation is not None:
        assert_nothing_about(response, participation)


# --- a persona and participants beyond tests/conftest.py -----------------------------------


def no_uppdrag_caseworker():
    """A deltagaransvarig without any uppdrag (the role, but no office)."""
    user = UserFactory(username="fk-utan-uppdrag", agency=Agency.FK)
    return grant(user, Role.DELTAGARANSVARIG)


def new_person(**kwargs):
    """A fictitious person in the population register (Malmö unless told)."""
    kwargs.setdefault("first_name", "Sigrid")
    kwargs.setdefault("last_name", "Provdotter")
    return register_person(**kwargs)


def started(actor, af_office, fk_office, *, date, **person):
    """A participation started through the services for a new person."""
    return start(actor, af_office, fk_office, date=date, person=new_person(**person))
