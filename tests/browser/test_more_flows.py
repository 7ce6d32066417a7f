"""Protected identity → anonymous registration; "Byt kontor" through the warning step, after
which the caseworker is refused; an insatsansvarig gives an uppdrag (SPEC §3, §5.5, §5.6)."""

import re

from playwright.sync_api import expect

from tests.browser.person import (
    assert_error_pattern,
    checked,
    choose,
    field,
    fk_registers_t1,
    follow,
    login,
    main,
    message,
    open_menu,
    search,
)


def test_a_protected_person_is_registered_as_anonymous(page):
    login(page, "fk-handlaggare")
    open_menu(page, "Registrera medverkan")
    search(page, "19920204-9848")  # Moa Skyddadsson, protected identity
    expect(page.get_by_role("heading", level=1)).to_have_text("Skyddade personuppgifter")
    expect(main(page)).not_to_contain_text("Moa")
    checked(page, "Skyddade personuppgifter")

    follow(main(page).get_by_role("link", name="Registrera anonyma deltagare"))
    checked(page, "Registrera anonyma deltagare")
    field(page, "År").fill("")
    follow(page.get_by_role("button", name="Spara"))
    summary = assert_error_pattern(page)
    assert any(text.startswith("År:") for text in summary)
    checked(page, "Registrera anonyma deltagare: fel")

    choose(page, "Arbetsförmedling", "Arbetsförmedlingen Stockholm City")
    choose(page, "Kontor", "Stockholm TA")
    field(page, "År").fill("2026")
    field(page, "Antal kvinnor").fill("1")
    follow(page.get_by_role("button", name="Spara"))
    expect(message(page)).to_contain_text("De anonyma deltagarna är registrerade.")
    checked(page, "Registrera anonyma deltagare: sparad")


MOVED = ("20020408-9981", "Kerstin Olsson")  # demo register, Trollhättan, no participation yet


def test_byt_kontor_through_the_warning_after_which_the_caseworker_is_refused(page):
    personnummer, name = MOVED
    login(page, "fk-handlaggare")
    today = fk_registers_t1(page, personnummer, stadsdel=None)

    open_menu(page, "Byt kontor")
    checked(page, "Byt kontor: sök")
    search(page, personnummer)
    expect(main(page)).to_contain_text(name)
    checked(page, "Byt kontor: välj kontor")
    # the current offices are chosen already
    expect(field(page, "Kontor")).to_have_value(re.compile(r"^\d+$"))
    follow(page.get_by_role("button", name="Byt kontor"))
    summary = assert_error_pattern(page)
    assert "Datum för flytt: Ange datum för flytt." in summary
    checked(page, "Byt kontor: fel")

    choose(page, "Verksamhetsområde", "Verksamhetsområde Väst")
    field(page, "Datum för flytt").fill(today)
    follow(page.get_by_role("button", name="Filtrera"))  # keeps the date typed
    expect(field(page, "Datum för flytt")).to_have_value(today)
    checked(page, "Byt kontor: filtrerat")
    choose(page, "Arbetsförmedling", "Arbetsförmedlingen Göteborg")
    choose(page, "Kontor", "Göteborg TA")
    follow(page.get_by_role("button", name="Byt kontor"))
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Kontrollera att du valt rätt kontor")
    expect(warning).to_contain_text("Göteborg TA")
    checked(page, "Byt kontor: varning")
    follow(page.get_by_role("button", name="Avbryt"))  # back with the choices kept
    expect(field(page, "Kontor")).to_have_value(re.compile(r"^\d+$"))
    expect(field(page, "Datum för flytt")).to_have_value(today)
    follow(page.get_by_role("button", name="Byt kontor"))
    follow(page.get_by_role("button", name="OK"))
    expect(message(page)).to_contain_text("Du har inte längre behörighet till deltagaren.")
    checked(page, "Byt kontor: genomfört")

    open_menu(page, "Historik enskild deltagare")
    search(page, personnummer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Behörighet saknas")
    expect(main(page)).not_to_contain_text(name)


def test_an_insatsansvarig_gives_an_uppdrag(page):
    login(page, "fk-insatsansvarig")
    open_menu(page, "Tilldela uppdrag")
    checked(page, "Tilldela uppdrag")
    choose(page, "Insatsnamn", "Kista TA")
    follow(page.get_by_role("button", name="Visa"))
    expect(main(page)).to_contain_text("Uppdrag som deltagaransvarig på Kista TA")
    checked(page, "Tilldela uppdrag: kontor valt")

    field(page, "Förnamn").fill("Gus*")
    follow(page.get_by_role("button", name="Sök"))
    page.get_by_label("Gustav").check()
    checked(page, "Tilldela uppdrag: sökresultat")
    follow(page.get_by_role("button", name="Välj användare"))
    expect(page.get_by_role("status")).to_contain_text("Gustav Lindqvist")
    checked(page, "Tilldela uppdrag: bekräfta")
    follow(page.get_by_role("button", name="OK"))
    expect(message(page)).to_contain_text("Uppdragen är sparade: 1 tillagt, 0 avslutade.")
    expect(main(page)).to_contain_text(re.compile(r"Gustav Lindqvist \(Försäkringskassan\)"))
    checked(page, "Tilldela uppdrag: sparat")
