from django import forms, template

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
