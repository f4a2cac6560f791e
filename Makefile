# Two entry points for a fresh Debian machine with Python 3.11+: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test serve bench lock system-packages golden clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

site: $(STAMP)
	$(BIN)/praktijkbank build

test: $(STAMP) system-packages
	$(BIN)/python -m pytest -q

serve: $(STAMP)
	$(BIN)/praktijkbank serve

bench: $(STAMP)
	$(BIN)/python bench/run.py

golden: $(STAMP)
	$(BIN)/python -m tests.golden --update

# Browser tests use Debian's chromium (nothing downloads a browser of its own); the print test
# reads the printed PDF with pdftotext from poppler-utils.
system-packages:
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium poppler-utils; }

lock: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | sed '1i # Exact versions for `make` installs: pip install -c requirements.lock -e ".[test]". Regenerate with `make lock`.' > requirements.lock

clean:
	rm -rf build site $(VENV)
