# Gongzhi — `make run` serves the portal with a demo street, `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# test processes (pytest-xdist); JOBS=0 runs the suite in one process
JOBS ?= 2

.PHONY: install run test lint messages prod prod-stop prod-status

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# the address QR codes, e-mails and text messages carry: where `make run` serves, unless set
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py run_schedule & schedule=$$!; \
	trap "kill $$schedule 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest -n $(JOBS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=benchmarks --ignore=tests
	$(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

# The production stack on this machine: gunicorn, Celery worker and beat (see scripts/prod.sh).
prod: install
	VENV=$(VENV) scripts/prod.sh start

prod-stop:
	VENV=$(VENV) scripts/prod.sh stop

prod-status:
	VENV=$(VENV) scripts/prod.sh status
