"""Reference data shipped with the application: counties, municipalities and stadsdelar.

The files in `participants/data/` are copies of SCB's codes (290 municipalities, 21 counties).
`load_reference_data` is idempotent; it is run by a data migration and by the management
command of the same name, with historical or current models alike.
"""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

STOCKHOLM = "0180"
GOTEBORG = "1480"

# Stadsdelsnämndsområden: Stockholm since 2020, Göteborg since 2021.
STADSDELAR = {
    STOCKHOLM: [
        "Bromma",
        "Enskede-Årsta-Vantör",
        "Farsta",
        "Hägersten-Älvsjö",
        "Hässelby-Vällingby",
        "Kungsholmen",
        "Norrmalm",
        "Rinkeby-Kista",
        "Skarpnäck",
        "Skärholmen",
        "Spånga-Tensta",
        "Södermalm",
        "Östermalm",
    ],
    GOTEBORG: [
        "Angered",
        "Askim-Frölunda-Högsbo",
        "Centrum",
        "Lundby",
        "Majorna-Linné",
        "Norra Hisingen",
        "Västra Göteborg",
        "Västra Hisingen",
        "Örgryte-Härlanda",
        "Östra Göteborg",
    ],
}


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(*, County, Municipality, Stadsdel) -> dict[str, int]:
    """Create or update every county, municipality and stadsdel; return how many were created."""
    created = {"län": 0, "kommuner": 0, "stadsdelar": 0}
    counties = {}
    for row in _rows("counties.csv"):
        county, was_created = County.objects.update_or_create(
            code=row["county_code"], defaults={"name": row["county_name"]}
        )
        counties[county.code] = county
        created["län"] += was_created
    municipalities = {}
    for row in _rows("municipalities.csv"):
        municipality, was_created = Municipality.objects.update_or_create(
            code=row["municipality_code"],
            defaults={"name": row["municipality_name"], "county": counties[row["county_code"]]},
        )
        municipalities[municipality.code] = municipality
        created["kommuner"] += was_created
    for code, names in STADSDELAR.items():
        for name in names:
            _stadsdel, was_created = Stadsdel.objects.get_or_create(
                municipality=municipalities[code], name=name
            )
            created["stadsdelar"] += was_created
    return created
