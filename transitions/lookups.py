"""The seed values of the lookup lists (SPEC §6). Administrators may edit them afterwards;
`seed_lookups` only adds what is missing, so their edits survive."""

LOOKUPS = {
    "Anstallningstyp": [
        "Tillsvidareanställning",
        "Tidsbegränsad anställning",
        "Timanställning",
        "Annan",
    ],
    "Forsorjning": [
        "Sjukpenning",
        "Rehabiliteringspenning",
        "Aktivitetsersättning",
        "Sjukersättning",
        "Aktivitetsstöd/utvecklingsersättning",
        "Arbetslöshetsersättning",
        "Försörjningsstöd",
        "Ingen offentlig försörjning",
    ],
    "TidOffentligForsorjning": ["Mindre än 1 år", "1–2 år", "3–5 år", "Mer än 5 år"],
    "Utbildningsniva": [
        "Förgymnasial",
        "Gymnasial",
        "Eftergymnasial kortare än 3 år",
        "Eftergymnasial 3 år eller längre",
        "Okänd",
    ],
    "Programtyp": [
        "Arbetsträning",
        "Arbetspraktik",
        "Lönebidrag",
        "Introduktionsjobb",
        "Jobb- och utvecklingsgarantin",
        "Annat program",
    ],
    "InvolveradAktor": [
        "Hälso- och sjukvården",
        "Kommunen",
        "Arbetsgivaren",
        "Samordningsförbund",
        "Annan aktör",
    ],
}
NOT_PUBLIC = {"Ingen offentlig försörjning"}


def seed_lookups(get_model) -> None:
    for model_name, labels in LOOKUPS.items():
        model = get_model(model_name)
        for position, label in enumerate(labels, start=1):
            defaults = {"position": position}
            if model_name == "Forsorjning":
                defaults["is_public"] = label not in NOT_PUBLIC
            model.objects.get_or_create(label=label, defaults=defaults)
