# The two commands of the README: `make run` opens the terminal UI on the shipped records,
# `make test` runs the whole test suite (ruff, mypy, then pytest on every CPU). Each creates .venv
# when it is missing and installs what it needs (uv when present, else venv + pip).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.daicho-runtime
TEST_STAMP := $(VENV)/.daicho-test

.PHONY: run test lint bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "daicho needs Python 3.11 or newer")'
	@if command -v uv >/dev/null 2>&1; then uv venv --python $(PYTHON) $(VENV); \
	else $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet --upgrade pip; fi

define install
	@if command -v uv >/dev/null 2>&1; then uv pip install --python $(BIN)/python --quiet -e '$(1)'; \
	else $(BIN)/python -m pip install --quiet -e '$(1)'; fi
endef

# The sources are byte-compiled once installed (pip does so for the libraries): each start then
# reads cached bytecode even where PYTHONDONTWRITEBYTECODE is set (about 0.2 s of every start).
COMPILE := $(BIN)/python -m compileall -q schema daicho tui

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(call install,.)
	@$(COMPILE)
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(call install,.[test])
	@$(COMPILE)
	@touch $@ $(RUNTIME_STAMP)

run: $(RUNTIME_STAMP)
	$(BIN)/daicho

test: $(TEST_STAMP)
	$(BIN)/ruff check schema daicho tui tests bench scripts
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto --dist loadgroup

lint: $(TEST_STAMP)
	$(BIN)/ruff check schema daicho tui tests bench scripts

bench: $(TEST_STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .daicho-cache .pytest_cache .hypothesis
