"""Every model is in Django admin, and its list and add pages load for the superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

# Logs and histories are written by the services only; admin shows them read-only.
READ_ONLY = {
    ("admin", "logentry"),
    ("audit", "accesslog"),
    ("audit", "auditrecord"),
    ("sus", "submittedform"),
    ("sus", "ratecounter"),
    ("sus", "session"),
    ("participants", "anonymouscount"),
    ("transitions", "consent"),
    ("transitions", "officeperiod"),
    ("transitions", "participation"),
    ("participants", "person"),
    ("transitions", "avbrutetanswers"),
    ("transitions", "avslutatanswers"),
    ("transitions", "avslutgkanswers"),
    ("transitions", "begarananswers"),
    ("transitions", "transition"),
    ("reports", "reportpart"),
    ("reports", "reportchange"),
}

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_and_add_page_load(client, superuser, app_label, model_name):
    client.force_login(superuser)
    changelist = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    add = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    expected = 403 if (app_label, model_name) in READ_ONLY else 200
    assert add.status_code == expected


def test_every_project_model_is_registered():
    from django.apps import apps

    ours = {"sus", "offices", "participants", "transitions", "audit", "reports"}
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in ours and model not in admin.site._registry
    ]
    assert missing == []


def test_admin_is_swedish(client, superuser):
    client.force_login(superuser)
    content = client.get(reverse("admin:index")).content.decode()
    assert "Organisation och behörigheter" in content
    assert "Kontor" in content


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_search_answers_any_term(client, superuser, app_label, model_name):
    client.force_login(superuser)
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    for term in ("00000000-0000-0000-0000-000000000000", "Malmö", "12", "19850312-9804"):
        assert client.get(url, {"q": term}).status_code == 200, term


def test_history_and_lookup_values_cannot_be_deleted_in_admin(client, superuser, fk_caseworker):
    """Lookup values are deactivated (saved answers refer to them); roles and uppdrag are
    ended, not deleted."""
    from offices.models import RoleGrant, Uppdrag
    from transitions.models import Forsorjning

    client.force_login(superuser)
    for model, pk in (
        (Forsorjning, Forsorjning.objects.first().pk),
        (Uppdrag, Uppdrag.objects.get(user=fk_caseworker).pk),
        (RoleGrant, RoleGrant.objects.get(user=fk_caseworker).pk),
    ):
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_delete", args=[pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
@pytest.mark.parametrize("term", ["not-an-id", "19680715-9816", "0" * 40, "'; --"])
def test_a_changelist_search_of_any_text_answers(client, superuser, app_label, model_name, term):
    """Exact-match searches on ids (no LIKE over millions of rows) refuse nothing with a 500:
    a term that is not an id of the column simply finds nothing."""
    client.force_login(superuser)
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert client.get(url, {"q": term}).status_code == 200


def test_big_changelists_count_neither_all_rows_nor_distinct_values():
    """The changelists of the tables that grow with every participant show no full count
    ("x of y") and no filter that reads the distinct values of the whole table."""
    from sus.admin import ReadOnlyAdmin

    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, ReadOnlyAdmin):
            continue
        assert model_admin.show_full_result_count is False, model
        assert model_admin.date_hierarchy is None, model
        for list_filter in model_admin.list_filter:
            if isinstance(list_filter, tuple):
                assert list_filter[1] is not admin.RelatedOnlyFieldListFilter, model


def test_the_paginator_counts_exactly_up_to_its_bound(superuser):
    from offices.models import User
    from sus.admin import EstimatedCountPaginator

    paginator = EstimatedCountPaginator(User.objects.order_by("pk"), 100)
    assert paginator.count == User.objects.count()


def test_the_paginator_estimates_past_its_bound(monkeypatch, superuser):
    """Past the bound the count is the planner's estimate on PostgreSQL, never below the rows
    known to exist, and no query counts the whole table; elsewhere it is the exact count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from offices.models import User
    from sus.admin import EstimatedCountPaginator

    User.objects.bulk_create([User(username=f"u{n}") for n in range(30)])
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_UP_TO", 10)
    paginator = EstimatedCountPaginator(User.objects.order_by("pk"), 5)
    with CaptureQueriesContext(connection) as captured:
        count = paginator.count
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert count >= 11
    if connection.vendor == "postgresql":
        assert all("LIMIT 11" in sql for sql in counts), counts  # bounded, then EXPLAIN
        assert any(q["sql"].startswith("EXPLAIN") for q in captured.captured_queries)
    else:
        assert count == User.objects.count()


def test_a_participation_is_found_in_admin_by_its_exact_id(
    client, superuser, fk_caseworker, af_office, fk_office
):
    from tests.builders import start
    from transitions.models import Participation

    started = start(fk_caseworker, af_office, fk_office, date=timezone.localdate())
    client.force_login(superuser)
    url = reverse("admin:transitions_participation_changelist")
    participation = Participation.objects.get(pk=started.pk)
    found = client.get(url, {"q": str(participation.public_id).upper()})
    assert str(participation.public_id) in found.content.decode()
    other = client.get(url, {"q": str(participation.public_id)[:8]})  # a part is no id
    assert str(participation.public_id) not in other.content.decode()
