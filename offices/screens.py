"""Every screen of SUS, the roles that may open it and where it sits in the menu (SPEC §5).

One table: the menu is drawn from it and `screen_required` guards the views with it, so a menu
entry and the page behind it can never disagree about who may use it.
"""

from dataclasses import dataclass
from functools import lru_cache, wraps

from django.core.exceptions import PermissionDenied
from django.urls import get_script_prefix, get_urlconf, reverse

from offices.models import Role

ALL_ROLES = frozenset(Role.values)
CASEWORKER = frozenset({Role.DELTAGARANSVARIG})
UPPDRAG_ADMINS = frozenset({Role.INSATSANSVARIG, Role.SAMVERKANSADMINISTRATOR})


@dataclass(frozen=True)
class Screen:
    url_name: str
    label: str
    roles: frozenset[str]
    group: str | None = None  # menu group; None = not in the menu


MENU_GROUPS = ("Af/FK-samarbete", "Insats", "Rapporter")

SCREENS: tuple[Screen, ...] = (
    Screen("home", "Startsida", ALL_ROLES),
    # The caseworker's start page in the menu too; screen("home") finds the entry above.
    Screen("home", "Att göra", CASEWORKER, "Af/FK-samarbete"),
    Screen("transitions:register", "Registrera medverkan", CASEWORKER, "Af/FK-samarbete"),
    Screen("transitions:history", "Historik enskild deltagare", CASEWORKER, "Af/FK-samarbete"),
    Screen("transitions:list", "Visa deltagare", CASEWORKER, "Af/FK-samarbete"),
    Screen("transitions:move", "Byt kontor", CASEWORKER, "Af/FK-samarbete"),
    Screen("transitions:anonymous", "Registrera anonyma deltagare", CASEWORKER, "Af/FK-samarbete"),
    Screen("transitions:answers", "Registrera uppgifter", CASEWORKER),
    Screen("offices:assign", "Tilldela uppdrag", UPPDRAG_ADMINS, "Insats"),
    Screen("reports:standard", "Standardrapport – status", ALL_ROLES, "Rapporter"),
    Screen("reports:participants", "Deltagarrapport Af/FK-samarbete", ALL_ROLES, "Rapporter"),
)


def screen(url_name: str) -> Screen:
    for candidate in SCREENS:
        if candidate.url_name == url_name:
            return candidate
    raise KeyError(url_name)


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    url_name: str


def menu_for(roles: frozenset[str]) -> tuple[tuple[str, tuple[MenuEntry, ...]], ...]:
    """The menu the roles allow, built once per process for each set of roles (and script
    prefix and URLconf, for the addresses)."""
    return _menu(frozenset(roles), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=64)
def _menu(roles: frozenset[str], _prefix: str, _urlconf) -> tuple:
    menu = []
    for group in MENU_GROUPS:
        entries = tuple(
            MenuEntry(s.label, reverse(s.url_name), s.url_name)
            for s in SCREENS
            if s.group == group and s.roles & roles
        )
        if entries:
            menu.append((group, entries))
    return tuple(menu)


def screen_required(url_name: str):
    """Refuse the view to users without one of the screen's roles (deny by default)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.acting.has_role(*screen(url_name).roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.sus_screen = url_name
        return wrapped

    return decorator
