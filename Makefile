# The two commands of the README: `make run` opens the terminal UI on the shipped records,
# `make test` runs the whole test suite (ruff, mypy, then pytest on every CPU). Each creates .venv
# when it is missing and installs what it needs (uv when present, else venv + pip). Beside them,
# `make check` is the inner loop (the same static checks, then the tests not marked slow, with a
# tenth of the Hypothesis examples) and `make bench` measures.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.daicho-runtime
TEST_STAMP := $(VENV)/.daicho-test

.PHONY: run test check static lint bench clean

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

PYTEST := $(BIN)/python -m pytest -q -p no:cacheprovider --dist loadgroup
# One worker more than the CPUs for the whole suite: its slow tests spend most of their time
# waiting (for a program in a pseudo-terminal, pip, pre-commit), and a third worker on 2 CPUs
# fills that time (122 s there, against 148 s with two workers and 142 s with four). The inner
# loop leaves those tests out and keeps a worker per CPU.
CPUS := $(shell nproc 2>/dev/null || echo 1)

# ruff, the import contracts of schema/'s layers, mypy --strict
static: $(TEST_STAMP)
	$(BIN)/ruff check schema daicho tui tests bench scripts
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: static
	$(PYTEST) -n $(shell echo $$(( $(CPUS) + 1 )))

# The slow tests (tests/conftest.py: SLOW) are left out, and the properties have a tenth of
# their examples (the Hypothesis profile "quick"); `make test` runs everything.
check: static
	HYPOTHESIS_PROFILE=quick $(PYTEST) -n $(CPUS) -m "not slow"

lint: $(TEST_STAMP)
	$(BIN)/ruff check schema daicho tui tests bench scripts

bench: $(TEST_STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .daicho-cache .pytest_cache .hypothesis
