"""The app by keyboard alone (WCAG 2.1.1, 2.4.3, 2.4.7): a whole registration with Tab,
Shift+Tab, Enter and Space, a visible focus indicator at every stop (3:1 against what is
around it); and text at 200 % (1.4.4) still usable without sideways scrolling."""

import re

from playwright.sync_api import expect

from tests.browser.axe import no_page_scroll
from tests.browser.person import (
    contrast,
    field,
    follow,
    follow_key,
    login,
    main,
    menu,
    open_menu,
    search,
)

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let behind = el.parentElement, background = "rgba(0, 0, 0, 0)";
  while (behind) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (!colour.startsWith("rgba(0, 0, 0, 0)") && colour !== "transparent") {
      background = colour; break;
    }
    behind = behind.parentElement;
  }
  return {
    tag: el.tagName, id: el.id, text: (el.innerText || el.value || "").trim().slice(0, 40),
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
    colour: style.outlineColor, background: background === "rgba(0, 0, 0, 0)" ?
      "rgb(255, 255, 255)" : background,
  };
}"""


def assert_focus_visible(page) -> dict:
    """The focused element has an outline of 2 px or more at 3:1 against its background."""
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] != "BODY", "focus was lost"
    assert focused["outline"] not in ("none", "hidden") and focused["width"] >= 2, focused
    assert contrast(focused["colour"], focused["background"]) >= 3, focused
    return focused


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, target, *, key="Tab", limit=60) -> int:
    """Press Tab (or Shift+Tab) until `target` has focus, checking the focus indicator at every
    stop on the way. Returns the number of presses (0 when it had focus already, as the login
    page's Användarnamn has)."""
    if is_focused(target):
        return 0
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        assert_focus_visible(page)
        if is_focused(target):
            return presses
    raise AssertionError(f"{target} not reached with {limit} × {key}")


LISA = ("19790921-9821", "Lisa Demosson")  # demo register, Göteborg, no participation yet


def test_a_registration_by_keyboard_alone(page):
    personnummer, name = LISA
    page.goto("/")
    tab_to(page, page.get_by_label("Användarnamn"))
    page.keyboard.type("fk-handlaggare")
    tab_to(page, page.get_by_label("Lösenord"))
    page.keyboard.type("sus-demo-2026")
    follow_key(page, "Enter")
    expect(page).to_have_title(re.compile("^Att göra"))

    page.keyboard.press("Tab")  # the first stop is the skip link
    skip = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    assert is_focused(skip) and assert_focus_visible(page)
    tab_to(page, menu(page).get_by_role("link", name="Registrera medverkan"))
    follow_key(page, "Enter")
    tab_to(page, field(page, "Personnummer"))
    page.keyboard.type(personnummer)
    follow_key(page, "Enter")
    expect(main(page)).to_contain_text(name)

    tab_to(page, field(page, "Arbetsförmedling"))
    page.keyboard.type("Arbetsförmedlingen Göteborg")  # a closed list jumps to what is typed
    expect(field(page, "Arbetsförmedling")).to_have_value(re.compile(r"\d+"))
    tab_to(page, field(page, "Kontor"))
    page.keyboard.press("ArrowDown")
    tab_to(page, field(page, "Stadsdel"))
    page.keyboard.press("ArrowDown")
    consent = field(page, "Deltagaren har lämnat skriftligt samtycke")
    tab_to(page, consent)
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    tab_to(page, field(page, "Stadsdel"), key="Shift+Tab")  # back, and the choice is still there
    expect(field(page, "Stadsdel")).not_to_have_value("")
    tab_to(page, page.get_by_role("button", name="Spara"))
    follow_key(page, "Enter")
    expect(page).to_have_title(re.compile("^Registrera uppgifter"))

    tab_to(page, page.get_by_role("button", name="Spara"), limit=120)
    follow_key(page, "Enter")  # nothing answered: the error summary takes focus
    expect(page).to_have_title(re.compile("^Fel: Registrera uppgifter"))
    expect(page.locator("#error-summary")).to_be_focused()
    page.keyboard.press("Tab")
    first_error = page.locator("#error-summary a").first
    assert is_focused(first_error)
    page.keyboard.press("Enter")  # the cursor goes to the first question's first choice
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked")
    assert_focus_visible(page)

    tab_to(page, main(page).get_by_role("link", name="Avbryt"), limit=120)
    follow_key(page, "Enter")
    expect(page).to_have_title(re.compile("^Registrera medverkan"))
    expect(main(page)).to_contain_text("Begäran om gemensam kartläggning")
    tab_to(page, page.get_by_role("button", name="Logga ut"), key="Shift+Tab")
    follow_key(page, "Space")
    expect(page).to_have_title(re.compile("^Logga in"))


def test_text_at_200_percent_stays_usable(page):
    """The browser's text size doubled (as a person sets it, not zoom): every page of the way
    fits the window without sideways scrolling, and the flow still works."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    login(page, "fk-handlaggare")
    size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 32, size
    no_page_scroll(page)
    open_menu(page, "Registrera medverkan")
    search(page, "19680715-9816")  # Bengt Exempelsson
    expect(main(page)).to_contain_text("Bengt Exempelsson")
    no_page_scroll(page)
    open_menu(page, "Visa deltagare")
    no_page_scroll(page)
    open_menu(page, "Deltagarrapport Af/FK-samarbete")
    follow(page.get_by_role("button", name="Visa rapport"))
    expect(main(page).get_by_role("table")).to_be_visible()
    no_page_scroll(page)
