"""The rows of Att göra's two lists, written in one pass. The start page lists up to a hundred
participants; through the template language each row cost about as much as the rest of the
page together (a dozen variable lookups, filters and tags a row), so the rows are put together
here, every value escaped, and the tables around them stay in home.html."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from participants.personnummer import formatted
from sus.templatetags.sus import path_to
from transitions.selectors import DueStep, ListedParticipation, WaitingParticipation
from transitions.table import Insatstyp

register = template.Library()


def _who(participation: ListedParticipation) -> str:
    return escape(f"{participation.name}, {formatted(participation.personnummer)}")


def _labels() -> dict[str, str]:
    return {member.value: escape(str(member.label)) for member in Insatstyp}


@register.simple_tag
def due_rows(steps: list[DueStep]) -> str:
    """A row per step whose answers are missing: who, the step, its day, and the link to
    Registrera uppgifter (named with the participant for a screen reader)."""
    labels, action = _labels(), escape(gettext("Registrera uppgifter"))
    rows = []
    for step in steps:
        participation = step.participation
        path = path_to("transitions:answers", participation.public_id, step.sequence)
        rows.append(
            f"<tr><td>{_who(participation)}</td><td>{labels[step.to_type]}</td>"
            f"<td>{step.date.isoformat()}</td>"
            f'<td><a href="{escape(path)}?fran=att-gora">{action}<span class="visually-hidden">'
            f" – {escape(participation.name)}</span></a></td></tr>"
        )
    return mark_safe("\n".join(rows))  # nosec B308 B703: every value escaped above


@register.simple_tag
def waiting_rows(waiting: list[WaitingParticipation]) -> str:
    """A row per participant waiting too long: who (a link to the participant page), the
    insatstyp, and since when."""
    labels = _labels()
    rows = []
    for row in waiting:
        path = path_to("transitions:participation", row.participation.public_id)
        rows.append(
            f'<tr><td><a href="{escape(path)}">{_who(row.participation)}</a></td>'
            f"<td>{labels[row.current_type]}</td><td>{row.current_since.isoformat()}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # nosec B308 B703: every value escaped above
