"""The Tillgänglighetsredogörelse: reached from every page's footer (checked on every page of
the suite by `checked`), without logging in too, in the parts DIGG's model prescribes."""

import re

from playwright.sync_api import expect

from tests.browser.person import checked, follow, login, main, screenshot

DIGG_PARTS = [
    "Hur tillgänglig är tjänsten?",
    "Vad kan du göra om du inte kan använda delar av tjänsten?",
    "Rapportera brister i tjänstens tillgänglighet",
    "Tillsyn",
    "Teknisk information om tjänstens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Hur vi testat tjänsten",
]


def open_statement(page) -> None:
    follow(page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse"))
    expect(page).to_have_title(re.compile("^Tillgänglighetsredogörelse"))


def test_the_statement_is_open_without_login_and_has_digg_parts(page, screenshots):
    page.goto("/")
    open_statement(page)
    headings = [h.strip() for h in main(page).get_by_role("heading").all_text_contents()]
    assert headings[0] == "Tillgänglighet för SUS Af/FK-samarbete"
    assert [part for part in DIGG_PARTS if part not in headings] == []
    expect(main(page)).to_contain_text("delvis förenlig med lagen")
    expect(main(page).get_by_role("link", name="kontakta Digg och påtala det")).to_have_attribute(
        "href", "https://www.digg.se/tdosanmalan"
    )
    checked(page, "Tillgänglighetsredogörelse (utloggad)")
    screenshot(page, screenshots, "tillganglighetsredogorelse")


def test_the_statement_from_the_footer_of_a_logged_in_page(page):
    login(page, "af-handlaggare")
    open_statement(page)
    expect(page.get_by_role("navigation", name="Meny")).to_be_visible()
    checked(page, "Tillgänglighetsredogörelse (inloggad)")
