from django.shortcuts import render


def home(request):
    """The start page. A user without any role is told so (SPEC §2.2)."""
    if not request.acting.has_any_role:
        return render(request, "no_access.html", status=403)
    return render(request, "home.html")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)
