from django.urls import path

from transitions.views import anonymous, answers, history, lists, move, register

app_name = "transitions"

# No personnummer in any URL: searches are posted; pages use the participation's public id.
urlpatterns = [
    path("", register.register_search, name="register"),
    path("ny/<str:key>/", register.start, name="start"),
    path("<uuid:public_id>/", register.participation_detail, name="participation"),
    path("<uuid:public_id>/radera/", register.transition_delete, name="delete"),
    path("<uuid:public_id>/overgang/<int:sequence>/uppgifter/", answers.answers, name="answers"),
    path("historik/", history.history_search, name="history"),
    path("historik/<uuid:public_id>/", history.history_detail, name="history-detail"),
    path("deltagare/", lists.participant_list_view, name="list"),
    path("anonyma/", anonymous.anonymous, name="anonymous"),
    path("anonyma/<int:pk>/radera/", anonymous.anonymous_delete_view, name="anonymous-delete"),
    path("byt-kontor/", move.move_search, name="move"),
    path("<uuid:public_id>/byt-kontor/", move.move_offices, name="move-offices"),
    path("<uuid:public_id>/byt-kontor/ok/", move.move_confirm, name="move-confirm"),
]
