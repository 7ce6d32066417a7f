from django.urls import path

from transitions import views

app_name = "transitions"

urlpatterns = [
    path(
        "<uuid:public_id>/overgang/<int:sequence>/uppgifter/",
        views.answers,
        name="answers",
    ),
]
