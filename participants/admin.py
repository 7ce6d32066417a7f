from django.contrib import admin

from participants.models import County, Municipality, Stadsdel


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    ordering = ["code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county"]
    list_select_related = ["county"]
    list_filter = ["county"]
    search_fields = ["code", "name"]
    ordering = ["name"]


@admin.register(Stadsdel)
class StadsdelAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "is_active"]
    list_select_related = ["municipality"]
    list_filter = ["municipality", "is_active"]
    search_fields = ["name"]
    ordering = ["municipality__name", "name"]
