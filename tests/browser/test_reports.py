"""Each report shown (diagram and table) and exported to CSV and Excel, as any role may
(SPEC §7); a period that ends before it starts is refused with the error pattern; an office
comparison with one column per office; Ledtider per månad as a line diagram and a table, and a
span of more than 36 months refused."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.person import (
    answer,
    assert_error_pattern,
    checked,
    choose,
    field,
    follow,
    login,
    main,
    open_menu,
    question,
    screenshot,
)

PARTICIPANT_REPORTS = [
    "Ledtider",
    "Flöde",
    "Sysselsättning och försörjning efter samarbetet",
    "Bakgrund",
]


def shown_and_exported(page, state: str) -> None:
    expect(main(page).get_by_role("table")).to_be_visible()
    expect(main(page).locator("figure svg")).to_be_visible()  # the diagram
    checked(page, state)
    for link, suffix, starts in (
        ("Exportera till CSV", ".csv", None),
        ("Exportera till Excel", ".xlsx", b"PK"),  # a zip, as every .xlsx
    ):
        with page.expect_download() as download:
            main(page).get_by_role("link", name=link).click()
        file = download.value
        assert file.suggested_filename.endswith(suffix), file.suggested_filename
        content = Path(file.path()).read_bytes()
        assert content.startswith(starts) if starts else content.strip(), link


def test_the_standard_report_shown_exported_and_a_wrong_period_refused(page, screenshots):
    login(page, "lasare")
    open_menu(page, "Standardrapport – status")
    checked(page, "Standardrapport: urval")
    field(page, "Från och med").fill("2026-06-30")
    field(page, "Till och med").fill("2026-01-01")
    follow(page.get_by_role("button", name="Visa rapport"))
    assert_error_pattern(page)
    expect(field(page, "Från och med")).to_have_value("2026-06-30")
    checked(page, "Standardrapport: urval med fel")

    field(page, "Från och med").fill("2026-01-01")
    field(page, "Till och med").fill("2026-06-30")
    follow(page.get_by_role("button", name="Visa rapport"))
    shown_and_exported(page, "Standardrapport: rapport")
    result = main(page).get_by_role("region").filter(has=page.get_by_role("table")).first
    screenshot(page, screenshots, "standardrapport", at=result)


@pytest.mark.parametrize("report", PARTICIPANT_REPORTS)
def test_each_participant_report_shown_and_exported(page, report):
    login(page, "fk-samverkansadmin")
    open_menu(page, "Deltagarrapport Af/FK-samarbete")
    answer(page, "Rapporttyp", report)
    follow(page.get_by_role("button", name="Visa rapport"))
    expect(main(page).get_by_role("heading", level=2).first).to_be_visible()
    shown_and_exported(page, f"Deltagarrapport: {report}")


def test_an_office_comparison_one_column_per_office(page, screenshots):
    login(page, "lasare")
    open_menu(page, "Standardrapport – status")
    answer(page, "Nivå", "Marknadsområde eller verksamhetsområde")
    area = page.get_by_role("combobox", name="Marknadsområde eller verksamhetsområde")
    area.select_option(label="Marknadsområde Syd (marknadsområde)")
    choose(page, "Jämförelse mellan kontor", "Jämför arbetsförmedlingar")
    follow(page.get_by_role("button", name="Visa rapport"))
    table = main(page).get_by_role("table")
    headers = table.get_by_role("columnheader")
    expect(headers.first).to_have_text("Situation")
    expect(headers.nth(1)).to_contain_text("Arbetsförmedlingen")
    expect(table.get_by_role("rowheader", name="Aktuella deltagare")).to_have_count(1)
    expect(main(page).locator("figcaption").first).to_have_text(
        "Diagram: Antal per situation, period "
        f"{date.today().year}-01-01–{date.today().isoformat()}, nivå Marknadsområde Syd, "
        "en stapel per kontor."
    )
    shown_and_exported(page, "Standardrapport: jämförelse mellan kontor")
    screenshot(page, screenshots, "standardrapport-jamforelse", at=table)


def test_per_month_too_long_is_refused_and_a_trend_is_shown(page, screenshots):
    login(page, "fk-samverkansadmin")
    open_menu(page, "Deltagarrapport Af/FK-samarbete")
    answer(page, "Rapporttyp", "Ledtider")
    answer(page, "Visning", "Per månad")
    field(page, "Från och med").fill("2020-01-01")
    follow(page.get_by_role("button", name="Visa rapport"))
    errors = assert_error_pattern(page)
    assert any("högst 36 månader" in error for error in errors), errors
    expect(question(page, "Visning").get_by_label("Per månad")).to_be_checked()
    checked(page, "Deltagarrapport per månad: för lång period")

    today = date.today()
    back = today.year * 12 + today.month - 1 - 23  # 24 months up to this one
    field(page, "Från och med").fill(date(back // 12, back % 12 + 1, 1).isoformat())
    follow(page.get_by_role("button", name="Visa rapport"))
    caption = main(page).locator("figcaption").first
    expect(caption).to_contain_text("Median i dagar per månad")
    expect(main(page).locator("figure svg polyline").first).to_be_visible()
    expect(main(page).get_by_role("rowheader")).to_have_count(24)
    shown_and_exported(page, "Deltagarrapport: Ledtider per månad")
    result = main(page).get_by_role("region").filter(has=page.get_by_role("table")).first
    screenshot(page, screenshots, "ledtider-per-manad", at=result)
