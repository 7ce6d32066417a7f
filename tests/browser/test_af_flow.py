"""The Af caseworker's flow: a participant waiting in PAF (brought there by the FK caseworker,
answers left for later) found through "Visa deltagare", then T9 (→ ARF), T12 (→ ARL) and T13
(→ AVS) with the Avslutat answers (SPEC §4.2, §6.3)."""

import re

from playwright.sync_api import expect

from tests.browser.person import (
    answer,
    assert_error_pattern,
    checked,
    choose,
    field,
    fk_registers_t1,
    follow,
    login,
    logout,
    main,
    message,
    open_menu,
    panel,
    question,
    register_step,
    screenshot,
    tick,
)


def answer_avslutat(page) -> None:
    answer(page, "Inskriven hos Arbetsförmedlingen", "Ja")
    answer(page, "Arbetar", "Ja")
    tick(page, "Typ av arbete", "Ej subventionerat")
    field(page, "Andel av arbete").fill("75")
    answer(page, "Studerar", "Nej")
    answer(page, "Arbetssökande", "Nej")
    answer(page, "Arbetsmarknadspolitiskt program", "Nej")
    tick(page, "Försörjning", "Ingen offentlig försörjning")
    answer(page, "Fortsatt handläggning hos Försäkringskassan", "Ja")
    tick(page, "Involverade aktörer", "Arbetsgivaren")
    answer(page, "Fortsatt handläggning hos Arbetsförmedlingen", "Nej")
    answer(page, "Fortsatt stöd av kommunen", "Nej")


WAITING = ("19930306-9984", "Hanna Jansson")  # demo register, Stockholm, no participation yet


def fk_brings_to_paf(page, personnummer: str) -> None:
    login(page, "fk-handlaggare")
    fk_registers_t1(page, personnummer)
    follow(main(page).get_by_role("link", name="Avbryt"))  # the answers can wait: the participant
    register_step(page, "Gemensam kartläggning")
    register_step(page, "Planerad arbetsförberedande")
    expect(message(page)).to_contain_text("Övergången är sparad. Besvara frågorna.")
    logout(page)


def test_af_caseworker_registers_t9_t12_t13_with_the_avslutat_answers(page, screenshots):
    personnummer, name = WAITING
    fk_brings_to_paf(page, personnummer)
    login(page, "af-handlaggare")
    open_menu(page, "Visa deltagare")
    checked(page, "Visa deltagare")

    field(page, "Från och med").fill("2026-12-01")
    field(page, "Till och med").fill("2026-01-01")
    follow(page.get_by_role("button", name="Visa"))
    summary = assert_error_pattern(page)
    assert summary == ["Till och med: Till och med kan inte vara före från och med."]
    expect(field(page, "Från och med")).to_have_value("2026-12-01")
    checked(page, "Visa deltagare: urval med fel")

    field(page, "Från och med").fill("")
    field(page, "Till och med").fill("")
    choose(page, "Insatstyp", "Planerad arbetsförberedande")
    follow(page.get_by_role("button", name="Visa"))
    checked(page, "Visa deltagare: urval")
    follow(main(page).get_by_role("row").filter(has_text=name).get_by_role("link"))
    expect(page).to_have_title(re.compile("^Historik enskild deltagare"))
    follow(main(page).get_by_role("link", name="Registrera medverkan"))
    expect(main(page)).to_contain_text("Planerad arbetsförberedande")

    register_step(page, "Arbetsförberedande", by="Af")
    expect(message(page)).to_contain_text("Övergången är sparad.")
    register_step(page, "Arbetslivsinriktad", by="Af")
    expect(message(page)).to_contain_text("Övergången är sparad.")
    register_step(page, "Avslutat samarbete", by="Af")
    expect(message(page)).to_contain_text("Övergången är sparad. Besvara frågorna.")
    checked(page, "Registrera uppgifter: Avslutat")
    expect(main(page)).to_contain_text("Med direkt efter menas inom en vecka")

    answer(page, "Arbetar", "Ja")
    screenshot(page, screenshots, "registrera-uppgifter", at=panel(page, "Sysselsättning"))
    follow(page.get_by_role("button", name="Spara"))
    summary = assert_error_pattern(page)
    assert "Inskriven hos Arbetsförmedlingen: Ange ett svar." in summary
    expect(question(page, "Arbetar").get_by_label("Ja", exact=True)).to_be_checked()
    checked(page, "Registrera uppgifter: Avslutat med fel")

    answer_avslutat(page)
    follow(page.get_by_role("button", name="Spara"))
    expect(message(page)).to_contain_text("sparade")
    expect(page).to_have_title(re.compile("^Registrera medverkan"))
    expect(main(page)).to_contain_text("Medverkan är avslutad.")
    checked(page, "Registrera medverkan: avslutad")
