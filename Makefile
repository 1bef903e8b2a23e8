# impact: two commands on a fresh machine.
#   make demo   set everything up, then render the NHS IMPACT example into build/
#   make test   set everything up, then run ruff, mypy and the whole test suite
# Set-up installs the system packages impact's tests drive for real (Graphviz,
# Chromium, fonts, Java for the W3C HTML checker, Node.js for the Mermaid parser)
# and what builds impact's C reader (a C compiler, libyaml's and Python's headers),
# and Valgrind for the cache simulation of `make cachesim` (its test runs it),
# with apt-get when they are missing, a virtual environment in .venv with the project
# and its dev tools, and the pinned npm tools under tools/.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup system-deps demo test check lint typecheck pytest goldens bench profile cachesim fuzz clean

all: test

# -- set-up --------------------------------------------------------------------------

system-deps:
	@missing=""; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	[ -d /usr/share/fonts/truetype/liberation2 ] || missing="$$missing fonts-liberation2"; \
	[ -d /usr/share/fonts/truetype/dejavu ] || missing="$$missing fonts-dejavu-core"; \
	command -v cc >/dev/null 2>&1 || missing="$$missing gcc libc6-dev"; \
	[ -f /usr/include/yaml.h ] || missing="$$missing libyaml-dev"; \
	command -v valgrind >/dev/null 2>&1 || missing="$$missing valgrind"; \
	$(PYTHON) -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
	  || missing="$$missing python3-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# setup.py builds the C reader (src/impact_cli/_yamlread.c) in place: a change to it
# reinstalls.
$(STAMP): pyproject.toml setup.py src/impact_cli/_yamlread.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The real Mermaid parser (npm 'mermaid' + jsdom, pinned by package-lock.json) checks
# our Mermaid output in the tests; no browser is involved.
MERMAID_CHECK := tools/mermaid-check/node_modules/.package-lock.json
$(MERMAID_CHECK): tools/mermaid-check/package-lock.json
	cd tools/mermaid-check && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The W3C Nu HTML checker, pinned (vnu-jar runs on Java).
VNU_JAR := tools/html-check/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): tools/html-check/package-lock.json
	cd tools/html-check && npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: system-deps $(STAMP) $(MERMAID_CHECK) $(VNU_JAR)

# -- the two commands ----------------------------------------------------------------

demo: setup
	mkdir -p build
	$(BIN)/impact validate diagrams/
	$(BIN)/impact render diagrams/nhs-impact.yaml --format svg,png,pdf,dot,html,txt,md --out-dir build/
	$(BIN)/impact outline --accessible diagrams/nhs-impact.yaml --output build/nhs-impact.accessible.txt
	@echo; echo "Rendered the NHS IMPACT driver diagram into build/:"; ls -1 build/

test: setup lint typecheck pytest

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest -n 2 --dist loadfile

# -- maintenance ---------------------------------------------------------------------

# Regenerate golden files, the committed JSON schemas and the compiled validator
# (src/impact_cli/compiled_model.py, written from model.py). Review the diff!
goldens: setup
	$(BIN)/python tools/compile_model.py
	$(BIN)/pytest --update-goldens -q
	$(BIN)/impact schema --output schemas/driver-diagram.schema.json

bench: setup
	$(BIN)/python bench/bench.py

# Profiles to read beside the benchmark: where the time goes (build/profile/).
profile: setup
	$(BIN)/python bench/profile.py

# Why a stage grows faster than its work: instructions and simulated L2 misses per
# stage at 3,000 and 10,000 nodes, under Valgrind's cachegrind (slow: minutes).
cachesim: setup
	$(BIN)/python bench/cachesim.py

fuzz: setup
	$(BIN)/pytest tests/fuzz --fuzz-long -q

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache .hypothesis src/impact_cli/*.so
