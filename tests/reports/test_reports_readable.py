"""Reports a manager can read: diagrams in words that say what they show, an office comparison
with one column per office, and files whose head and name say what they hold."""

import re

import pytest
from django.urls import reverse

from tests.reports.test_reports_views import PERIOD, csv_file, excel_file, page_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def page(client, url_name="reports:participants", **params) -> str:
    response = client.get(reverse(url_name), {**PERIOD, **params})
    assert response.status_code == 200
    return response.content.decode()


def svg_texts(content: str) -> list[str]:
    svg = content[content.index("<svg") : content.index("</svg>")]
    return re.findall(r"<text [^>]*>([^<]*)</text>", svg)


def test_diagram_labels_are_words_not_codes(reader_client, history):
    flow = " ".join(svg_texts(page(reader_client, report_type="FLODE")))
    assert "Ny medverkan → Begäran om gemensam" in flow  # wrapped over two lines
    assert "→ BGK" not in flow and "– →" not in flow
    lead_times = svg_texts(page(reader_client, report_type="LEDTIDER"))
    assert "Begäran om gemensam kartläggning" in lead_times
    assert not {"BGK", "GK", "PAF", "BGK → GK", "GK → ARF/ARL"} & set(lead_times)
    # no label is cut off: every word of the longest label is drawn
    assert "…" not in " ".join(lead_times)


@pytest.mark.parametrize(
    ("params", "says"),
    [
        (
            {"report_type": "LEDTIDER"},
            "Diagram: Median i dagar per insatstyp eller steg, period 2026-01-01–2026-06-30, "
            "nivå Riket.",
        ),
        (
            {"report_type": "FLODE", "level": "OMRADE", "area": "mo_syd", "sex": "UPPDELAT"},
            "Diagram: Antal per övergång, period 2026-01-01–2026-06-30, nivå Marknadsområde "
            "Syd, uppdelat på kön.",
        ),
        (
            {"report_type": "EFTER", "compare": "FK", "start": "2026-04-01", "end": ""},
            "Diagram: Antal per situation efter samarbetet, period den 2026-04-01, nivå Riket, "
            "en stapel per kontor.",
        ),
    ],
)
def test_each_diagram_says_what_it_shows(reader_client, history, params, says):
    if "area" in params:
        params = {**params, "area": history.areas[params["area"]].pk}
    content = page(reader_client, **params)
    caption = re.search(r'<figcaption[^>]*id="report-chart-caption">([^<]*)</figcaption>', content)
    assert caption.group(1) == says
    assert f'<title id="report-chart-title">{says.removeprefix("Diagram: ")}</title>' in content


def test_an_office_comparison_has_one_column_per_office(reader_client, history):
    content = page(reader_client, report_type="LEDTIDER", compare="AF")
    offices = ["Af Lund", "Af Malmö", "Af Umeå"]
    for office in offices:
        assert (
            f'<th scope="colgroup" colspan="3" class="text-center report-group-head">{office}</th>'
        ) in content
    rows = page_rows(content)
    assert rows[0] == ["Insatstyp eller steg", *offices]
    assert rows[1] == ["Antal", "Median (dagar)", "Medelvärde (dagar)"] * 3
    gk = next(row for row in rows if row[0] == "Gemensam kartläggning")
    # Lund: C 54 → <5; Malmö: A 30, B 30 → <5; Umeå: I 10, F 70 → <5 (each too few to show)
    assert gk == ["Gemensam kartläggning", *["<5", "..", ".."] * 3]
    # one row per measure, not one per office and measure
    assert len(rows) == 2 + 9


def test_the_comparison_diagram_is_grouped_by_measure(reader_client, history):
    texts = svg_texts(page(reader_client, "reports:standard", compare="AF"))
    first = texts.index("Aktuella deltagare")
    # each office's label, then its value
    assert texts[first + 1 : first + 6 : 2] == ["Af Lund", "Af Malmö", "Af Umeå"]
    assert texts.count("Af Lund") == 12  # once per measure
    assert not any(" – " in text for text in texts)


def test_exported_files_have_a_head_that_says_what_they_hold(reader_client, history):
    params = {
        **PERIOD,
        "report_type": "FLODE",
        "level": "KONTOR",
        "office": history.offices["af_malmo"].pk,
        "compare": "FK",
        "sex": "UPPDELAT",
        "initierad_av": "FK",
    }
    url = reverse("reports:participants")
    response = reader_client.get(url, {**params, "format": "csv"})
    head, rows = csv_file(response)
    made = head.pop("Framtagen")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", made)
    assert head == {
        "Rapport": "Deltagarrapport – Flöde",
        "Period": "2026-01-01–2026-06-30",
        "Nivå": "Af Malmö",
        "Jämförelse": "Jämför Försäkringskassans kontor",
        "Kön": "Uppdelat på kön",
        "Urval": "Initierad av: Försäkringskassan",
    }
    assert rows[0][:3] == ["Övergång", "Malmö TA – Kvinnor", "Malmö TA – Män"]
    name = "deltagarrapport-flode-af-malmo-jamforelse-fk-2026-01-01-2026-06-30"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    excel = reader_client.get(url, {**params, "format": "xlsx"})
    excel_head, excel_rows = excel_file(excel)
    assert {k: v for k, v in excel_head.items() if k != "Framtagen"} == head
    assert excel_rows[0] == rows[0]
    assert excel["Content-Disposition"] == f'attachment; filename="{name}.xlsx"'
    plain = reader_client.get(reverse("reports:standard"), {**PERIOD, "format": "csv"})
    assert csv_file(plain)[0]["Urval"] == "Inget urval"
    assert plain["Content-Disposition"] == (
        'attachment; filename="standardrapport-status-riket-2026-01-01-2026-06-30.csv"'
    )
