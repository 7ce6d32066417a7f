from django.contrib import admin
from django.urls import include, path

from sus import account, health, oidc, views
from sus.admin_site import SusAdminSite
from sus.middleware import before_second_factor

# Django admin only after the second factor (django-otp's documented way to swap the site).
admin.site.__class__ = SusAdminSite
admin.site.site_header = "SUS – administration"
admin.site.site_title = "SUS"
admin.site.index_title = "Administration"

handler403 = "sus.views.permission_denied"
handler500 = "sus.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", oidc.LoginView.as_view(), name="login"),
    path("logga-in/identitetsleverantor/", oidc.sign_in_start, name="oidc-start"),
    path("logga-in/identitetsleverantor/klar/", oidc.sign_in_callback, name="oidc-callback"),
    path("logga-ut/", before_second_factor(oidc.LogoutView.as_view()), name="logout"),
    path("konto/losenord/", account.password_change, name="password-change"),
    path("konto/tvastegsverifiering/", account.otp_verify, name="otp-verify"),
    path("konto/tvastegsverifiering/aktivera/", account.otp_enrol, name="otp-enrol"),
    path("konto/reservkoder/", account.recovery_codes, name="otp-recovery-codes"),
    path("csp-rapport/", views.csp_report, name="csp-report"),
    path("medverkan/", include("transitions.urls")),
    path("uppdrag/", include("offices.urls")),
    path("rapporter/", include("reports.urls")),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
