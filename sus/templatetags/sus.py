from django import template

from participants.personnummer import formatted

register = template.Library()


@register.inclusion_tag("_error_summary.html")
def error_summary(*forms):
    """The error summary of forms and lists of forms: {% error_summary form other_forms %}."""
    flat = []
    for item in forms:
        flat.extend(item if isinstance(item, list | tuple) else [item])
    return {"forms_with_errors": [form for form in flat if getattr(form, "errors", None)]}


@register.simple_tag
def personnummer(value: str | None) -> str:
    """12 stored digits shown as ÅÅÅÅMMDD-NNNN."""
    return formatted(value)
