# yearbook: every target bootstraps its own virtualenv from the pinned requirements on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

YEAR   ?=

.PHONY: check report fonts test lint bench clean

$(STAMP): tools/requirements.txt tools/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r tools/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e tools
	@touch $@

$(BENCH_STAMP): $(STAMP) tools/requirements-bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r tools/requirements-bench.txt
	@touch $@

## check: validate every record under records/
check: $(STAMP)
	$(BIN)/yearbook check records

## report: the newest year's DOCX, PDF and Markdown in build/ (YEAR=2023 for another, YEAR=all for every year)
report: $(STAMP) fonts
	$(BIN)/yearbook report $(if $(YEAR),--year $(YEAR)) --out build

## fonts: free Chinese fonts for the PDF, installed only when the machine has none (Debian/Ubuntu)
fonts:
	@sh tools/install-fonts.sh

## lint: ruff on the toolkit
lint: $(STAMP)
	$(BIN)/ruff check tools
	$(BIN)/ruff format --check tools

## test: lint, then the whole test suite
test: lint fonts
	cd tools && ../$(BIN)/python -m pytest

## bench: measured figures (files per second), not a test
bench: $(BENCH_STAMP)
	$(BIN)/python tools/bench/bench_check.py

clean:
	rm -rf $(VENV) build
