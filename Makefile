# Shortcuts for working on dangvien, in the venv the README makes (python3 -m venv .venv && .venv/bin/pip
# install -e '.[dev]'). CI runs .ci/run, which runs everything: the whole suite, again on PostgreSQL, the linters.

VENV ?= .venv
BIN := $(VENV)/bin
# pytest-xdist workers (make test WORKERS=2)
WORKERS ?= auto

.PHONY: test test-all test-pg lint docs tour

test:  # the fast loop: every test but those marked slow (wheels, servers, many processes), in parallel
	$(BIN)/pytest -q -n $(WORKERS) -m "not slow"

test-all:  # the whole suite on SQLite, slow tests included
	$(BIN)/pytest -q -n $(WORKERS)

test-pg:  # the whole suite on a throwaway PostgreSQL server (needs initdb and pg_ctl)
	$(BIN)/python -m tests.pg_server -- $(BIN)/pytest -q -n $(WORKERS) -p no:cacheprovider

lint:  # ruff, mypy (strict) and the import contracts of docs/architecture.md
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

docs:  # the documentation site, built as CI builds it (strict: a broken link fails); into site/, not committed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

tour:  # run the tours (README.md, docs/tour.md) and paste the real outputs in; read the diff afterwards
	$(BIN)/python scripts/tour.py
