from django import template

register = template.Library()


@register.inclusion_tag("_error_summary.html")
def error_summary(*forms):
    """The error summary of forms and lists of forms: {% error_summary form other_forms %}."""
    flat = []
    for item in forms:
        flat.extend(item if isinstance(item, list | tuple) else [item])
    return {"forms_with_errors": [form for form in flat if getattr(form, "errors", None)]}
