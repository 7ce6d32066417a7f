"""The forms of "Registrera uppgifter": one per question set, built from the answer models and
laid out in the panels of SPEC §6. They parse and present; the rules (follow-up questions
required after "Ja", percentages 1–100, at least one försörjning …) are the models' and are
applied by the service, whose errors are put back here."""

from dataclasses import dataclass
from functools import cache

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sus.forms import StrictForm, yes_no_field
from transitions.models import ANSWER_MODELS
from transitions.table import QuestionSet

PERCENT_HELP = _("Hela procent, 1–100. 100 procent motsvarar 40 timmar i veckan.")
PERCENT_ERROR = _("Ange en andel mellan 1 och 100 procent.")
ANSWER_REQUIRED = _("Ange ett svar.")


@dataclass(frozen=True)
class Ticks:
    """Check boxes stored as booleans, asked as one question ("Typ av arbete")."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...]


TYP_AV_ARBETE = Ticks(
    "typ_av_arbete",
    _("Typ av arbete"),
    (
        ("arbete_subventionerat", _("Subventionerat")),
        ("arbete_ej_subventionerat", _("Ej subventionerat")),
    ),
)
TYP_AV_STUDIER = Ticks(
    "typ_av_studier",
    _("Typ av studier"),
    (
        ("studier_reguljara", _("Reguljära studier")),
        ("studier_arbetsmarknadsutbildning", _("Arbetsmarknadsutbildning")),
    ),
)
SYSSELSATTNING = (
    "arbetar",
    TYP_AV_ARBETE,
    "andel_arbete",
    "studerar",
    TYP_AV_STUDIER,
    "andel_studier",
    "arbetssokande",
    "andel_arbetssokande",
    "program",
    "programtyp",
    "andel_program",
)

# question set → [(panel heading, fields)], the panels of SPEC §6 in order.
PANELS = {
    QuestionSet.BEGARAN: [
        (_("Initierad av"), ("initierad_av",)),
        (_("Anställd"), ("anstalld", "arbetsgivare", "anstallningstyp")),
        (_("Egen företagare"), ("eget_foretag",)),
        (_("Inskriven hos Arbetsförmedlingen"), ("inskriven_af",)),
        (_("Sysselsättning"), SYSSELSATTNING),
        (_("Försörjning"), ("forsorjning", "tid_offentlig_forsorjning")),
        (_("Utbildningsnivå"), ("utbildningsniva",)),
    ],
    QuestionSet.AVSLUT_GK: [
        (_("Avslut gemensam kartläggning"), ("antal_moten", "sjukskriven_vid_avslut")),
    ],
    QuestionSet.AVSLUTAT: [
        (_("Inskriven hos Arbetsförmedlingen"), ("inskriven_af",)),
        (_("Sysselsättning"), SYSSELSATTNING),
        (_("Försörjning"), ("forsorjning",)),
        (
            _("Fortsatt handläggning"),
            ("fortsatt_fk", "involverade_aktorer", "fortsatt_af", "fortsatt_kommun"),
        ),
    ],
    QuestionSet.AVBRUTET: [(_("Avbrottsorsak"), ("avbrottsorsak",))],
}

# Follow-up questions shown only after "Ja" to their parent (JavaScript hides them otherwise;
# without JavaScript they stay visible and are ignored after "Nej").
EXTRA_PARENTS = {"involverade_aktorer": "fortsatt_fk"}
NO_LABELS = {"arbetar": _("Arbetar ej")}
HELP = {
    "arbetsgivare": _("Organisationsnummer, 10 siffror"),
    "tid_offentlig_forsorjning": _("Besvaras när deltagaren har offentlig försörjning."),
}

# The sources' guidance to caseworkers (susam.se, "Avslutat samarbete" and "Avbrutet
# samarbete"), word for word, at the question or panel it is about.
BLANKETT_7464 = _(
    "Du kan använda dig av blankett 7464 Underlag Af/FK-samarbete upphör som stöd för vilka "
    "uppgifter du ska registrera i SUS."
)
SET_HELP = {QuestionSet.AVSLUTAT: BLANKETT_7464, QuestionSet.AVBRUTET: BLANKETT_7464}
PANEL_HELP = {
    (QuestionSet.AVSLUTAT, "Sysselsättning"): _(
        "Med direkt efter menas inom en vecka efter arbetet har avslutats. Du ska ange om "
        "deltagaren faktiskt har arbetat, studerat osv. direkt efter avslutat samarbete."
    ),
    (QuestionSet.AVBRUTET, "Avbrottsorsak"): _(
        "Du ska inte registrera in deltagaren som anonym deltagare när registreringen i SUS "
        "avbryts på grund av återtaget samtycke."
    ),
}
SET_FIELD_HELP = {
    QuestionSet.AVSLUTAT: {
        "arbetar": _(
            "Om deltagaren till exempel har en anställning men inte kunnat arbeta på grund av "
            "sjukdom ska du svara Arbetar ej."
        ),
        "program": _("Arbetsmarknadsutbildning ska registreras under studerar."),
    },
}


def _field_names(spec) -> list:
    return [item.name if isinstance(item, Ticks) else item for _h, items in spec for item in items]


def _form_field(model, name: str, question_set: QuestionSet) -> forms.Field:
    field = _plain_form_field(model, name)
    guidance = SET_FIELD_HELP.get(question_set, {}).get(name)
    if guidance:
        field.help_text = f"{field.help_text} {guidance}".strip()
    return field


def _plain_form_field(model, name: str) -> forms.Field:
    field = model._meta.get_field(name)
    label = field.verbose_name
    if isinstance(field, models.ManyToManyField):
        return forms.ModelMultipleChoiceField(
            label=label,
            queryset=field.related_model.objects.filter(is_active=True),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("En eller flera."),
        )
    if isinstance(field, models.ForeignKey):
        return forms.ModelChoiceField(
            label=label,
            queryset=field.related_model.objects.filter(is_active=True),
            required=not field.null,
            empty_label=_("Välj…"),
            help_text=HELP.get(name, ""),
            error_messages={"required": ANSWER_REQUIRED},
        )
    if isinstance(field, models.BooleanField):
        yes_no = yes_no_field(label, no=NO_LABELS.get(name, _("Nej")))
        yes_no.error_messages["required"] = ANSWER_REQUIRED
        return yes_no
    if field.choices:
        return forms.ChoiceField(
            label=label,
            choices=field.choices,
            widget=forms.RadioSelect,
            error_messages={"required": ANSWER_REQUIRED},
        )
    if isinstance(field, models.PositiveSmallIntegerField):
        percent = name.startswith("andel_")
        return forms.IntegerField(
            label=label,
            required=not field.null,
            min_value=1,
            max_value=100 if percent else settings.SUS_MAX_MEETINGS,
            help_text=PERCENT_HELP if percent else "",
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "required": ANSWER_REQUIRED,
                "min_value": _("Ange ett heltal, minst 1.") if not percent else PERCENT_ERROR,
                "max_value": PERCENT_ERROR
                if percent
                else _("Ange ett rimligt antal, högst %(limit_value)s."),
                "invalid": _("Ange ett heltal."),
            },
        )
    return forms.CharField(label=label, required=False, help_text=HELP.get(name, ""))


class AnswerForm(StrictForm):
    question_set: QuestionSet
    model: type
    ticks: dict[str, Ticks]
    parents: dict[str, str]  # follow-up form field → parent form field

    @property
    def help(self):
        """The sources' guidance for the whole question set, or ""."""
        return SET_HELP.get(self.question_set, "")

    def panels(self):
        """[(heading, help, [(bound field, parent name or "")])] for the template."""
        return [
            (
                heading,
                PANEL_HELP.get((self.question_set, str(heading)), ""),
                [
                    (
                        self[item.name if isinstance(item, Ticks) else item],
                        self.parents.get(item.name if isinstance(item, Ticks) else item, ""),
                    )
                    for item in items
                ],
            )
            for heading, items in PANELS[self.question_set]
        ]

    @classmethod
    def initial_from(cls, answers) -> dict:
        if answers is None:
            return {}
        initial = {}
        for name in cls.base_fields:
            if name in cls.ticks:
                initial[name] = [o for o, _l in cls.ticks[name].options if getattr(answers, o)]
                continue
            field = cls.model._meta.get_field(name)
            if isinstance(field, models.ManyToManyField):
                initial[name] = list(getattr(answers, name).all())
            elif isinstance(field, models.BooleanField):
                initial[name] = str(getattr(answers, name))
            else:
                initial[name] = getattr(answers, name)
        return initial

    def to_service(self) -> tuple[dict, dict]:
        """(values, choices) for transitions.services.answers_save."""
        values, choices = {}, {}
        for name, value in self.cleaned_data.items():
            if name in self.ticks:
                for option, _label in self.ticks[name].options:
                    values[option] = option in (value or [])
                continue
            field = self.model._meta.get_field(name)
            if isinstance(field, models.ManyToManyField):
                choices[name] = list(value or [])
            else:
                values[name] = "" if value is None and name == "arbetsgivare" else value
        if values.get("arbetsgivare") == "":
            values["arbetsgivare"] = None
        return values, choices

    def fields_in_error(self) -> set[str]:
        """The model fields whose answer this form could not read (a question with ticks
        stands for each of its check boxes)."""
        names = set()
        for name in self.errors:
            if name in self.ticks:
                names.update(option for option, _label in self.ticks[name].options)
            elif name in self.fields:
                names.add(name)
        return names

    def add_service_errors(self, error) -> None:
        """Put the service's errors (keyed by model field) on this form's fields; a field that
        already shows an error of its own keeps only that one."""
        to_form = {o: t.name for t in self.ticks.values() for o, _l in t.options}
        for name, messages in error.message_dict.items():
            target = to_form.get(name, name)
            target = target if target in self.fields else None
            if target is not None and target in self.errors:
                continue
            self.add_error(target, messages)


@cache
def answer_form_class(question_set: QuestionSet) -> type[AnswerForm]:
    model = ANSWER_MODELS[question_set]
    spec = PANELS[question_set]
    attrs = {}
    ticks = {}
    for item in [i for _h, items in spec for i in items]:
        if isinstance(item, Ticks):
            ticks[item.name] = item
            attrs[item.name] = forms.MultipleChoiceField(
                label=item.label,
                choices=item.options,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        else:
            attrs[item] = _form_field(model, item, question_set)
    parents = dict(EXTRA_PARENTS)
    tick_of = {o: t.name for t in ticks.values() for o, _l in t.options}
    for follow_ups in getattr(model, "FOLLOW_UPS", ()):
        for child in (*follow_ups.ticks, *follow_ups.values):
            parents[tick_of.get(child, child)] = follow_ups.parent
    attrs.update(question_set=question_set, model=model, ticks=ticks, parents=parents)
    assert set(_field_names(spec)) == set(attrs) - {"question_set", "model", "ticks", "parents"}
    return type(f"{model.__name__}Form", (AnswerForm,), attrs)
