"""Each demo role logs in and sees its own menu (SPEC §5, README's demo users); the login page,
its refusal, the refusal of a participant of another office and the error pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.person import (
    assert_error_pattern,
    checked,
    follow,
    login,
    logout,
    main,
    menu,
    open_menu,
    screenshot,
    search,
)
from tests.sus.test_menu import ADMIN_MENU, CASEWORKER_MENU, READER_MENU

# The menus of SPEC §5, as the test-client test of the menu expects them.
MENUS = {
    "fk-handlaggare": CASEWORKER_MENU,
    "af-handlaggare2": CASEWORKER_MENU,
    "fk-insatsansvarig": ADMIN_MENU,
    "af-samverkansadmin": ADMIN_MENU,
    "lasare": READER_MENU,
}


def menu_shown(page) -> dict[str, list[str]]:
    shown = {}
    nav = menu(page)
    for heading in nav.get_by_role("heading").all():
        entries = heading.locator("xpath=following-sibling::ul[1]").get_by_role("link")
        shown[heading.text_content().strip()] = [
            link.text_content().strip() for link in entries.all()
        ]
    return shown


@pytest.mark.parametrize("username", MENUS)
def test_each_role_sees_its_own_menu(page, username, screenshots):
    login(page, username)
    assert menu_shown(page) == MENUS[username]
    checked(page, f"Startsida ({username})")
    if username == "fk-handlaggare":
        expect(page.get_by_role("heading", level=1)).to_have_text("Att göra")
        screenshot(page, screenshots, "att-gora")
    for entries in MENUS[username].values():  # every entry opens its page
        for entry in entries:
            open_menu(page, entry)
            expect(page).to_have_title(re.compile(f"^{re.escape(entry)}"))
            expect(menu(page).get_by_role("link", name=entry, exact=True)).to_have_attribute(
                "aria-current", "page"
            )


def test_a_user_without_role_is_told_so(page):
    login(page, "admin")  # superuser: Django admin only, no SUS role
    expect(page.get_by_role("heading", level=1)).to_have_text("Du saknar behörighet till SUS")
    assert menu_shown(page) == {"System": ["Administration"]}
    checked(page, "Behörighet saknas (ingen roll)")


def test_login_refused_then_accepted_and_logout(page, screenshots):
    page.goto("/")
    checked(page, "Logga in")
    screenshot(page, screenshots, "logga-in")
    follow(page.get_by_role("button", name="Logga in"))
    assert_error_pattern(page)
    checked(page, "Logga in: tomma fält")
    page.get_by_label("Användarnamn").fill("fk-handlaggare")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    follow(page.get_by_role("button", name="Logga in"))
    expect(page).to_have_title(re.compile("^Fel: Logga in"))
    expect(page.locator("#error-summary")).to_contain_text("Fel användarnamn eller lösenord")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label("Användarnamn")).to_have_value("fk-handlaggare")
    checked(page, "Logga in: fel lösenord")
    login(page, "fk-handlaggare")
    logout(page)
    expect(main(page)).to_contain_text("Logga in")


def test_a_participant_of_another_office_is_refused_and_nothing_is_shown(page):
    login(page, "fk-handlaggare2")  # Göteborg TA; Bengt Exempelsson is at Stockholm TA
    open_menu(page, "Registrera medverkan")
    search(page, "19680715-9816")
    expect(page.get_by_role("heading", level=1)).to_have_text("Behörighet saknas")
    expect(main(page)).to_contain_text("Du saknar uppdrag i organisation")
    expect(main(page)).not_to_contain_text("Bengt")
    checked(page, "Behörighet saknas (deltagare på annat kontor)")


def test_error_pages(page):
    login(page, "lasare")
    page.goto("/uppdrag/")  # an insatsansvarig's page, typed by a reader
    expect(page.get_by_role("heading", level=1)).to_have_text("Åtkomst nekad")
    checked(page, "403 Åtkomst nekad")
    page.goto("/finns-inte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    checked(page, "404 Sidan finns inte")
    follow(main(page).get_by_role("link", name="Till startsidan"))
    expect(page).to_have_title(re.compile("^Startsida"))
