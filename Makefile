# impact: two commands on a fresh machine.
#   make demo   set everything up, then render the NHS IMPACT example into build/
#   make test   set everything up, then run ruff, mypy and the whole test suite
# Set-up installs the system packages impact's tests drive for real (Graphviz,
# Chromium, fonts, Java for the W3C HTML checker, Node.js for the Mermaid parser,
# Poppler's pdftotext and pdftoppm for the print tests) with apt-get when they are
# missing, a virtual environment in .venv with the dev tools at the exact versions
# and hashes of requirements/dev.lock and the project itself, and the pinned npm
# tools under tools/.
#
# The lock: pyproject.toml keeps ranges (what impact works with); requirements/dev.lock
# pins the whole dev/test environment for Python 3.11 on Linux, with hashes, so that
# every machine and CI test the same versions. `make lock` writes it again with uv
# after a change to pyproject.toml (keeping the pins that still fit);
# `make lock UPGRADE=1` moves every pin to the newest version the ranges allow.
# `make test-latest` runs the same checks in .venv-latest against the newest versions
# the ranges allow, without the lock: what a user's `pip install` gets.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/dev.lock
LATEST := .venv-latest
# What lint, typecheck and pytest need first; test-latest runs them in its own venv.
SETUP := setup
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup system-deps npm-tools lock demo test test-latest lint typecheck pytest \
	goldens bench profile layout-report gallery lint-report fuzz release tag clean

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
	{ command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v loimpress >/dev/null 2>&1 || missing="$$missing libreoffice-impress"; \
	command -v lowriter >/dev/null 2>&1 || missing="$$missing libreoffice-writer"; \
	$(PYTHON) -c 'import ensurepip' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# A fresh venv from the lock: every package at its pinned version and hash (pip
# refuses anything else), then impact itself, editable, with nothing more fetched
# (the build backend, setuptools, is in the lock too). A change to the lock or to
# pyproject.toml builds the venv again from scratch.
$(STAMP): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
	  || echo "warning: $(LOCK) is locked for Python 3.11; $(PYTHON) is $$($(PYTHON) -V 2>&1)" >&2
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install -q --require-hashes --only-binary :all: -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Write requirements/dev.lock again (after editing pyproject.toml's dependencies or
# requirements/build.in) with uv, from the dev venv. uv keeps the pins that still
# fit; UPGRADE=1 moves all to the newest allowed. The lock is replaced only when it
# changes, so that an unchanged lock does not rebuild the venv.
LOCK_FLAGS := --extra dev --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command 'make lock'
lock: $(STAMP)
	cp $(LOCK) $(LOCK).new
	$(BIN)/uv pip compile --quiet pyproject.toml requirements/build.in $(LOCK_FLAGS) \
	  $(if $(UPGRADE),--upgrade) --output-file $(LOCK).new
	if cmp -s $(LOCK) $(LOCK).new; then rm $(LOCK).new; echo "$(LOCK) is unchanged"; \
	else mv $(LOCK).new $(LOCK); echo "$(LOCK) changed: review its diff"; fi

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

npm-tools: $(MERMAID_CHECK) $(VNU_JAR)

setup: system-deps $(STAMP) npm-tools

# -- the two commands ----------------------------------------------------------------

demo: setup
	mkdir -p build
	$(BIN)/impact validate diagrams/
	$(BIN)/impact render diagrams/nhs-impact.yaml --format svg,png,pdf,dot,html,txt,md,pptx,docx --out-dir build/
	$(BIN)/impact outline --accessible diagrams/nhs-impact.yaml --output build/nhs-impact.accessible.txt
	@echo; echo "Rendered the NHS IMPACT driver diagram into build/:"; ls -1 build/

test: setup lint typecheck pytest

lint: $(SETUP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(SETUP)
	$(BIN)/mypy

pytest: $(SETUP)
	$(BIN)/pytest -n 2 --dist loadfile

# The same checks with the newest versions pyproject.toml's ranges allow, in a fresh
# .venv-latest (no lock): run it to learn early that a new release breaks impact,
# then `make lock UPGRADE=1` when it passes.
test-latest: system-deps npm-tools
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install -q --upgrade pip
	$(LATEST)/bin/python -m pip install -q --upgrade -e '.[dev]'
	@echo "Newest versions allowed:"; $(LATEST)/bin/python -m pip freeze --exclude-editable
	$(MAKE) --no-print-directory lint typecheck pytest BIN=$(LATEST)/bin SETUP=

# -- maintenance ---------------------------------------------------------------------

# Regenerate golden files, the committed JSON schemas and the compiled validator
# (src/impact_cli/compiled_model.py, written from model.py). Review the diff!
goldens: setup
	$(BIN)/python tools/compile_model.py
	$(BIN)/python tools/build_lexicon.py
	$(BIN)/pytest --update-goldens -q
	$(BIN)/impact schema --output schemas/driver-diagram.schema.json

bench: setup
	$(BIN)/python bench/bench.py

# Profiles to read beside the benchmark: where the time goes (build/profile/).
profile: setup
	$(BIN)/python bench/profile.py

# How good the drawings are (docs/layout.md): crossings, detours, overlapping arrowheads
# and more, measured from dot's own coordinates, in both directions.
layout-report: setup
	$(BIN)/python tools/layout_report.py --json build/layout-report.json

# The pictures in docs/gallery/ (docs/layout.md): every example and the published
# diagrams the layout work was judged on, in both directions, drawn as a user would.
GALLERY := $(wildcard diagrams/*.yaml) tests/real/clahrc-nwl-defect-free-surgery.yaml \
	tests/real/clahrc-nwl-end-of-life-care.yaml tests/real/nhs-institute-fuel-costs.yaml \
	tests/real/spsp-primary-care-leadership.yaml
gallery: setup
	for f in $(GALLERY); do \
		n=$$(basename $$f .yaml); \
		$(BIN)/impact render $$f --direction LR -o docs/gallery/$$n-lr.png || exit 1; \
		$(BIN)/impact render $$f --direction TB -o docs/gallery/$$n-tb.png || exit 1; \
	done

# How right the lint is on real published diagrams (docs/rules.md): precision and recall
# per rule against hand judgements, written into docs/rules.md.
lint-report: setup
	$(BIN)/python tools/lint_report.py --write --check

fuzz: setup
	$(BIN)/pytest tests/fuzz --fuzz-long -q

# A release: the version in pyproject.toml and impact_cli/__init__.py, the newest
# section of CHANGELOG.md and the pre-commit 'rev:' in README.md and docs/ci.md agree,
# the work tree is clean and the whole suite passes; then the annotated tag vX.Y.Z.
# `make tag` checks and tags without the tests (a clone that arrived without tags).
release: setup
	$(PYTHON) tools/release.py check
	$(MAKE) --no-print-directory test
	$(PYTHON) tools/release.py tag

tag:
	$(PYTHON) tools/release.py tag

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache .hypothesis
