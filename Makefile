# SCO TEMP - two commands: `make demo` and `make test`. Needs only Python 3.11+ and make.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: demo test lint install install-dev messages lock clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SCO TEMP needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements.lock
	@rm -f $(VENV)/.installed-dev
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: export SCOTEMP_MODE ?= demo
demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_reference
	$(PY) manage.py seed_demo
	$(PY) manage.py run_demo --port $(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	SCOTEMP_MODE=test $(PY) manage.py makemigrations --check --dry-run

messages: install-dev
	SCOTEMP_MODE=test $(PY) manage.py makemessages --no-obsolete --no-location -l zh_Hans -l ru -i '.venv/*' -i 'var/*' -i '*/tests/*' -i 'tests/*'
	SCOTEMP_MODE=test $(PY) manage.py compilemessages -i '.venv/*' -i 'var/*'

lock: | $(PY)
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile -q --strip-extras --generate-hashes -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --strip-extras --generate-hashes --extra dev -o requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) var
