from django import template

from participants.personnummer import formatted

register = template.Library()


@register.simple_tag
def personnummer(value: str | None) -> str:
    """12 stored digits shown as ÅÅÅÅMMDD-NNNN."""
    return formatted(value)
