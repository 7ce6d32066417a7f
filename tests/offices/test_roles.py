"""The two incompatibilities of SPEC §2.2, on every path that grants roles."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from offices.admin import RoleGrantAdmin
from offices.models import Agency, Role, RoleGrant, Uppdrag
from offices.rules import INCOMPATIBLE_ROLES_MESSAGE
from offices.services import role_grant, uppdrag_grant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Behörighetsrollen deltagaransvarig kan inte kombineras med "
    "samverkansadministratör eller beställare."
)


def test_message_is_the_documented_swedish_text():
    assert INCOMPATIBLE_ROLES_MESSAGE == MESSAGE


# --- model validation ---------------------------------------------------------------------


def test_model_refuses_samverkansadministrator_for_deltagaransvarig(fk_caseworker):
    grant_ = RoleGrant(user=fk_caseworker, role=Role.SAMVERKANSADMINISTRATOR)
    with pytest.raises(ValidationError) as error:
        grant_.full_clean()
    assert error.value.messages == [MESSAGE]


def test_model_refuses_deltagaransvarig_for_samverkansadministrator(fk_samverkansadmin):
    with pytest.raises(ValidationError) as error:
        RoleGrant(user=fk_samverkansadmin, role=Role.DELTAGARANSVARIG).full_clean()
    assert error.value.messages == [MESSAGE]


def test_model_refuses_bestallare_flag_on_deltagaransvarig(fk_caseworker):
    fk_caseworker.is_bestallare = True
    with pytest.raises(ValidationError) as error:
        fk_caseworker.full_clean()
    assert MESSAGE in error.value.messages


def test_model_refuses_deltagaransvarig_for_bestallare(db):
    user = UserFactory(is_bestallare=True)
    with pytest.raises(ValidationError) as error:
        RoleGrant(user=user, role=Role.DELTAGARANSVARIG).full_clean()
    assert error.value.messages == [MESSAGE]


def test_ended_samverkansadministrator_role_allows_deltagaransvarig_later(db):
    user = UserFactory()
    RoleGrant.objects.create(
        user=user,
        role=Role.SAMVERKANSADMINISTRATOR,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2021, 12, 31),
    )
    RoleGrant(
        user=user, role=Role.DELTAGARANSVARIG, valid_from=datetime.date(2022, 1, 1)
    ).full_clean()


def test_compatible_roles_are_accepted(fk_caseworker):
    RoleGrant(user=fk_caseworker, role=Role.LASBEHORIG).full_clean()
    RoleGrant(user=fk_caseworker, role=Role.INSATSANSVARIG).full_clean()


# --- service (every form and command grants through it) ----------------------------------


def test_service_refuses_and_saves_nothing(fk_caseworker, superuser):
    with pytest.raises(ValidationError) as error:
        role_grant(user=fk_caseworker, role=Role.SAMVERKANSADMINISTRATOR, actor=superuser)
    assert error.value.messages == [MESSAGE]
    assert not RoleGrant.objects.filter(
        user=fk_caseworker, role=Role.SAMVERKANSADMINISTRATOR
    ).exists()


def test_uppdrag_needs_the_role_and_the_users_own_agency(db, fk_office, af_office, superuser):
    user = UserFactory(agency=Agency.FK)
    with pytest.raises(ValidationError, match="saknar behörighetsrollen deltagaransvarig"):
        uppdrag_grant(user=user, role=Role.DELTAGARANSVARIG, office=fk_office, actor=superuser)
    role_grant(user=user, role=Role.DELTAGARANSVARIG, actor=superuser)
    with pytest.raises(ValidationError, match="anställd vid Försäkringskassan"):
        uppdrag_grant(user=user, role=Role.DELTAGARANSVARIG, office=af_office, actor=superuser)
    uppdrag_grant(user=user, role=Role.DELTAGARANSVARIG, office=fk_office, actor=superuser)
    assert Uppdrag.objects.filter(user=user).count() == 1


def test_same_uppdrag_twice_is_refused_in_swedish(fk_caseworker, fk_office, superuser):
    with pytest.raises(ValidationError, match="har redan detta uppdrag"):
        uppdrag_grant(
            user=fk_caseworker, role=Role.DELTAGARANSVARIG, office=fk_office, actor=superuser
        )


# --- form and admin ----------------------------------------------------------------------


def test_admin_form_refuses_incompatible_role(fk_caseworker, rf, superuser):
    from django.contrib import admin

    request = rf.get("/")
    request.user = superuser
    form_class = RoleGrantAdmin(RoleGrant, admin.site).get_form(request)
    form = form_class(
        data={
            "user": fk_caseworker.pk,
            "role": Role.SAMVERKANSADMINISTRATOR,
            "valid_from": "2026-01-01",
        }
    )
    assert not form.is_valid()
    assert MESSAGE in form.non_field_errors()


def test_admin_role_page_refuses_incompatible_role(client, superuser, fk_caseworker):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:offices_rolegrant_add"),
        {
            "user": fk_caseworker.pk,
            "role": Role.SAMVERKANSADMINISTRATOR,
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not RoleGrant.objects.filter(role=Role.SAMVERKANSADMINISTRATOR).exists()


def _user_change_data(user, grants, *, is_bestallare=False):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "agency": user.agency,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "role_grants-TOTAL_FORMS": str(len(grants)),
        "role_grants-INITIAL_FORMS": "0",
        "uppdrag-TOTAL_FORMS": "0",
        "uppdrag-INITIAL_FORMS": "0",
        "sign_in_identity-TOTAL_FORMS": "0",
        "sign_in_identity-INITIAL_FORMS": "0",
    }
    if is_bestallare:
        data["is_bestallare"] = "on"
    for index, role in enumerate(grants):
        data[f"role_grants-{index}-role"] = role
        data[f"role_grants-{index}-valid_from"] = "2026-01-01"
    return data


def test_admin_user_page_refuses_both_roles_added_at_once(client, superuser):
    user = UserFactory(agency=Agency.FK)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:offices_user_change", args=[user.pk]),
        _user_change_data(user, [Role.DELTAGARANSVARIG, Role.SAMVERKANSADMINISTRATOR]),
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not RoleGrant.objects.filter(user=user).exists()


def test_admin_user_page_refuses_bestallare_with_deltagaransvarig(client, superuser):
    user = UserFactory(agency=Agency.FK)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:offices_user_change", args=[user.pk]),
        _user_change_data(user, [Role.DELTAGARANSVARIG], is_bestallare=True),
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    user.refresh_from_db()
    assert not user.is_bestallare
    assert not RoleGrant.objects.filter(user=user).exists()


def test_admin_user_page_accepts_compatible_roles(client, superuser):
    user = UserFactory(agency=Agency.FK)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:offices_user_change", args=[user.pk]),
        _user_change_data(user, [Role.DELTAGARANSVARIG, Role.LASBEHORIG]),
    )
    assert response.status_code == 302
    assert set(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == {
        Role.DELTAGARANSVARIG,
        Role.LASBEHORIG,
    }


def test_inactive_user_gets_no_uppdrag(db, fk_office, superuser):
    user = UserFactory(agency=Agency.FK, is_active=False)
    role_grant(user=user, role=Role.DELTAGARANSVARIG, actor=superuser)
    with pytest.raises(ValidationError, match="inte en aktiv användare"):
        uppdrag_grant(user=user, role=Role.DELTAGARANSVARIG, office=fk_office, actor=superuser)
    assert not Uppdrag.objects.filter(user=user).exists()
