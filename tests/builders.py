"""Build participants and histories through the real services, for tests.

person = register_person(municipality="0180")
participation = start(actor, af_office, fk_office, date=d(2026, 1, 5), person=person)
walk(participation, actor, [("GK", d(2026, 1, 20)), ("PAF", d(2026, 3, 1))])
"""

import datetime
import itertools

from participants.models import Municipality, RegisterPerson, Stadsdel
from participants.personnummer import with_check_digit
from transitions.models import (
    Anstallningstyp,
    Avbrottsorsak,
    Forsorjning,
    TidOffentligForsorjning,
    Transition,
    Utbildningsniva,
)
from transitions.services import answers_save, participation_start, transition_register
from transitions.table import QuestionSet, rule_for

_serials = itertools.count()


def d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


DEFAULT_BIRTH_DATE = datetime.date(1985, 3, 12)


def fake_personnummer(*, born: datetime.date = DEFAULT_BIRTH_DATE, sex: str = "K") -> str:
    """A fresh valid personnummer in Skatteverket's test range (birth numbers 980–999)."""
    while True:
        n = next(_serials)
        serial = 980 + (n % 20)
        # the third birth-number digit decides kön: odd = man
        if (serial % 2 == 1) != (sex == "M"):
            continue
        day_offset = n // 20
        born_on = born + datetime.timedelta(days=day_offset)
        return with_check_digit(f"{born_on:%Y%m%d}{serial:03d}")


def register_person(
    *,
    municipality: str = "1280",
    protected: bool = False,
    first_name: str = "Testa",
    last_name: str = "Testsson",
    born: datetime.date = DEFAULT_BIRTH_DATE,
    sex: str = "K",
    personnummer: str | None = None,
) -> RegisterPerson:
    """A fictitious person in the embedded population register (default: Malmö). A generated
    personnummer skips those a test registered itself (the fixtures' people are born on the
    days the generator reaches after a few thousand calls on one worker)."""
    while personnummer is None:
        candidate = fake_personnummer(born=born, sex=sex)
        if not RegisterPerson.objects.filter(personnummer=candidate).exists():
            personnummer = candidate
    return RegisterPerson.objects.create(
        personnummer=personnummer,
        first_name=first_name,
        last_name=last_name,
        municipality=Municipality.objects.get(code=municipality),
        protected_identity=protected,
    )


def start(
    actor,
    af_office,
    fk_office,
    *,
    date: datetime.date,
    person: RegisterPerson | None = None,
    stadsdel: Stadsdel | None = None,
    consent_date: datetime.date | None = None,
):
    person = person or register_person()
    if stadsdel is None and person.municipality.has_stadsdelar:
        stadsdel = person.municipality.stadsdelar.first()
    return participation_start(
        personnummer=person.personnummer,
        af_office=af_office,
        fk_office=fk_office,
        date=date,
        consent_confirmed=True,
        consent_date=consent_date or date,
        stadsdel=stadsdel,
        actor=actor,
    )


def walk(participation, actor, steps) -> list[Transition]:
    """Register each (to_type, date) in turn."""
    return [
        transition_register(participation=participation, to_type=to_type, date=date, actor=actor)
        for to_type, date in steps
    ]


def latest(participation) -> Transition:
    return participation.transitions.order_by("-sequence").first()


def _lookup(model, label):
    return model.objects.get(label=label)


def sysselsattning(**overrides) -> dict:
    """A valid Sysselsättning block: works 50 % unsubsidised, nothing else."""
    values = {
        "arbetar": True,
        "arbete_subventionerat": False,
        "arbete_ej_subventionerat": True,
        "andel_arbete": 50,
        "studerar": False,
        "arbetssokande": False,
        "program": False,
    }
    values.update(overrides)
    return values


def default_answers(question_set: QuestionSet) -> tuple[dict, dict]:
    """Valid (values, choices) for a question set."""
    if question_set == QuestionSet.BEGARAN:
        return (
            {
                "initierad_av": "FK",
                "anstalld": True,
                "arbetsgivare": "556036-0793",
                "anstallningstyp": _lookup(Anstallningstyp, "Tillsvidareanställning"),
                "eget_foretag": False,
                "inskriven_af": True,
                "tid_offentlig_forsorjning": _lookup(TidOffentligForsorjning, "1–2 år"),
                "utbildningsniva": _lookup(Utbildningsniva, "Gymnasial"),
                **sysselsattning(),
            },
            {"forsorjning": [_lookup(Forsorjning, "Sjukpenning")]},
        )
    if question_set == QuestionSet.AVSLUT_GK:
        return {"antal_moten": 3, "sjukskriven_vid_avslut": True}, {}
    if question_set == QuestionSet.AVSLUTAT:
        return (
            {
                "inskriven_af": False,
                "fortsatt_fk": False,
                "fortsatt_af": False,
                "fortsatt_kommun": False,
                **sysselsattning(),
            },
            {"forsorjning": [_lookup(Forsorjning, "Ingen offentlig försörjning")]},
        )
    return {"avbrottsorsak": Avbrottsorsak.OVRIGT}, {}


def answer_all(transition: Transition, actor, **overrides_by_set) -> None:
    """Answer every question set of the transition with valid answers (overridable per set:
    answer_all(t, actor, AVSLUTAT=({...values}, {...choices})))."""
    rule = rule_for(transition.from_type, transition.to_type)
    for question_set in rule.question_sets:
        values, choices = default_answers(question_set)
        if question_set.name in overrides_by_set:
            extra_values, extra_choices = overrides_by_set[question_set.name]
            values = {**values, **extra_values}
            choices = {**choices, **extra_choices}
        answers_save(
            transition=transition,
            question_set=question_set,
            values=values,
            choices=choices,
            actor=actor,
        )
