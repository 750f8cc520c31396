# guigym: `make demo` runs the main job on the embedded default; `make test` passes the tests.
# Both run `setup` first, so either one alone prepares a fresh Debian machine.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the project needs: Chromium for the web envs, Xvfb and fonts for a stable render.
# The desktop's own list (apps, window manager, AT-SPI) lives next to its image.
DEB_PACKAGES := chromium xvfb xauth fonts-dejavu-core fonts-liberation2 fonts-noto-core \
	$(shell grep -v '^\s*\#' images/desktop/packages.txt 2>/dev/null)
PYTEST_ARGS ?=

.PHONY: setup apt venv demo test test-fast lint format bench clean

setup: apt venv

apt:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

venv: $(BIN)/python
	@if [ ! -f $(VENV)/.installed ] || [ pyproject.toml -nt $(VENV)/.installed ] || [ setup.py -nt $(VENV)/.installed ]; then \
	  echo "installing guigym into $(VENV)"; \
	  $(BIN)/pip install -q -e '.[dev,desktop,llm,ray,docker,video,rl]' && touch $(VENV)/.installed; \
	fi

demo: setup
	$(BIN)/guigym run --agent oracle --suite demo --out runs/demo-oracle
	$(BIN)/guigym run --agent random --suite demo --out runs/demo-random

# A Docker engine is started first; the images build in the background (log in .ci-logs/) while
# the other tests run, and the Docker tests wait for that build instead of starting another.
test: setup
	@bash images/docker/ensure_dockerd.sh || echo "no Docker engine here: the docker tests will say why"
	@mkdir -p .ci-logs && ($(BIN)/python -m guigym.images.docker.testing > .ci-logs/images.log 2>&1 &)
	$(BIN)/pytest $(PYTEST_ARGS)

# The quick subset for a person iterating: no browser, no Xvfb, no Docker, nothing slow.
test-fast: setup
	$(BIN)/pytest -m "not slow and not browser and not xvfb and not docker" $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup
	$(BIN)/guigym bench

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache
