"""The FK caseworker's main flow (SPEC §5.1, §5.2): T1 with stadsdel and consent, the Begäran
answers, T2, T3 with the Avslut GK answers; then "Radera" of the latest step. Once with
JavaScript, once without (WCAG 4.1/SC 2.1.1 in practice: nothing depends on scripts)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.person import (
    answer,
    assert_error_pattern,
    checked,
    choose,
    field,
    fill_t1,
    follow,
    login,
    main,
    message,
    open_menu,
    panel,
    question,
    register_step,
    screenshot,
    search,
    tick,
)

# Fictitious people of the demo register with no participation yet, both in Stockholm.
PEOPLE = {True: ("19850312-9804", "Elsa Provsson"), False: ("20040421-9859", "Karl Berglund")}


def answer_begaran(page) -> None:
    answer(page, "Initierad av", "Försäkringskassan")
    answer(page, "Anställd", "Nej")
    answer(page, "Eget företag", "Nej")
    answer(page, "Inskriven hos Arbetsförmedlingen", "Ja")
    answer(page, "Arbetar", "Arbetar ej")
    answer(page, "Studerar", "Nej")
    answer(page, "Arbetssökande", "Ja")
    field(page, "Andel arbetssökande").fill("50")
    answer(page, "Arbetsmarknadspolitiskt program", "Nej")
    tick(page, "Försörjning", "Sjukpenning")
    choose(page, "Tid med offentlig försörjning", "1–2 år")
    choose(page, "Utbildningsnivå", "Gymnasial")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_fk_caseworker_registers_t1_t2_t3_with_answers_and_deletes_the_latest(
    new_page, javascript, screenshots
):
    page = new_page(javascript=javascript)
    check = checked if javascript else (lambda page, state: None)
    personnummer, name = PEOPLE[javascript]
    login(page, "fk-handlaggare")
    open_menu(page, "Registrera medverkan")
    check(page, "Registrera medverkan: sök")

    search(page, personnummer)
    expect(main(page)).to_contain_text(name)
    check(page, "Registrera medverkan: ny medverkan")

    follow(page.get_by_role("button", name="Spara"))  # nothing chosen yet
    if javascript:
        screenshot(page, screenshots, "registrera-medverkan-fel")
    summary = assert_error_pattern(page, javascript=javascript)
    assert any(text.startswith("Stadsdel:") for text in summary)
    check(page, "Registrera medverkan: ny medverkan med fel")

    fill_t1(page)
    follow(page.get_by_role("button", name="Spara"))
    expect(message(page)).to_contain_text("Deltagaren är registrerad. Besvara frågorna.")
    expect(page).to_have_title(re.compile("^Registrera uppgifter"))
    check(page, "Registrera uppgifter: Begäran")

    follow(page.get_by_role("button", name="Spara"))  # no answers
    summary = assert_error_pattern(page, javascript=javascript)
    assert "Initierad av: Ange ett svar." in summary
    check(page, "Registrera uppgifter: Begäran med fel")

    answer_begaran(page)
    field(page, "Andel arbetssökande").fill("150")  # kept, and refused
    follow(page.get_by_role("button", name="Spara"))
    assert_error_pattern(page, javascript=javascript)
    expect(field(page, "Andel arbetssökande")).to_have_value("150")
    expect(question(page, "Initierad av").get_by_label("Försäkringskassan")).to_be_checked()
    field(page, "Andel arbetssökande").fill("50")
    follow(page.get_by_role("button", name="Spara"))
    expect(message(page)).to_contain_text("sparade")
    expect(page).to_have_title(re.compile("^Registrera medverkan"))  # the next step is here
    check(page, "Registrera medverkan: uppgifter sparade, ny övergång")

    register_step(page, "Gemensam kartläggning")
    expect(message(page)).to_contain_text("Övergången är sparad.")
    check(page, "Registrera medverkan: övergång sparad")

    register_step(page, "Planerad arbetsförberedande")
    expect(message(page)).to_contain_text("Övergången är sparad. Besvara frågorna.")
    expect(page).to_have_title(re.compile("^Registrera uppgifter"))
    gk = panel(page, "Avslut gemensam kartläggning")
    field(page, "Antal möten inom gemensam kartläggning", within=gk).fill("3")
    answer(page, "Sjukskriven vid avslut", "Ja", within=gk)
    check(page, "Registrera uppgifter: Avslut GK")
    follow(page.get_by_role("button", name="Spara"))
    expect(message(page)).to_contain_text("sparade")
    expect(page).to_have_title(re.compile("^Registrera medverkan"))
    expect(main(page)).to_contain_text("Planerad arbetsförberedande")
    if javascript:
        screenshot(page, screenshots, "deltagare")

    follow(main(page).get_by_role("link", name="Historik enskild deltagare"))
    check(page, "Historik enskild deltagare")
    if javascript:
        screenshot(page, screenshots, "historik")
    follow(main(page).get_by_role("link", name="Registrera medverkan"))

    radera = re.compile("^Radera övergången till Planerad arbetsförberedande")
    follow(page.get_by_role("link", name=radera))
    expect(main(page)).to_contain_text("Vill du radera övergången från Gemensam kartläggning")
    check(page, "Radera övergång: bekräfta")
    follow(page.get_by_role("button", name=radera))
    expect(message(page)).to_contain_text("Övergången är raderad.")
    expect(field(page, "Övergång till")).to_contain_text("Planerad arbetsförberedande")
