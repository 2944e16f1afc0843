# Lotse – the two commands of the README, and their helpers.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTEST := $(VENV)/bin/pytest
PG_URL ?= postgres://postgres@127.0.0.1:5432/lotse_ci
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run setup install test test-sqlite test-postgres chromium lint messages clean fuzz

run: setup ## set up and serve the demo on http://127.0.0.1:8000
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

setup: install ## venv, dependencies, SQLite database, demo data
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py seed_demo

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 fehlt ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $@

chromium: ## Debian's chromium for the browser tests (no browser download)
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

test: install chromium lint ## lint, then the whole suite on SQLite, then on PostgreSQL
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

# The browser tests run on their own, in one process: they use live_server, whose
# transactional tests flush and restore the reference data between tests.
test-sqlite: install
	DATABASE_URL=sqlite:///$(CURDIR)/db-test.sqlite3 $(PYTEST) -n 2 -q --ignore=tests/e2e
	DATABASE_URL=sqlite:///$(CURDIR)/db-test.sqlite3 $(PYTEST) -q tests/e2e

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PYTEST) -n 2 -q --ignore=tests/e2e
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PYTEST) -q tests/e2e

# The suite fuzzes both JSON APIs with a few examples per operation; this runs many more.
FUZZ_EXAMPLES ?= 1000
fuzz: install ## schemathesis against /api/v1/ and /api/hsds/ with FUZZ_EXAMPLES per operation
	LOTSE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/db-test.sqlite3} \
		$(PYTEST) -n 2 -q tests/test_fuzz.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy lotse/core lotse/regions lotse/organizations lotse/accounts lotse/concept lotse/workflow
	$(PY) manage.py makemigrations --check --dry-run

messages: install ## update and compile the translations (needs gettext)
	$(PY) manage.py makemessages -l en -l uk -l ar -l ru -l tr --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench --ignore=scripts
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 db-test.sqlite3 staticfiles
