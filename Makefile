# Two commands on a fresh machine: `make run` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUGTEST := $(BIN)/rugtest
HOST ?= 127.0.0.1
PORT ?= 8000
CATALOGUES := $(wildcard src/rugtest/locale/*/LC_MESSAGES/django.po src/rugtest/*/locale/*/LC_MESSAGES/django.po)

.PHONY: run test test-fast test-db build messages compile-messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

compile-messages: $(VENV)/.installed
	@for po in $(CATALOGUES); do \
		$(BIN)/pybabel compile --statistics --input-file $$po --output-file $${po%.po}.mo || exit 1; \
	done

build: $(VENV)/.installed compile-messages
	mkdir -p var
	$(RUGTEST) migrate --noinput
	$(RUGTEST) collectstatic --noinput --verbosity 0

run: build
	$(RUGTEST) purge
	HOST=$(HOST) PORT=$(PORT) $(RUGTEST) serve

# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
TEST_PARALLEL := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist worksteal)

test: $(VENV)/.installed-test compile-messages
	$(BIN)/ruff check
	$(BIN)/mypy
	mkdir -p var
	$(RUGTEST) collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest $(TEST_PARALLEL)

# The database tests again, on the database TEST_DATABASE_URL names (PostgreSQL in CI).
test-db: $(VENV)/.installed-test compile-messages
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/python -m pytest -m db -p no:cacheprovider $(TEST_PARALLEL)

# For developers: refresh the catalogues after changing texts (needs GNU gettext).
# Each app keeps its own catalogue; the site-wide one holds the base templates, the views
# and rugtest/words.py (the words of every clinical id).
APPS := selftest content api privacy programme sharing
messages: $(VENV)/.installed
	cd src/rugtest && ../../$(RUGTEST) makemessages --locale en --no-obsolete --no-location \
		--ignore 'static/*' $(foreach app,$(APPS),--ignore '$(app)/*')
	for app in $(APPS); do \
		test -d src/rugtest/$$app/locale || mkdir -p src/rugtest/$$app/locale; \
		(cd src/rugtest/$$app && ../../../$(RUGTEST) makemessages --locale en --no-obsolete --no-location) || exit 1; \
	done

clean:
	rm -rf $(VENV) var/static
