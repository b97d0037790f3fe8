# Two commands do everything on a fresh machine:
#   make demo   the whole training cycle on a synthetic cohort
#   make test   the test suite
# Both create .venv and install what they need, OS packages included.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test os-packages clean labextension

$(INSTALLED): pyproject.toml scripts/os-packages
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	scripts/os-packages runtime
	@touch $@

os-packages:
	scripts/os-packages test

demo: $(INSTALLED)
	$(BIN)/academy demo

test: $(INSTALLED) os-packages
	$(BIN)/python -m pytest

# The My training JupyterLab plugin is built into the package (src/salesacademy/labextensions/)
# and committed; rebuild it after changing src/labextension/. Needs Node.js and npm.
labextension: $(INSTALLED)
	cd src/labextension && npm install --no-package-lock --no-audit --no-fund && npm run build

clean:
	rm -rf demo .pytest_cache
