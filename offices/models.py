"""Organisation: agencies, areas, offices, users, their roles (behörighetsroller) and uppdrag."""

import datetime
import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.choices import OFFICE_UPPDRAG_ROLES, UPPDRAG_ROLES, Agency, AreaKind, Role, Series
from offices.rules import validate_role_combination, validate_uppdrag


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)

    def current(self):
        return self.valid_on(timezone.localdate())

    def not_ended(self, day: datetime.date):
        """Valid on the day or later (current and planned)."""
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Validity(models.Model):
    """A period with a first and an optional last day, both inclusive."""

    valid_from = models.DateField(_("giltig från"), default=timezone.localdate)
    valid_to = models.DateField(_("giltig till och med"), null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("Giltig till och med kan inte vara före giltig från.")}
            )

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class Area(models.Model):
    kind = models.CharField(_("typ"), max_length=24, choices=AreaKind.choices)
    name = models.CharField(_("namn"), max_length=100)
    is_active = models.BooleanField(_("aktivt"), default=True)

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="offices_area_unique_kind_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def agency(self) -> Agency:
        return AreaKind(self.kind).agency


class OfficeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_agency(self, agency: str):
        return self.filter(agency=agency)


class Office(models.Model):
    """An arbetsförmedling (Af) or an FK kontor; the "insats" an uppdrag is given for."""

    agency = models.CharField(_("myndighet"), max_length=2, choices=Agency.choices)
    name = models.CharField(_("namn"), max_length=100)
    series = models.CharField(
        _("serie"),
        max_length=2,
        choices=Series.choices,
        blank=True,
        help_text=_("Endast Försäkringskassans kontor: TA eller FV."),
    )
    marknadsomrade = models.ForeignKey(
        Area,
        verbose_name=_("marknadsområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": AreaKind.MARKNADSOMRADE},
    )
    arbetsmarknadsomrade = models.ForeignKey(
        Area,
        verbose_name=_("arbetsmarknadsområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": AreaKind.ARBETSMARKNADSOMRADE},
    )
    verksamhetsomrade = models.ForeignKey(
        Area,
        verbose_name=_("verksamhetsområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": AreaKind.VERKSAMHETSOMRADE},
    )
    is_active = models.BooleanField(
        _("aktivt"), default=True, help_text=_("Ett stängt kontor kan inte väljas för nya ärenden.")
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontor")
        verbose_name_plural = _("kontor")
        ordering = ["agency", "name", "series"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name", "series"], name="offices_office_unique_name"
            ),
            models.CheckConstraint(
                condition=(Q(agency=Agency.FK) & Q(series__in=Series.values))
                | (Q(agency=Agency.AF) & Q(series="")),
                name="offices_office_series_only_fk",
            ),
            models.CheckConstraint(
                condition=Q(agency=Agency.FK, marknadsomrade__isnull=True)
                | Q(agency=Agency.AF, verksamhetsomrade__isnull=True),
                name="offices_office_areas_of_own_agency",
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.series}" if self.series else self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.agency == Agency.FK:
            if not self.series:
                errors["series"] = _("Ange serie (TA eller FV) för Försäkringskassans kontor.")
            if not self.verksamhetsomrade_id:
                errors["verksamhetsomrade"] = _("Ange verksamhetsområde.")
            if self.marknadsomrade_id or self.arbetsmarknadsomrade_id:
                errors["marknadsomrade"] = _(
                    "Marknadsområde och arbetsmarknadsområde gäller bara Arbetsförmedlingen."
                )
        elif self.agency == Agency.AF:
            if self.series:
                errors["series"] = _("Serie gäller bara Försäkringskassans kontor.")
            if not self.marknadsomrade_id:
                errors["marknadsomrade"] = _("Ange marknadsområde.")
            if self.verksamhetsomrade_id:
                errors["verksamhetsomrade"] = _("Verksamhetsområde gäller bara Försäkringskassan.")
        if errors:
            raise ValidationError(errors)

    @property
    def area(self) -> Area | None:
        """The area reports group this office by."""
        return self.verksamhetsomrade if self.agency == Agency.FK else self.marknadsomrade


class OfficePair(models.Model):
    """One arbetsförmedling and one FK kontor: the pair handling a participation or registering
    an anonymous count (the pair rule is `offices.pairs`)."""

    af_office = models.ForeignKey(
        Office,
        verbose_name=_("arbetsförmedling"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"agency": Agency.AF},
    )
    fk_office = models.ForeignKey(
        Office,
        verbose_name=_("kontor"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"agency": Agency.FK},
    )

    class Meta:
        abstract = True


class User(AbstractUser):
    """A member of staff. Its employer decides which agency's offices it can work for."""

    agency = models.CharField(_("arbetsgivare"), max_length=2, choices=Agency.choices, blank=True)
    is_bestallare = models.BooleanField(
        _("beställare"),
        default=False,
        help_text=_("Beställer behörigheter för personal i den egna organisationen."),
    )

    # A new value at every change of the user's roles, uppdrag or their offices, written by
    # database triggers (offices/triggers.py), whatever makes the change: a request's reading
    # of them is kept under it (offices.selectors.Acting) and read again when it differs.
    access_stamp = models.UUIDField(_("behörighetsstämpel"), default=uuid.uuid4, editable=False)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.is_bestallare and self.pk:
            validate_role_combination(user=self, is_bestallare=True)


class RoleGrant(Validity):
    """A behörighetsroll held by a user for a period."""

    user = models.ForeignKey(
        User, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("behörighetsroll"), max_length=24, choices=Role.choices)

    class Meta:
        verbose_name = _("behörighetsroll")
        verbose_name_plural = _("behörighetsroller")
        ordering = ["user", "role", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="offices_rolegrant_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="offices_rolegrant_role_known"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"

    def clean(self):
        super().clean()
        if self.user_id:
            validate_role_combination(
                user=self.user,
                proposed=[(self.role, self.valid_from, self.valid_to)],
                replacing=self.pk,
            )


class Uppdrag(Validity):
    """The right to act in a role for an office (or, for a samverkansadministratör, for its
    agency's collaboration organisation) during a period."""

    user = models.ForeignKey(
        User, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="uppdrag"
    )
    role = models.CharField(
        _("behörighetsroll"),
        max_length=24,
        choices=[(r.value, r.label) for r in UPPDRAG_ROLES],
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("kontor (insats)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uppdrag",
    )
    agency = models.CharField(
        _("organisation"),
        max_length=2,
        choices=Agency.choices,
        help_text=_("Sätts från kontoret; för samverkansadministratör väljs organisationen."),
    )

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        ordering = ["user", "role", "office", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="offices_uppdrag_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(role__in=OFFICE_UPPDRAG_ROLES, office__isnull=False)
                | Q(role=Role.SAMVERKANSADMINISTRATOR, office__isnull=True),
                name="offices_uppdrag_office_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "office"],
                condition=Q(valid_to__isnull=True, office__isnull=False),
                name="offices_uppdrag_one_open_per_office",
                violation_error_message=_("Användaren har redan detta uppdrag för kontoret."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(valid_to__isnull=True, office__isnull=True),
                name="offices_uppdrag_one_open_per_organisation",
                violation_error_message=_("Användaren har redan detta uppdrag för organisationen."),
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}, {self.target_label}"

    def save(self, *args, **kwargs):
        if self.office_id:
            self.agency = self.office.agency
        super().save(*args, **kwargs)

    @property
    def target_label(self) -> str:
        return str(self.office) if self.office_id else Agency(self.agency).organisation

    def clean(self):
        super().clean()
        validate_uppdrag(self)
