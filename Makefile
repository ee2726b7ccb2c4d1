# Two commands do everything: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
# The public address every absolute link uses (sitemap, canonical, feed, admin links in emails)
# in `make run` and `make serve`: SITE_URL when set, else the address they serve on.
PUBLIC_URL := $(or $(SITE_URL),http://127.0.0.1:$(PORT))
# The newest Python 3.12+ on this machine: pyenv's (through .python-version) first.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

# The heading font, subset from the installed font package (see siteplatform/management/commands/build_fonts.py).
FONT := static/fonts/source-serif-4-600-latin.woff2

.PHONY: help venv install install-dev fonts messages migrate demo site-url superuser run worker serve test test-e2e test-fast lint format bench-deps bench bench-booking bench-render clean test-deps screenshots lighthouse backup restore

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/bin/activate:
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is needed and none was found."; \
		echo "  Install one (for example 'pyenv install 3.13' or your system's python3.13 package),"; \
		echo "  or point make at it: make run PYTHON=/path/to/python3.13"; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

# Interface translations: the .po files are in git, the compiled .mo files are made here (with
# gettext's msgfmt when installed, else polib, which wagtail-localize brings).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%.mo: locale/%.po $(VENV)/.installed
	@if command -v msgfmt >/dev/null 2>&1; then msgfmt --check-format -o $@ $<; \
	else $(PY) -c 'import sys, polib; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])' $< $@; fi

$(FONT): $(VENV)/.installed siteplatform/management/commands/build_fonts.py
	DEBUG=True $(PY) manage.py build_fonts

fonts: $(FONT)  ## Build the subset web font into static/fonts/ (install does it)

install: $(VENV)/.installed $(FONT) $(MO_FILES)  ## Create .venv and install the site's dependencies

install-dev: $(VENV)/.installed-dev $(FONT) $(MO_FILES)  ## Also install what the tests and linters need

comma := ,
SITE_LANGUAGES ?= en$(comma)ko$(comma)hi
MESSAGE_LANGUAGES := $(filter-out en,$(subst $(comma), ,$(SITE_LANGUAGES)))
messages: install  ## Collect the interface strings into locale/<language>/LC_MESSAGES/django.po
	DEBUG=True $(PY) manage.py makemessages $(addprefix -l ,$(MESSAGE_LANGUAGES)) --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=media --ignore=tests --ignore=bench

migrate: install
	DEBUG=$${DEBUG:-True} $(PY) manage.py migrate --noinput

demo: migrate  ## Load the demo content (safe to run again)
	DEBUG=$${DEBUG:-True} $(PY) manage.py load_demo_content --sample-enquiries

site-url: demo  ## Point the Site record (sitemap, canonical links) at SITE_URL
	SITE_URL=$(PUBLIC_URL) DEBUG=$${DEBUG:-True} $(PY) manage.py sync_site_url

superuser: migrate
	DEBUG=$${DEBUG:-True} $(PY) manage.py ensure_superuser

run: demo site-url superuser  ## Set up everything and serve on 127.0.0.1:$(PORT) (SQLite, console mail)
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin at /admin/). Ctrl-C stops the site and its mail worker."
	@export SITE_URL=$(PUBLIC_URL); \
	DEBUG=$${DEBUG:-True} $(PY) manage.py task_worker --backend notifications --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-True} $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker:  ## Run the background task worker (sends notification emails)
	$(PY) manage.py task_worker --backend notifications

serve: demo site-url superuser  ## Production mode locally: DEBUG off, collectstatic, gunicorn with 2 workers
	RELEASE=$${RELEASE:-$$(git rev-parse HEAD 2>/dev/null)} SITE_URL=$(PUBLIC_URL) DEBUG=False SECRET_KEY=$${SECRET_KEY:-local-production-mode-$$(hostname)-not-a-real-secret-0123456789} \
	DATA_KEYS=$${DATA_KEYS:-$$(cat .data-keys)} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=False SECURE_COOKIES=False \
	bash -c '$(PY) manage.py collectstatic --noinput -v0 && \
	{ $(PY) manage.py task_worker --backend notifications --interval 1 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(VENV)/bin/gunicorn siteplatform.wsgi --config deploy/gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - ; }'

# Backups (README, "When the server is lost"): encrypted with DATA_KEYS (.data-keys in development).
BACKUP_DIR ?= backups
BACKUP_KEEP ?= 14
backup: install  ## Write an encrypted archive of the database and media into backups/ (BACKUP_DIR), keeping the newest 14 (BACKUP_KEEP)
	DEBUG=$${DEBUG:-True} $(PY) manage.py backup --directory $(BACKUP_DIR) --keep $(BACKUP_KEEP)

restore: install  ## Rebuild an empty database and media from FILE=<archive>, then migrate
	@test -n "$(FILE)" || { echo "usage: make restore FILE=$(BACKUP_DIR)/practice-YYYYMMDDTHHMMSSZ.backup"; exit 1; }
	DEBUG=$${DEBUG:-True} $(PY) manage.py restore "$(FILE)" --noinput
	DEBUG=$${DEBUG:-True} $(PY) manage.py migrate --noinput

test-deps:  ## Install Debian's Chromium (browser tests), Varnish (proxy tests) and Korean and Hindi fonts (screenshots) when missing
	@missing=""; \
	{ command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; } || missing="$$missing chromium"; \
	{ command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ]; } || missing="$$missing varnish"; \
	{ ! command -v fc-list >/dev/null 2>&1 || fc-list :lang=ko family | grep -q .; } || missing="$$missing fonts-nanum"; \
	{ ! command -v fc-list >/dev/null 2>&1 || fc-list :lang=hi family | grep -q .; } || missing="$$missing fonts-lohit-deva"; \
	[ -z "$$missing" ] || { echo "Installing Debian's$$missing for the tests…"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	  || { echo "error: could not install$$missing; run 'apt-get install$$missing' as root"; exit 1; }; }

# Two tiers. `make test` runs every in-process test: no root, browser or server of its own needed.
# `make test-e2e` runs what starts real servers (gunicorn live sites, varnishd, Redis and
# PostgreSQL fault tests, a mail sink), drives Chromium, or is slow (marked `slow` or `browser`).
test: install-dev  ## Run the in-process suite (SQLite; set DATABASE_URL for PostgreSQL)
	$(VENV)/bin/pytest --create-db -n $${PYTEST_WORKERS:-2} -m "not slow and not browser" $(PYTEST_ARGS)

test-e2e: install-dev test-deps  ## Run the browser, live-site and slow tests (installs Chromium and Varnish when missing)
	$(VENV)/bin/pytest --create-db -n $${PYTEST_WORKERS:-2} -m "slow or browser" $(PYTEST_ARGS)

lint: install-dev  ## Check code style
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev  ## Fix code style
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench-deps:  ## Install Debian's wrk for the benches' load when missing (the Python client is the fallback)
	@command -v wrk >/dev/null 2>&1 || { echo "Installing Debian's wrk for the load (the Python client is the fallback)…"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) 2>/dev/null || true; }

bench: install-dev bench-deps  ## Requests per second and latency in production mode with 500 articles
	$(PY) bench/run.py

bench-booking: install-dev bench-deps  ## The consultation form with 5 hosts' free times in process, and booking posts at 16 connections
	$(PY) bench/booking_bench.py $(BENCH_BOOKING_ARGS)

bench-render: install-dev  ## Milliseconds and queries of each public page type rendered in process with every cache off
	$(PY) bench/render.py $(BENCH_RENDER_ARGS)

screenshots: install-dev test-deps  ## Every public page type at 390 and 1440 px and the main admin screens, into screenshots/
	$(PY) -m livesite.screenshots $(SCREENSHOTS_ARGS)

LIGHTHOUSE_DIR := tools/lighthouse

$(LIGHTHOUSE_DIR)/node_modules/.installed: $(LIGHTHOUSE_DIR)/package.json $(LIGHTHOUSE_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "error: Lighthouse needs Node.js 18.16+ and npm (apt-get install nodejs npm)"; exit 1; }
	cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

lighthouse: install-dev test-deps $(LIGHTHOUSE_DIR)/node_modules/.installed  ## Lighthouse (mobile) scores and bytes of every public page type, in production mode
	$(PY) -m livesite.lighthouse $(LIGHTHOUSE_ARGS)

clean:  ## Remove the venv, database, media and collected static files
	rm -rf $(VENV) db.sqlite3* media staticfiles .pytest_cache .ruff_cache $(FONT) static/fonts/source-serif-4-OFL.txt
