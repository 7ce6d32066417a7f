"""What a person does in SUS, in browser terms: log in, pick a menu entry, search, answer a
question, follow the error summary. Everything goes by visible labels, buttons and links."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser import axe

PASSWORD = "sus-demo-2026"  # every demo user's (README)


def follow(locator) -> None:
    """Click a link or button that loads a page, and wait until that page has arrived (the
    next look at the page must not see the one before)."""
    with locator.page.expect_navigation():
        locator.click()


def follow_key(page, key: str) -> None:
    """A key (Enter on a link or in a form) that loads a page, waiting for it."""
    with page.expect_navigation():
        page.keyboard.press(key)


def login(page, username: str) -> None:
    page.goto("/")
    expect(page).to_have_title(re.compile("^Logga in"))
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    follow(page.get_by_role("button", name="Logga in"))
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def logout(page) -> None:
    follow(page.get_by_role("button", name="Logga ut"))
    expect(page).to_have_title(re.compile("^Logga in"))


def menu(page):
    return page.get_by_role("navigation", name="Meny")


def open_menu(page, entry: str) -> None:
    follow(menu(page).get_by_role("link", name=entry, exact=True))


def search(page, personnummer: str) -> None:
    page.get_by_label("Personnummer").fill(personnummer)
    follow(page.get_by_role("button", name="Sök"))


def main(page):
    return page.get_by_role("main")


def message(page):
    """The message boxes at the top of the page (saved, refused, …)."""
    return page.locator(".sus-messages")


def field(page, label: str, *, within=None):
    """A text field, list or check box by its label (an optional one ends in "(frivillig)")."""
    return (within or page).get_by_label(
        re.compile(rf"^\s*{re.escape(label)}(?:\s+\(frivillig\))?\s*$")
    )


def choose(page, label: str, option: str, *, within=None) -> None:
    field(page, label, within=within).select_option(label=option)


def question(page, legend: str, *, within=None):
    """A group of radio buttons or check boxes by its legend (an optional one ends in
    "(frivillig)"). The innermost group: a panel of the question sets may carry the same
    heading."""
    name = re.compile(rf"^{re.escape(legend)}(?: \(frivillig\))?$")
    return (within or page).get_by_role("group", name=name).last


def answer(page, legend: str, choice: str, *, within=None) -> None:
    question(page, legend, within=within).get_by_label(choice, exact=True).check()


def tick(page, legend: str, *choices: str, within=None) -> None:
    group = question(page, legend, within=within)
    for choice in choices:
        group.get_by_label(choice, exact=True).check()


def fk_registers_t1(page, personnummer: str, *, stadsdel="Kungsholmen") -> str:
    """As fk-handlaggare: a first registration, its answers left for later. Returns today."""
    open_menu(page, "Registrera medverkan")
    search(page, personnummer)
    today = fill_t1(page, stadsdel=stadsdel)
    follow(page.get_by_role("button", name="Spara"))
    expect(page).to_have_title(re.compile("^Registrera uppgifter"))
    return today


def fill_t1(page, *, af_office="Arbetsförmedlingen Stockholm City", stadsdel="Kungsholmen"):
    """The first registration's fields for an FK caseworker at Stockholm TA; the dates stay
    at their default, today. Returns that date as the page shows it."""
    choose(page, "Arbetsförmedling", af_office)
    choose(page, "Kontor", "Stockholm TA")
    if stadsdel:
        choose(page, "Stadsdel", stadsdel)
    field(page, "Deltagaren har lämnat skriftligt samtycke").check()
    return field(page, "Datum för övergång").input_value()


def register_step(page, to_type: str, *, by: str = "FK") -> None:
    """ "Övergång till" and "Spara"; the choices say who normally registers each type."""
    choose(page, "Övergång till", f"{to_type} (registreras normalt av {by})")
    follow(page.get_by_role("button", name="Spara"))


def panel(page, heading: str):
    """A panel (fieldset) of the question sets, by its legend."""
    return page.get_by_role("group", name=heading, exact=True).first


ERROR_PATTERN = """() => {
  const text = (el) => (el ? el.textContent.replace(/\\s+/g, " ").trim() : "");
  const summary = document.getElementById("error-summary");
  const first = document.querySelector("main").firstElementChild;
  const links = summary ? [...summary.querySelectorAll("a")].map((a) => {
    const target = document.getElementById(a.getAttribute("href").slice(1));
    const described = ((target && target.getAttribute("aria-describedby")) || "")
      .split(/\\s+/).filter(Boolean).map((id) => text(document.getElementById(id)));
    return {text: text(a), href: a.getAttribute("href"), found: !!target,
            invalid: target && target.getAttribute("aria-invalid"), described};
  }) : [];
  return {title: document.title, first: first === summary,
          focused: document.activeElement === summary, links};
}"""


def assert_error_pattern(page, *, javascript=True) -> list[str]:
    """WCAG 3.3.1/3.3.3 as SUS does it: the title starts with "Fel:", the error summary is the
    first thing in the main content and has focus, one link per error to its field; the field is
    aria-invalid and described by the same text. Returns the summary's texts."""
    expect(page).to_have_title(re.compile("^Fel: "))  # also waits for the page to arrive
    page.wait_for_load_state()
    found = page.evaluate(ERROR_PATTERN)
    assert found["first"], "the error summary is not first in <main>"
    if javascript:
        assert found["focused"], "the error summary did not receive focus"
    assert found["links"], "the error summary has no link"
    for link in found["links"]:
        assert link["found"], f"{link['href']} leads nowhere"
        assert link["invalid"] == "true", f"{link['href']} is not aria-invalid"
        assert any(text and text in link["text"] for text in link["described"]), link
    if javascript:  # following a link puts the cursor in that field
        first = page.locator("#error-summary a").first
        target = first.get_attribute("href")
        first.click()
        assert page.evaluate("() => '#' + document.activeElement.id") == target
    return [link["text"] for link in found["links"]]


CONTROL_EDGES = """() => {
  const background = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      const colour = getComputedStyle(up).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
    }
    return "rgb(255, 255, 255)";
  };
  return [...document.querySelectorAll(".form-control, .form-select, .form-check-input")]
    .filter((el) => el.offsetParent !== null)
    .map((el) => ({id: el.id, edge: getComputedStyle(el).borderTopColor, around: background(el)}));
}"""


def checked(page, state: str) -> None:
    """axe-core at both widths (see tests/browser/axe.py); the edges of text fields, lists,
    radio buttons and check boxes at 3:1 against the page (1.4.11, which axe leaves out); and
    the footer's link to the Tillgänglighetsredogörelse, which every page has."""
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="Tillgänglighetsredogörelse")).to_have_count(1)
    for control in page.evaluate(CONTROL_EDGES):
        ratio = contrast(control["edge"], control["around"])
        assert ratio >= 3, f"{state}: the edge of #{control['id']} is {ratio:.2f}:1 {control}"
    axe.check(page, state)


def _luminance(colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])

    def linear(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two CSS rgb() colours."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def screenshot(page, folder: Path, name: str, *, at=None) -> None:
    """The page as a person sees it, at 1280 and 320 px, as PNG files in `folder`; scrolled so
    that the element `at` is at the top, if given. At 320 px the menu comes first and fills the
    screen, so the picture there starts at the main content (as after the skip link)."""
    before = page.viewport_size
    for width, height in ((axe.WIDE, 800), (axe.NARROW, 640)):
        page.set_viewport_size({"width": width, "height": height})
        top = at
        if top is None and width == axe.NARROW and menu(page).count():
            top = main(page)
        if top is not None:
            # instant: Bootstrap scrolls smoothly, and the picture would catch it half-way
            top.evaluate("el => el.scrollIntoView({behavior: 'instant'})")
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 0
    page.set_viewport_size(before)
