"""Prints the key of a logged-in, second-factor-verified session for the scan user, made on the
server side (the scanner then needs neither the password nor the one-time code). Used by
scripts/wapiti-scan.sh on its throw-away database only."""

import sys
import time

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from offices.models import User  # noqa: E402

user = User.objects.get(username=sys.argv[1])
device, _created = TOTPDevice.objects.get_or_create(user=user, name="scan", confirmed=True)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session["sus_login_at"] = session["sus_seen_at"] = time.time()
session.create()
print(session.session_key)
