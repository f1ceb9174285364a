# Two commands for a newcomer: `make run` opens the app, `make test` runs every check.
# Both create the virtual environment in .venv and install the project when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench demo soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/imgjournal

demo: $(STAMP)
	$(BIN)/imgjournal demo

lint: $(STAMP)
	$(BIN)/ruff check imgjournal tests $(wildcard benchmarks)
	$(BIN)/ruff format --check imgjournal tests $(wildcard benchmarks)
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks.run

# Not part of `make test` (about 10 minutes): SIGKILL the real app 200 times while it types and
# check the journal after each kill (docs/data-safety.md, "Crashes and several processes").
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.soak

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
