from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("status/", views.standard_report_view, name="standard"),
    path("deltagarrapport/", views.participant_report_view, name="participants"),
]
