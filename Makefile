# Everything a fresh clone needs: `make demo` and `make test` install first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install demo test lint bench clean postgres

# Store and end-to-end tests run on SQLite and on a real PostgreSQL server. `make postgres`
# installs (when missing) and starts one with .ci/postgres.sh; `make test` does it first.
# COLDSHOULDER_TEST_POSTGRES_URL set outside make names another server and skips that.
export COLDSHOULDER_TEST_POSTGRES_URL ?= postgresql+asyncpg://coldshoulder:coldshoulder@127.0.0.1:5432/coldshoulder_test

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,ocr]'
	touch $@

demo: install
	$(PY) -m bot demo

test: install postgres
	$(PY) -m pytest -q

postgres:
ifeq ($(origin COLDSHOULDER_TEST_POSTGRES_URL),environment)
	@echo "PostgreSQL for the tests: COLDSHOULDER_TEST_POSTGRES_URL from the environment"
else
	@bash .ci/postgres.sh
endif

lint: install
	$(VENV)/bin/ruff check bot tests bench
	$(VENV)/bin/ruff format --check bot tests bench

bench: install
	$(PY) bench/engine.py
	$(PY) bench/llm.py
	$(PY) bench/ocr.py
	$(PY) bench/bot.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
