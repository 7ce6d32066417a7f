#!/usr/bin/env bash
# An authenticated wapiti3 scan of the app as production runs it: gunicorn over TLS (a
# self-signed certificate made here), the production profile, a throw-away SQLite database
# with the demo data. Prints wapiti's findings; exits non-zero when it reports any.
#
#   scripts/wapiti-scan.sh [port]          (default 8343; needs `make install` first)
#
# wapiti3 is installed into .venv-scan (not a project dependency). The scan logs in as the
# demo caseworker fk-handlaggare with a session made on the server (scripts/scan_session.py),
# so it covers the caseworker pages, reports and admin-free parts; logout and the account
# pages are excluded so that the scan keeps its session.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-8343}
USERNAME=${SCAN_USER:-fk-handlaggare}
WORK=$(mktemp -d)
trap 'kill "${SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

if [ ! -x .venv-scan/bin/wapiti ]; then
  python3 -m venv .venv-scan
  .venv-scan/bin/pip install --quiet wapiti3
fi

export DATABASE_URL="sqlite:///$WORK/scan.sqlite3"
echo "== throw-away database with the demo data"
DEBUG=true .venv/bin/python manage.py migrate --no-input --verbosity 0
DEBUG=true .venv/bin/python manage.py load_reference_data >/dev/null
DEBUG=true .venv/bin/python manage.py load_demo_data >/dev/null

echo "== self-signed certificate, gunicorn on https://127.0.0.1:$PORT"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
export DEBUG=false SUS_PROFILE=production SUS_RETENTION_YEARS=3 \
  SECRET_KEY="scan-$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))')" \
  ALLOWED_HOSTS=127.0.0.1,localhost
.venv/bin/python manage.py collectstatic --no-input --verbosity 0
.venv/bin/gunicorn sus.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
  --certfile "$WORK/cert.pem" --keyfile "$WORK/key.pem" >"$WORK/gunicorn.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 30); do
  curl -ksf "https://127.0.0.1:$PORT/logga-in/" -o /dev/null && break
  sleep 1
done

SESSION=$(DJANGO_SETTINGS_MODULE=sus.settings .venv/bin/python scripts/scan_session.py "$USERNAME")
# wapiti's cookie jar (its JSON format): the session cookie; the CSRF cookie it gets itself.
printf '{"127.0.0.1": {"/": {"__Host-sessionid": {"value": "%s", "expires": null, "secure": true, "port": null, "version": 0}}}}' \
  "$SESSION" >"$WORK/cookies.json"
BASE="https://127.0.0.1:$PORT/"
# wapiti's default modules and the header, CSRF, CRLF and method checks. Left out: ssl (it
# reports the self-signed certificate this script makes), ssrf and xxe (they need wapiti's
# endpoint on the internet, which this machine does not reach).
MODULES=exec,file,sql,xss,permanentxss,redirect,upload,cookieflags,csp,http_headers,csrf,crlf,methods,https_redirect
echo "== wapiti as $USERNAME"
.venv-scan/bin/wapiti -u "$BASE" --scope folder --verify-ssl 0 --flush-session \
  --color -f json -o "$WORK/report.json" \
  --max-scan-time "${SCAN_SECONDS:-900}" --max-attack-time "${ATTACK_SECONDS:-120}" \
  -c "$WORK/cookies.json" \
  -x "${BASE}logga-ut/" -x "${BASE}konto/*" -x "${BASE}admin/*" -x "${BASE}csp-rapport/" \
  -m "${SCAN_MODULES:-$MODULES}" \
  >"$WORK/wapiti.log" 2>&1 || { tail -30 "$WORK/wapiti.log"; exit 1; }
tail -5 "$WORK/wapiti.log"

echo "== findings"
python3 - "$WORK/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
found = 0
for section in ("vulnerabilities", "anomalies"):
    for name, items in report.get(section, {}).items():
        for item in items:
            found += 1
            print(f"{section[:-1]}: {name}: {item.get('method')} {item.get('path')} "
                  f"{item.get('parameter', '')} - {item.get('info', '')[:160]}")
crawled = len(report.get("infos", {}).get("crawled_pages", []) or [])
print(f"wapiti: {found} finding(s); {report['infos'].get('crawled_pages_nbr', crawled)} pages crawled")
sys.exit(1 if found else 0)
PY
echo "== server errors in the gunicorn log: $(grep -c 'Internal Server Error' "$WORK/gunicorn.log" || true)"
