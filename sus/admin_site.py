"""Django admin behind the second factor: django-otp's OTPAdminSite lets in only users who gave a
one-time code in this session. Its login page is the application's own (throttled, logged),
which then asks for the code (sus.middleware.SecondFactorMiddleware)."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_otp.admin import OTPAdminSite

from sus.middleware import second_factor_done


class SusAdminSite(OTPAdminSite):
    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        return redirect_to_login(next_url, login_url=reverse("login"))

    def has_permission(self, request):
        if settings.SUS_ADMIN_REQUIRES_OTP:
            return AdminSite.has_permission(self, request) and second_factor_done(request)
        return AdminSite.has_permission(self, request)
