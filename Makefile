# Breathing Room. `make run` to use it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in this many processes at once; each has its own test database (and Redis database).
TEST_PROCESSES ?= 2

.PHONY: run run-scale test lint format install clean bench load messages messages-check demo

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Breathing Room needs Python 3.11 or newer; set PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV)

# Installs again only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	STATIC_COLLECTED=1 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Breathing Room is starting at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	STATIC_COLLECTED=1 HOST=$(HOST) APP_PORT=$(PORT) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} PATH="$(CURDIR)/$(BIN):$$PATH" \
		$(BIN)/honcho --no-prefix start --procfile Procfile

# As many web processes as cores (one port, shared) and two task workers, on PostgreSQL and Redis on
# this machine; the database is made if it is missing. See docs/deploy.md.
run-scale: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/breathingroom
run-scale: export REDIS_URL ?= redis://127.0.0.1:6379/0
run-scale: WEB_PROCESSES ?= $(shell nproc 2>/dev/null || echo 2)
run-scale: WORKERS ?= 2
run-scale: install
	$(BIN)/python deploy/createdb.py
	$(BIN)/python manage.py migrate --noinput
	STATIC_COLLECTED=1 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Breathing Room is starting at http://$(HOST):$(PORT)/ with $(WEB_PROCESSES) web processes and $(WORKERS) workers (Ctrl-C stops it)"
	STATIC_COLLECTED=1 HOST=$(HOST) APP_PORT=$(PORT) WEB_PROCESSES=$(WEB_PROCESSES) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start --procfile Procfile.scale --concurrency worker=$(WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder

# A hundred couples at once against the embedded default, on a fresh SQLite file, then a search over
# one person's 3,000 encrypted journal entries; see bench/README.md.
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/journal_search.py
	$(BIN)/python bench/dance.py
	$(BIN)/python bench/layer.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/notify.py

# Simulated couples running the whole loop against real processes (locust, headless, loopback only);
# see bench/README.md.
load: install
	$(BIN)/python bench/load/run.py

# A demo couple with six months of history, on the database `make run` uses; prints its two logins.
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo

# Every message of the code into each offered language's catalogue (English is the source; its own
# small catalogue only rewords allauth), then every catalogue compiled. The compiled catalogues are
# kept in the repository, so neither running nor testing needs gettext; `make messages-check` says
# what is untranslated, fuzzy, missing or not compiled.
TRANSLATED_LANGUAGES = $(BIN)/python -c 'import django, os; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "breathingroom.settings"); django.setup(); from django.conf import settings as s; print(" ".join(c for c, _ in s.LANGUAGES if c != s.LANGUAGE_CODE))'

messages: install
	cd breathingroom && for lang in $$(cd .. && $(TRANSLATED_LANGUAGES)); do \
		../$(BIN)/django-admin makemessages -l $$lang -e html,txt,svg,py --add-location file --no-obsolete \
			--ignore 'static/*' --ignore 'tests/*' --ignore '*/tests/*' --ignore 'migrations/*' || exit 1; \
		if [ -f locale/$$lang/allauth.po ]; then \
			msgcat --use-first -o locale/$$lang/LC_MESSAGES/django.po \
				locale/$$lang/LC_MESSAGES/django.po locale/$$lang/allauth.po || exit 1; \
		fi; \
	done
	cd breathingroom && ../$(BIN)/django-admin compilemessages --ignore '.venv'

messages-check: install
	$(BIN)/python -m pytest breathingroom/tests/test_catalogues.py -q -p no:randomly

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
