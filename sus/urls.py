from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sus import views
from sus.forms import LoginForm

admin.site.site_header = "SUS – administration"
admin.site.site_title = "SUS"
admin.site.index_title = "Administration"

handler403 = "sus.views.permission_denied"
handler500 = "sus.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("medverkan/", include("transitions.urls")),
    path("uppdrag/", include("offices.urls")),
    path("rapporter/", include("reports.urls")),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("admin/", admin.site.urls),
]
