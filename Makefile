# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c 'import hashlib,sys;print(hashlib.sha1(open("pyproject.toml","rb").read()).hexdigest()[:12])')
DEV_ENV := DEBUG=true

.PHONY: run test test-browser serve install setup lint format check-migrations clean bench bench-mixed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) .env

# A development checkout runs with DEBUG on, also for plain `manage.py` commands. Production
# sets its variables in the environment and has no .env file (see README, Configuration).
.env:
	printf '# Local development settings (not committed). See README, Configuration.\nDEBUG=true\n' > .env

setup: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py createcachetable
	$(DEV_ENV) $(BIN)/python manage.py load_reference_data
	$(DEV_ENV) $(BIN)/python manage.py load_demo_data

run: setup
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The browser suite: Debian's Chromium (apt-get install chromium) against gunicorn on a demo
# database of its own; it prints the axe-core checks at the end. SUS_SCREENSHOTS=update also
# refreshes docs/screenshots/.
test-browser: install
	$(BIN)/pytest tests/browser -m browser -n0

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production-like: DEBUG off, static files through whitenoise, gunicorn. It answers on
# 127.0.0.1 over plain HTTP (for load tests), so cookies are not marked Secure here; behind a
# TLS proxy in production leave SECURE_COOKIES at its default.
.secret-key:
	$(BIN)/python -c 'import secrets;print(secrets.token_urlsafe(50))' > .secret-key

# It migrates but loads no demo data: point it at a demo database made by `make setup` (the
# default SQLite file) or at a real one. DEBUG is off for every step, whatever .env says.
SERVE_ENV = SECRET_KEY=$$(cat .secret-key) DEBUG=false SUS_PROFILE=$${SUS_PROFILE:-local}
SERVE_BIND ?= 127.0.0.1:8000
serve: install .secret-key
	$(SERVE_ENV) $(BIN)/python manage.py migrate --no-input
	$(SERVE_ENV) $(BIN)/python manage.py createcachetable
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
		SECURE_COOKIES=$${SECURE_COOKIES:-false} SUS_BIND=$(SERVE_BIND) \
		$(BIN)/gunicorn --config deploy/gunicorn.conf.py sus.wsgi:application

# The load benchmark and the mixed load on PostgreSQL (docs/performance.md): gunicorn with 4
# workers as `make serve` runs it, on a database made by `manage.py generate_data`.
BENCH_DB = $${BENCH_DATABASE_URL:-$$DATABASE_URL}
bench: install
	$(BIN)/python scripts/benchmark --database-url "$(BENCH_DB)" $(BENCH_ARGS)

bench-mixed: install
	$(BIN)/python scripts/benchmark --database-url "$(BENCH_DB)" --mixed $${BENCH_SECONDS:-600} \
		--clients $${BENCH_CLIENTS:-8} $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
