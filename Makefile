# Two entry points for a fresh Debian machine with Python 3.11+: `make site` and `make test`.
# They print our own lines only: pip and apt-get are kept quiet unless something fails.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Both locks list every package with its hashes; pip refuses anything else (--require-hashes).
# pip prints errors only (-qq): its notices mean nothing to an editor, and tests/test_install.py
# fails on any warning of the package build itself.
PIP := $(BIN)/python -m pip --quiet --quiet --disable-pip-version-check --no-input
# The lowest Python that requires-python in pyproject.toml allows: the locks must resolve for it.
LOWEST_PYTHON := 3.11
# What is installed before the project itself: pip, and the setuptools of [build-system] in pyproject.toml.
INSTALLERS := pip 'setuptools>=77'
COMPILE := $(BIN)/uv pip compile --quiet --universal --fork-strategy fewest --python-version $(LOWEST_PYTHON) \
	--generate-hashes --custom-compile-command 'make lock'

.PHONY: site dev test serve bench lock system-packages golden clean

# Debian keeps `venv`'s installer (ensurepip) in a package of its own, python3-venv.
$(BIN)/python:
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "python3-venv installeren (apt-get)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv >/dev/null; }
	@echo "Python-omgeving maken in $(VENV)/ …"
	@$(PYTHON) -m venv $(VENV)

# The site's packages only; the project itself as an editable install built with the pinned setuptools.
$(SITE_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	@echo "Pakketten voor de site installeren (vaste versies uit requirements.txt)…"
	@$(PIP) install --require-hashes -r requirements.txt
	@$(PIP) install --no-deps --no-build-isolation --editable .
	@touch $@

# The test and development tools on top (pytest, Playwright, pre-commit, uv, …).
$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	@echo "Test- en ontwikkelgereedschap installeren (vaste versies uit requirements-dev.txt)…"
	@$(PIP) install --require-hashes -r requirements-dev.txt
	@touch $@

site: $(SITE_STAMP)
	@$(BIN)/praktijkbank build

test: $(DEV_STAMP) system-packages
	$(BIN)/python -m pytest -q

serve: $(SITE_STAMP)
	$(BIN)/praktijkbank serve

bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py

golden: $(DEV_STAMP)
	$(BIN)/python -m tests.golden --update

# The development tools alone (pre-commit, pytest, …), without the browser and the test run:
# enough for an editor who wants the pre-commit check.
dev: $(DEV_STAMP)

# Browser tests use Debian's chromium (nothing downloads a browser of its own); the print test
# reads the printed PDF with pdftotext from poppler-utils.
system-packages:
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || \
		{ echo "chromium en poppler-utils installeren (apt-get)…"; \
		  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium poppler-utils >/dev/null; }

# Resolve both locks again from pyproject.toml, for every Python from LOWEST_PYTHON on; the
# development lock keeps the site lock's versions.
lock: $(DEV_STAMP)
	printf '%s\n' $(INSTALLERS) | $(COMPILE) pyproject.toml - -o requirements.txt
	printf '%s\n' $(INSTALLERS) | $(COMPILE) pyproject.toml - --extra test --extra dev -c requirements.txt \
		-o requirements-dev.txt

clean:
	rm -rf build site $(VENV)
