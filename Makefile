# yearbook: every target bootstraps its own virtualenv from the pinned requirements on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

YEAR   ?=

.PHONY: install setup check report diff trends fonts libreoffice test lint bench clean migrate

# What the commands need: check, report, diff and the rest (no test or lint tools).
$(RUN_STAMP): tools/requirements-run.txt tools/requirements-check.txt tools/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r tools/requirements-run.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e tools
	@sh tools/git-setup.sh
	@touch $@

# The trend charts' plotting library (yearbook trends).
CHARTS_STAMP := $(VENV)/.installed-charts
$(CHARTS_STAMP): $(RUN_STAMP) tools/requirements-charts.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r tools/requirements-charts.txt
	@touch $@

# And the tests, lint and CI checks.
$(STAMP): $(RUN_STAMP) tools/requirements.txt tools/requirements-charts.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r tools/requirements.txt
	@touch $@

$(BENCH_STAMP): $(STAMP) tools/requirements-bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r tools/requirements-bench.txt
	@touch $@

## install: the virtualenv with every pinned package, tests and lint included (each target installs what it needs by itself)
install: $(STAMP)

## setup: the virtualenv with what the yearbook commands need and nothing more (CI jobs over records use this)
setup: $(RUN_STAMP)

## check: validate every record under records/
check: $(RUN_STAMP)
	$(BIN)/yearbook check records

## migrate: move records written in record format 1 to format 2 (comments and content kept)
migrate: $(RUN_STAMP)
	$(BIN)/yearbook migrate records

## report: the newest year's DOCX, PDF and Markdown in build/ (YEAR=2023 for another, YEAR=all for every year)
report: $(RUN_STAMP) fonts
	$(BIN)/yearbook report $(if $(YEAR),--year $(YEAR)) --out build

## trends: charts of the figures across years in build/trends (PNG, SVG, an .xlsx with charts, Markdown)
trends: $(CHARTS_STAMP) fonts
	$(BIN)/yearbook trends --out build/trends

## diff: what the working tree changes in the records, against the merge-base with the default branch
diff: $(RUN_STAMP)
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
	$(BIN)/python tools/bench/bench_startup.py
	$(BIN)/python tools/bench/bench_cycle.py
	$(BIN)/python tools/bench/bench_units.py

clean:
	rm -rf $(VENV) build
