from django.urls import path

from offices import views

app_name = "offices"

urlpatterns = [
    path("", views.assign, name="assign"),
    path("valj/", views.assign_select, name="assign-select"),
    path("ok/", views.assign_confirm, name="assign-confirm"),
]
