from django.urls import path

from participants import views

app_name = "participants"

# No personnummer in any URL: searches are posted; pages use the participation's public id.
urlpatterns = [
    path("", views.register_search, name="register"),
    path("ny/<str:key>/", views.start, name="start"),
    path("<uuid:public_id>/", views.participation_detail, name="participation"),
    path("<uuid:public_id>/radera/", views.transition_delete, name="delete"),
    path("historik/", views.history_search, name="history"),
    path("historik/<uuid:public_id>/", views.history_detail, name="history-detail"),
    path("deltagare/", views.participant_list_view, name="list"),
    path("anonyma/", views.anonymous, name="anonymous"),
    path("byt-kontor/", views.move_search, name="move"),
    path("<uuid:public_id>/byt-kontor/", views.move_offices, name="move-offices"),
    path("<uuid:public_id>/byt-kontor/ok/", views.move_confirm, name="move-confirm"),
]
