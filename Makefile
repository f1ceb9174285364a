# Two commands for a newcomer: `make run` opens the app, `make test` runs every check.
# Both create the virtual environment in .venv and install the project when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench demo soak clean package package-test install-desktop uninstall-desktop

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,recording]'
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

# The timed processes run from compiled modules, as an installed app does (pip compiles them at
# install); with PYTHONDONTWRITEBYTECODE set, each one would compile imgjournal's sources first.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,recording,bench]'
	$(BIN)/python -m compileall -q imgjournal benchmarks
	$(BIN)/python -m benchmarks.run

# Not part of `make test` (about 10 minutes): SIGKILL the real app 200 times while it types and
# check the journal after each kill (docs/data-safety.md, "Crashes and several processes").
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.soak

# The desktop bundle (docs/packaging.md): dist/imgjournal/, one folder that runs without Python,
# built by PyInstaller (the `package` extra) from packaging/imgjournal.spec. About 40 s.
PKG_STAMP := $(VENV)/.package-installed

$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	touch $(PKG_STAMP)

package: $(PKG_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/imgjournal.spec

# Builds the bundle, then runs a copy of it from a temporary folder with an empty environment:
# the command line adds an entry and prints a PDF, the window opens offscreen and quits.
package-test: package
	$(BIN)/python packaging/smoke_test.py dist/imgjournal

# The launcher, icons and AppStream metainfo for the current user (~/.local/share); the
# launcher starts the bundle if `make package` built one, else the imgjournal on PATH.
install-desktop:
	sh packaging/linux/install.sh install

uninstall-desktop:
	sh packaging/linux/install.sh uninstall

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
