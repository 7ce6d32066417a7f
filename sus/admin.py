import json
import uuid

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q
from django.utils.functional import cached_property

from sus.models import RateCounter, Session, SignInIdentity, SubmittedForm


class EstimatedCountPaginator(Paginator):
    """Counts exactly up to EXACT_UP_TO rows (a bounded count reads no more than that); past
    it, on PostgreSQL, the planner's estimate for the same query, so that a changelist over
    millions of rows never counts them all. The last page numbers are then approximate."""

    EXACT_UP_TO = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        exact = queryset.order_by()[: self.EXACT_UP_TO + 1].count()
        if exact <= self.EXACT_UP_TO or connections[queryset.db].vendor != "postgresql":
            return exact if exact <= self.EXACT_UP_TO else super().count
        plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
        return max(exact, int(plan[0]["Plan"]["Plan Rows"]))


class ReadOnlyAdmin(admin.ModelAdmin):
    """For logs, histories and participant data: they change only through the services (rules,
    locks, audit), so admin shows them and nothing more. Participant tables show the statistical
    shell only: names and personnummer are seen by caseworkers, on the logged participant pages.
    """

    # Tables of millions: no full COUNT for "x of y" nor for the page numbers.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    # Searched by an exact id through their index (admin's own "=" search compares upper-cased
    # text, which no index serves); a term that is no id finds nothing.
    id_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        if not self.id_search_fields or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        try:
            value = uuid.UUID(search_term.strip())
        except ValueError:
            return queryset.none(), False
        wanted = Q()
        for field in self.id_search_fields:
            wanted |= Q(**{field: value})
        return queryset.filter(wanted), False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubmittedForm)
class SubmittedFormAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "token"]
    list_filter = ["at"]
    search_fields = ["=token", "user__username"]
    list_select_related = ["user"]
    ordering = ["-at"]


@admin.register(RateCounter)
class RateCounterAdmin(ReadOnlyAdmin):
    """The rate limits' running counters (keys are hashes of limit, window and user)."""

    list_display = ["key", "value", "expires"]
    ordering = ["-expires"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    """Who is logged in, until when. Never a session's key (it is the login itself) nor its
    data: the rows link to no page, whose address would hold the key."""

    list_display = ["user", "expire_date"]
    list_display_links = None
    search_fields = ["user__username"]
    list_select_related = ["user"]
    ordering = ["-expire_date"]

    def has_view_permission(self, request, obj=None):
        return obj is None and super().has_view_permission(request)


class SignInIdentityInline(admin.StackedInline):
    """On the user's admin page: the identity provider's id for the person and the break-glass
    flag (docs/security.md). Changes are audited with the user's other inline rows."""

    model = SignInIdentity
    extra = 1
    max_num = 1
    can_delete = False
    fields = ["subject", "break_glass"]
