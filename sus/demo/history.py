"""Demo participations: two years of history on every demo office, made through the same
services a caseworker uses, so every rule holds (`manage.py check_histories` reports 0).

Deterministic (seeded) and idempotent: nothing is added when participations already exist.
"""

import datetime
import random

from django.utils import timezone
from stdnum import luhn

from offices.models import Agency, Office
from participants.models import AnonymousCount, RegisterPerson
from participants.services import anonymous_register
from sus.demo.register import sample_personnummer
from transitions.models import (
    Anstallningstyp,
    Avbrottsorsak,
    Forsorjning,
    InvolveradAktor,
    Participation,
    Programtyp,
    TidOffentligForsorjning,
    Utbildningsniva,
)
from transitions.services import (
    answers_save,
    participation_move,
    participation_start,
    transition_delete_latest,
    transition_register,
)
from transitions.table import Insatstyp, QuestionSet, is_closing, rule_for

SEED = 4711
COUNT = 360
T = Insatstyp

# current insatstyp → ([(next, weight)], (fewest, most) days spent before the next step)
PATHS = {
    T.BGK: ([(T.GK, 92), (T.AVB, 8)], (7, 45)),
    T.GK: ([(T.PAF, 35), (T.PAL, 30), (T.AVS, 15), (T.KS, 10), (T.AVB, 10)], (20, 100)),
    T.PAF: ([(T.ARF, 60), (T.ARL, 12), (T.AVS, 15), (T.AVB, 13)], (10, 120)),
    T.PAL: ([(T.ARL, 60), (T.ARF, 12), (T.AVS, 15), (T.AVB, 13)], (10, 120)),
    T.ARF: ([(T.ARL, 20), (T.AVS, 60), (T.AVB, 20)], (60, 300)),
    T.ARL: ([(T.ARF, 10), (T.AVS, 70), (T.AVB, 20)], (60, 300)),
}


class DemoHistory:
    def __init__(self, caseworkers: dict[int, object], *, seed: int = SEED):
        self.rng = random.Random(seed)
        self.caseworkers = caseworkers
        self.today = timezone.localdate()
        self.af = list(Office.objects.filter(agency=Agency.AF).order_by("pk"))
        self.fk = list(Office.objects.filter(agency=Agency.FK).order_by("pk"))
        self.lookups = {
            model: list(model.objects.filter(is_active=True))
            for model in (
                Anstallningstyp,
                Forsorjning,
                TidOffentligForsorjning,
                Utbildningsniva,
                Programtyp,
                InvolveradAktor,
            )
        }

    # --- helpers ---------------------------------------------------------------------------

    def actor(self, participation: Participation, agency: str):
        return self.caseworkers[participation.office_of(agency).pk]

    def pair(self, index: int) -> tuple[Office, Office]:
        """An arbetsförmedling and an FK kontor of the same region (the lists are regional)."""
        region = (index % len(self.af)) // 4
        return self.af[index % len(self.af)], self.fk[region * 4 + self.rng.randrange(4)]

    def pick(self, model, k: int = 1):
        return self.rng.sample(self.lookups[model], k)

    # --- answers ---------------------------------------------------------------------------

    def sysselsattning(self) -> dict:
        rng = self.rng
        values = {"arbetar": rng.random() < 0.3}
        if values["arbetar"]:
            subsidised = rng.random() < 0.4
            values.update(
                arbete_subventionerat=subsidised,
                arbete_ej_subventionerat=not subsidised or rng.random() < 0.2,
                andel_arbete=rng.choice([25, 50, 75, 100]),
            )
        values["studerar"] = rng.random() < 0.15
        if values["studerar"]:
            regular = rng.random() < 0.5
            values.update(
                studier_reguljara=regular,
                studier_arbetsmarknadsutbildning=not regular,
                andel_studier=rng.choice([25, 50, 100]),
            )
        values["arbetssokande"] = rng.random() < 0.4
        if values["arbetssokande"]:
            values["andel_arbetssokande"] = rng.choice([25, 50, 100])
        values["program"] = rng.random() < 0.15
        if values["program"]:
            values.update(programtyp=self.pick(Programtyp)[0], andel_program=rng.choice([50, 100]))
        return values

    def forsorjning(self) -> list:
        public = [f for f in self.lookups[Forsorjning] if f.is_public]
        if self.rng.random() < 0.1:
            return [f for f in self.lookups[Forsorjning] if not f.is_public]
        return self.rng.sample(public, self.rng.choice([1, 1, 2]))

    def orgnr(self) -> str:
        # Aktiebolag (556…): the third digit 2 or more, so never a personnummer's month.
        base = f"556{self.rng.randrange(10**6):06d}"
        return base + luhn.calc_check_digit(base)

    def answers(self, question_set: QuestionSet) -> tuple[dict, dict]:
        rng = self.rng
        if question_set == QuestionSet.BEGARAN:
            forsorjning = self.forsorjning()
            anstalld = rng.random() < 0.45
            values = {
                "initierad_av": Agency.FK if rng.random() < 0.75 else Agency.AF,
                "anstalld": anstalld,
                "eget_foretag": rng.random() < 0.05,
                "inskriven_af": rng.random() < 0.6,
                "utbildningsniva": self.pick(Utbildningsniva)[0],
                **self.sysselsattning(),
            }
            if anstalld:
                values.update(
                    arbetsgivare=self.orgnr(), anstallningstyp=self.pick(Anstallningstyp)[0]
                )
            if any(f.is_public for f in forsorjning):
                values["tid_offentlig_forsorjning"] = self.pick(TidOffentligForsorjning)[0]
            return values, {"forsorjning": forsorjning}
        if question_set == QuestionSet.AVSLUT_GK:
            return {
                "antal_moten": rng.randint(1, 6),
                "sjukskriven_vid_avslut": rng.random() < 0.6,
            }, {}
        if question_set == QuestionSet.AVSLUTAT:
            fortsatt_fk = rng.random() < 0.4
            choices = {"forsorjning": self.forsorjning()}
            if fortsatt_fk:
                choices["involverade_aktorer"] = self.pick(InvolveradAktor, rng.choice([1, 2]))
            return {
                "inskriven_af": rng.random() < 0.5,
                "fortsatt_fk": fortsatt_fk,
                "fortsatt_af": rng.random() < 0.4,
                "fortsatt_kommun": rng.random() < 0.2,
                **self.sysselsattning(),
            }, choices
        withdrawn = rng.random() < 0.3
        return {
            "avbrottsorsak": Avbrottsorsak.ATERTAGIT_SAMTYCKE if withdrawn else Avbrottsorsak.OVRIGT
        }, {}

    def answer(self, transition, actor) -> None:
        """Most steps are answered; a few are left for the caseworkers' "Att göra" list."""
        if self.rng.random() < 0.08:
            return
        rule = rule_for(transition.from_type, transition.to_type)
        for question_set in rule.question_sets:
            values, choices = self.answers(question_set)
            answers_save(
                transition=transition,
                question_set=question_set,
                values=values,
                choices=choices,
                actor=actor,
            )

    # --- histories -------------------------------------------------------------------------

    def start(
        self,
        person: RegisterPerson,
        index: int,
        date: datetime.date,
        consent_not_before: datetime.date | None = None,
    ) -> Participation:
        af_office, fk_office = self.pair(index)
        stadsdel = None
        if person.municipality.has_stadsdelar:
            stadsdel = self.rng.choice(list(person.municipality.stadsdelar.all()))
        actor = self.caseworkers[fk_office.pk]
        participation = participation_start(
            personnummer=person.personnummer,
            af_office=af_office,
            fk_office=fk_office,
            date=date,
            consent_confirmed=True,
            consent_date=max(
                date - datetime.timedelta(days=self.rng.randrange(0, 5)),
                consent_not_before or datetime.date.min,
            ),
            stadsdel=stadsdel,
            actor=actor,
        )
        self.answer(participation.transitions.get(sequence=1), actor)
        return participation

    def step(self, participation: Participation, to_type: str, date: datetime.date):
        rule = rule_for(participation.current_type, to_type)
        actor = self.actor(participation, rule.normally_by)
        transition = transition_register(
            participation=participation, to_type=to_type, date=date, actor=actor
        )
        if self.rng.random() < 0.05:
            # Registered by mistake: deleted and registered again, as caseworkers do.
            transition_delete_latest(participation=participation, actor=actor)
            participation.refresh_from_db()
            transition = transition_register(
                participation=participation, to_type=to_type, date=date, actor=actor
            )
        self.answer(transition, actor)
        participation.refresh_from_db()

    def move(self, participation: Participation, index: int, date: datetime.date) -> None:
        af_office, fk_office = self.pair(index + self.rng.randrange(1, 4))
        if (af_office.pk, fk_office.pk) == (participation.af_office_id, participation.fk_office_id):
            return
        participation_move(
            participation=participation,
            af_office=af_office,
            fk_office=fk_office,
            date=date,
            actor=self.actor(participation, Agency.FK),
        )
        participation.refresh_from_db()

    def walk(self, participation: Participation, index: int) -> None:
        date = participation.current_since
        while not is_closing(participation.current_type):
            choices, (fewest, most) = PATHS[Insatstyp(participation.current_type)]
            to_type = self.rng.choices([c for c, _ in choices], [w for _, w in choices])[0]
            date = date + datetime.timedelta(days=self.rng.randint(fewest, most))
            if date > self.today:
                return
            if self.rng.random() < 0.03:
                self.move(participation, index, date)
            self.step(participation, to_type, date)

    def showcase(self) -> None:
        """The README samples with a history: one at the demo caseworkers' Stockholm offices,
        one at their Göteborg offices."""
        samples = sample_personnummer()
        for (pnr, _name, _code, _protected), (af_name, fk_name), steps in (
            (samples[3], ("Arbetsförmedlingen Stockholm City", "Stockholm TA"), [(T.GK, 20)]),
            (samples[4], ("Arbetsförmedlingen Göteborg", "Göteborg TA"), [(T.GK, 50), (T.PAF, 10)]),
        ):
            af_office = next(o for o in self.af if str(o) == af_name)
            fk_office = next(o for o in self.fk if str(o) == fk_name)
            person = RegisterPerson.objects.get(personnummer=pnr)
            date = self.today - datetime.timedelta(days=sum(days for _t, days in steps) + 14)
            participation = participation_start(
                personnummer=person.personnummer,
                af_office=af_office,
                fk_office=fk_office,
                date=date,
                consent_confirmed=True,
                consent_date=date,
                actor=self.caseworkers[fk_office.pk],
            )
            self.answer(participation.transitions.get(sequence=1), self.caseworkers[fk_office.pk])
            for to_type, days in steps:
                date += datetime.timedelta(days=14 if to_type == T.GK else days)
                self.step(participation, to_type, date)

    def run(self, count: int = COUNT) -> int:
        samples = {pnr for pnr, *_rest in sample_personnummer()}
        people = list(
            RegisterPerson.objects.filter(protected_identity=False)
            .exclude(personnummer__in=samples)
            .select_related("municipality")
            .order_by("personnummer")
        )
        self.rng.shuffle(people)
        made = []
        for index in range(count):
            start = self.today - datetime.timedelta(days=self.rng.randrange(0, 730))
            participation = self.start(people[index], index, start)
            self.walk(participation, index)
            made.append((index, people[index], participation))
        # A few people come back after their collaboration closed: a new T1 with new consent.
        returning = [m for m in made if m[2].closed_on and m[2].closed_on < self.today][:10]
        for index, person, participation in returning:
            again = participation.closed_on + datetime.timedelta(days=self.rng.randint(0, 60))
            if again <= self.today:
                self.walk(
                    self.start(person, index, again, consent_not_before=participation.closed_on),
                    index,
                )
        return len(made)

    def anonymous(self) -> None:
        for index in range(8):
            af_office, fk_office = self.pair(index * 3)
            anonymous_register(
                af_office=af_office,
                fk_office=fk_office,
                year=self.today.year - index % 2,
                women=self.rng.randint(0, 4),
                men=self.rng.randint(1, 4),
                actor=self.caseworkers[fk_office.pk],
            )


def create_history(caseworkers: dict[int, object]) -> int:
    """Create the demo participations unless there are some already. Returns how many exist."""
    if not Participation.objects.exists():
        history = DemoHistory(caseworkers)
        history.run()
        history.showcase()
        if not AnonymousCount.objects.exists():
            history.anonymous()
    return Participation.objects.count()
