# Wij(k) de Ruwaard: `make run` serves the site with demo content, `make test` runs every test.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 2
THREADS ?= 1
WS_PORT ?= $(shell echo $$(( $(PORT) + 1 )))
PG_TEST_URL    ?= postgresql://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0

.PHONY: run serve test test-sqlite test-postgres test-browser bench faults screenshots chromium install install-test messages clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.runtime
install-test: $(VENV)/.test

# Links in e-mails and page.full_url follow HOST and PORT unless BASE_URL is set in the environment.
run: export BASE_URL := $(or $(BASE_URL),http://$(HOST):$(PORT))
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Wij(k) de Ruwaard draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	@echo "Schadewijk: http://schadewijk.localhost:$(PORT)/  (dezelfde installatie, andere wijk)"
	@echo "Demo-accounts: bewoner, redacteur, redacteur-schadewijk, professional, verbinder, beheerder; wachtwoord: wijkdemo"
	@echo ""
	$(VENV)/bin/daphne --bind $(HOST) --port $(PORT) wijkplatform.asgi:application

# The production stack on this machine, over plain HTTP: pages through gunicorn (WSGI, WORKERS processes with
# THREADS threads each; one thread per process measured fastest, see bench/results.md), WebSockets through
# uvicorn on WS_PORT (PORT + 1).
# Behind a proxy, /ws/ goes to uvicorn and everything else to gunicorn (README, "Running in production").
# Uses DATABASE_URL and REDIS_URL when set; with several workers, REDIS_URL makes live updates reach everyone.
serve: export DJANGO_SETTINGS_MODULE := wijkplatform.settings.production
serve: export SECRET_KEY := $(or $(SECRET_KEY),serve-on-this-machine-only)
serve: export ALLOWED_HOSTS := $(or $(ALLOWED_HOSTS),$(HOST),localhost)
serve: export SECURE_SSL_REDIRECT := 0
serve: export BASE_URL := $(or $(BASE_URL),http://$(HOST):$(PORT))
serve: export LIVE_URL := $(or $(LIVE_URL),ws://$(HOST):$(WS_PORT)/ws/live/)
serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Wij(k) de Ruwaard (productie-opzet) draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	@trap 'kill 0' INT TERM EXIT; \
	$(VENV)/bin/uvicorn wijkplatform.asgi:application --host $(HOST) --port $(WS_PORT) --lifespan off --log-level warning & \
	$(VENV)/bin/gunicorn wijkplatform.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --worker-class gthread --threads $(THREADS)

# Debian's Chromium for the browser tests; without root or a package mirror they skip.
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "Could not install chromium: browser tests will be skipped."; \
	else echo "chromium is missing and cannot be installed without root: browser tests will be skipped."; fi

test: install-test chromium
	@command -v java >/dev/null 2>&1 || echo "java is missing: the HTML validation (W3C Nu validator) will be skipped."
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== Test suite on SQLite with the in-memory channel layer =="
	env -u DATABASE_URL -u REDIS_URL $(VENV)/bin/pytest --create-db

test-postgres:
	@if $(PY) -c "import socket,sys; [socket.create_connection(('127.0.0.1', p), 2).close() for p in (5432, 6379)]" 2>/dev/null; then \
		echo "== Test suite on PostgreSQL + Redis =="; \
		DATABASE_URL=$(PG_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(VENV)/bin/pytest --create-db; \
	else echo "PostgreSQL + Redis leg skipped: nothing answers on 127.0.0.1:5432 and 127.0.0.1:6379."; fi

test-browser: install-test chromium
	$(VENV)/bin/pytest -m browser

# Every benchmark in bench/ (bench/pages.py needs wrk: installed here where root and Debian's packages allow).
bench: install-test
	@command -v wrk >/dev/null 2>&1 || [ "$$(id -u)" != "0" ] || apt-get install -y -qq wrk >/dev/null 2>&1 || true
	$(PY) bench/run_all.py

# The production stack under load while its own redis-server stops and returns and PostgreSQL cuts every
# connection: errors, lost sign-ups, /healthz/ and live updates per phase. Needs redis-server and PostgreSQL
# (BENCH_FAULTS_PG_URL, default postgresql://postgres@127.0.0.1:5432/faults_bench; the database is created).
faults: install
	$(PY) bench/faults.py

# PNGs of the main pages (1280 and 375 px wide), the screen (1920x1080) and the poster (PDF) in docs/screenshots/.
screenshots: install-test chromium
	$(PY) tests/browser/screenshots.py

messages: install
	$(PY) manage.py makemessages --locale en --locale tr --ignore ".venv/*" --ignore "staticfiles/*" --no-obsolete
	$(PY) manage.py compilemessages --locale en --locale tr --ignore ".venv/*"

clean:
	rm -rf $(VENV) staticfiles test-db*.sqlite3*
