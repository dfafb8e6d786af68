# yearbook: every target bootstraps its own virtualenv from the pinned requirements on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

YEAR   ?=

.PHONY: install check report diff fonts libreoffice test lint bench clean migrate

$(STAMP): tools/requirements.txt tools/requirements-check.txt tools/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r tools/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e tools
	@sh tools/git-setup.sh
	@touch $@

$(BENCH_STAMP): $(STAMP) tools/requirements-bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r tools/requirements-bench.txt
	@touch $@

## install: the virtualenv with the pinned packages (every other target does this first by itself)
install: $(STAMP)

## check: validate every record under records/
check: $(STAMP)
	$(BIN)/yearbook check records

## migrate: move records written in record format 1 to format 2 (comments and content kept)
migrate: $(STAMP)
	$(BIN)/yearbook migrate records

## report: the newest year's DOCX, PDF and Markdown in build/ (YEAR=2023 for another, YEAR=all for every year)
report: $(STAMP) fonts
	$(BIN)/yearbook report $(if $(YEAR),--year $(YEAR)) --out build

## diff: what the working tree changes in the records, against the merge-base with the default branch
diff: $(STAMP)
	$(BIN)/yearbook diff

## fonts: free Chinese fonts for the PDF, installed only when the machine has none (Debian/Ubuntu)
fonts:
	@sh tools/install-fonts.sh

## libreoffice: LibreOffice for importing .doc/.wps/.odt and for the tests that convert with it (Debian/Ubuntu)
libreoffice:
	@sh tools/install-libreoffice.sh

## lint: ruff and mypy (strict) on the toolkit
lint: $(STAMP)
	$(BIN)/ruff check tools
	$(BIN)/ruff format --check tools
	cd tools && ../$(BIN)/mypy

## test: lint, then the whole test suite
test: lint fonts libreoffice
	cd tools && ../$(BIN)/python -m pytest

## bench: measured figures, not tests: check throughput, report build time, import, the annual cycle
bench: $(BENCH_STAMP) fonts libreoffice
	$(BIN)/python tools/bench/bench_check.py
	$(BIN)/python tools/bench/bench_report.py
	$(BIN)/python tools/bench/bench_diff.py
	$(BIN)/python tools/bench/bench_cache.py
	$(BIN)/python tools/bench/bench_import.py
	$(BIN)/python tools/bench/bench_cycle.py

clean:
	rm -rf $(VENV) build
