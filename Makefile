# Set-up and everyday commands. `make demo` and `make test` work on a fresh machine
# that has only Python 3.10+, pip and a C compiler.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test build bench clean

# Installed runtime; the stamp is refreshed when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/templatekit build templates --out dist
	$(BIN)/templatekit lint templates

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

build: $(VENV)/.installed
	$(BIN)/templatekit build

# Speed figures for README's Performance section (several minutes; node optional).
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) dist .pytest_cache .templatekit_cache
