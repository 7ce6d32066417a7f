"""Each report shown (diagram and table) and exported to CSV and Excel, as any role may
(SPEC §7); a period that ends before it starts is refused with the error pattern."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.person import (
    answer,
    assert_error_pattern,
    checked,
    field,
    follow,
    login,
    main,
    open_menu,
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
