from offices.screens import menu_for


def navigation(request):
    """The header and menu of base.html: the user's roles, uppdrag and the menu they allow."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    acting = request.acting
    return {
        "menu": menu_for(acting.roles),
        "acting": acting,
    }
