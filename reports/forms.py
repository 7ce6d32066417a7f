"""The report forms (GET): period, level, comparison and kön for both reports, and the report
type and participant filters of "Deltagarrapport Af/FK-samarbete" (SPEC §7)."""

import datetime

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import Agency, Area, AreaKind, Office
from participants.models import Municipality
from reports.queries import ReportType
from reports.queries.monthly import (
    DEFAULT_LEAD_TIME,
    FLOW_CHOICES,
    LEAD_TIME_CHOICES,
    MAX_MONTHS,
    month_count,
)
from reports.scope import (
    AGE_BANDS,
    Comparison,
    Employment,
    Level,
    Scope,
    SexChoice,
    YesNo,
)
from sus.forms import DateField, StrictForm
from transitions.models import Forsorjning, InitieradAv
from transitions.table import ParticipantStatus

ALL = ("", _("Alla"))


def _first_of_year():
    return timezone.localdate().replace(month=1, day=1)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({Agency(obj.agency).short})"


FUTURE = _("Rapporten gäller det som har hänt: ange ett datum till och med i dag ({idag}).")
BEFORE_FIRST = _("Ange ett datum från och med {första}.")


class ReportForm(StrictForm):
    start = DateField(label=_("Från och med"), initial=_first_of_year)
    end = DateField(
        label=_("Till och med"),
        required=False,
        initial=timezone.localdate,
        help_text=_("ÅÅÅÅ-MM-DD. Lämna tomt för en rapport för en enskild dag."),
    )
    level = forms.ChoiceField(
        label=_("Nivå"),
        choices=Level.choices,
        initial=Level.RIKET,
        required=False,
        widget=forms.RadioSelect,
    )
    area = AreaChoiceField(
        label=_("Marknadsområde eller verksamhetsområde"),
        queryset=Area.objects.filter(
            kind__in=[AreaKind.MARKNADSOMRADE, AreaKind.VERKSAMHETSOMRADE]
        ).order_by("kind", "name"),
        required=False,
        empty_label=_("Välj område"),
    )
    office = OfficeChoiceField(
        label=_("Kontor eller arbetsförmedling"),
        queryset=Office.objects.order_by("agency", "name", "series"),
        required=False,
        empty_label=_("Välj kontor"),
    )
    compare = forms.ChoiceField(
        label=_("Jämförelse mellan kontor"),
        choices=Comparison.choices,
        initial=Comparison.NONE,
        required=False,
    )
    sex = forms.ChoiceField(
        label=_("Kön"), choices=SexChoice.choices, initial=SexChoice.ALL, required=False
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        today = timezone.localdate()
        first = datetime.date(settings.SUS_FIRST_YEAR, 1, 1)
        # The reports are about what has happened: no day after today, none before SUS.
        for name, day in (("start", start), ("end", end)):
            if day and day > today:
                self.add_error(name, FUTURE.format(idag=today.isoformat()))
            elif day and day < first:
                self.add_error(name, BEFORE_FIRST.format(första=first.isoformat()))
        if start and end and end < start and "end" not in self.errors:
            self.add_error("end", _("Till och med kan inte vara före från och med."))
        level = cleaned.get("level")
        if level == Level.AREA and not cleaned.get("area"):
            self.add_error("area", _("Välj ett marknadsområde eller verksamhetsområde."))
        if level == Level.OFFICE and not cleaned.get("office"):
            self.add_error("office", _("Välj ett kontor eller en arbetsförmedling."))
        return cleaned

    def scope_values(self) -> dict:
        data = self.cleaned_data
        level = data["level"] or Level.RIKET
        return {
            "start": data["start"],
            "end": data["end"] or data["start"],
            "level": level,
            "area": data["area"] if level == Level.AREA else None,
            "office": data["office"] if level == Level.OFFICE else None,
            "compare": data["compare"] or Comparison.NONE,
            "sex": data["sex"] or SexChoice.ALL,
        }

    def scope(self) -> Scope:
        return Scope(**self.scope_values())


class StandardReportForm(ReportForm):
    pass


class View(models.TextChoices):
    PERIOD = "PERIOD", _("Hela perioden")
    MONTHLY = "MANAD", _("Per månad")


MONTHLY_TYPES = (ReportType.LEAD_TIMES, ReportType.FLOW)
TOO_MANY_MONTHS = _(
    "Per månad kan visa högst {most} månader, och perioden omfattar {months}. Välj en kortare "
    "period."
)


class ParticipantReportForm(ReportForm):
    report_type = forms.ChoiceField(
        label=_("Rapporttyp"),
        choices=ReportType.choices,
        initial=ReportType.LEAD_TIMES,
        widget=forms.RadioSelect,
    )
    municipality = forms.ModelChoiceField(
        label=_("Folkbokföringskommun"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Alla"),
    )
    status = forms.ChoiceField(
        label=_("Deltagarstatus"),
        choices=ParticipantStatus.choices,
        initial=ParticipantStatus.ALL,
        required=False,
        help_text=_("Status den sista dagen i perioden."),
    )
    age = forms.ChoiceField(
        label=_("Ålder"),
        choices=[ALL, *((band.code, band.label) for band in AGE_BANDS)],
        required=False,
        help_text=_("Ålder när samarbetet började."),
    )
    initierad_av = forms.ChoiceField(
        label=_("Initierad av"), choices=[ALL, *InitieradAv.choices], required=False
    )
    inskriven_af = forms.ChoiceField(
        label=_("Inskriven hos Af före samarbetet"),
        choices=YesNo.choices,
        initial=YesNo.ALL,
        required=False,
    )
    employment = forms.ChoiceField(
        label=_("Anställd/Eget företag"),
        choices=Employment.choices,
        initial=Employment.ALL,
        required=False,
    )
    forsorjning = forms.ModelChoiceField(
        label=_("Försörjning före samarbetet"),
        queryset=Forsorjning.objects.order_by("position", "label"),
        required=False,
        empty_label=_("Alla"),
    )

    view = forms.ChoiceField(
        label=_("Visning"),
        choices=View.choices,
        initial=View.PERIOD,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Per månad visar hur Ledtider eller Flöde har ändrats, månad för månad, under högst "
            "36 månader."
        ),
    )
    lead_time = forms.ChoiceField(
        label=_("Ledtid per månad"),
        choices=LEAD_TIME_CHOICES,
        initial=DEFAULT_LEAD_TIME,
        required=False,
        help_text=_("Gäller Ledtider per månad."),
    )
    flow_step = forms.ChoiceField(
        label=_("Övergång per månad"),
        choices=FLOW_CHOICES,
        required=False,
        help_text=_("Gäller Flöde per månad."),
    )

    FILTER_FIELDS = (
        "sex",
        "municipality",
        "status",
        "age",
        "initierad_av",
        "inskriven_af",
        "employment",
        "forsorjning",
    )

    @property
    def filter_fields(self) -> list:
        return [self[name] for name in self.FILTER_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("view") != View.MONTHLY:
            return cleaned
        if cleaned.get("report_type") not in (*MONTHLY_TYPES, None):
            self.add_error(
                "view",
                _("Per månad finns för Ledtider och Flöde. Välj en av dem eller Hela perioden."),
            )
        if cleaned.get("compare") not in ("", Comparison.NONE, None):
            self.add_error(
                "compare",
                _(
                    "Jämförelse mellan kontor finns inte per månad. Välj Ingen jämförelse eller "
                    "Hela perioden."
                ),
            )
        start, end = cleaned.get("start"), cleaned.get("end") or cleaned.get("start")
        if start and end and not {"start", "end"} & set(self.errors):
            months = month_count(start, end)
            if months > MAX_MONTHS:
                self.add_error("end", TOO_MANY_MONTHS.format(most=MAX_MONTHS, months=months))
        return cleaned

    @property
    def monthly(self) -> bool:
        return self.cleaned_data.get("view") == View.MONTHLY

    @property
    def monthly_measure(self) -> str:
        """The Ledtider measure or Flöde step shown per month."""
        if self.cleaned_data["report_type"] == ReportType.LEAD_TIMES:
            return self.cleaned_data["lead_time"] or DEFAULT_LEAD_TIME
        return self.cleaned_data["flow_step"]

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(
            **self.scope_values(),
            municipality=data["municipality"],
            status=data["status"] or ParticipantStatus.ALL,
            age=data["age"],
            initierad_av=data["initierad_av"],
            inskriven_af=data["inskriven_af"] or YesNo.ALL,
            employment=data["employment"] or Employment.ALL,
            forsorjning=data["forsorjning"],
        )
