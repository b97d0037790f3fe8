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

# As root (CI), the grading and sandbox tests run a second time as an unprivileged user:
# a grader without root takes other paths (docs/security.md, "Not as root").
UNPRIVILEGED_TESTS := tests/adversarial/test_exits.py tests/adversarial/test_files.py tests/adversarial/test_resources.py \
	tests/adversarial/test_processes.py tests/adversarial/test_tampering.py tests/test_engine.py \
	tests/test_setup_globals.py tests/test_output_limits.py

# Both passes run even when the first fails; make fails if either did.
test: $(INSTALLED) os-packages
	status=0; $(BIN)/python -m pytest || status=$$?; \
	if [ "$$(id -u)" = 0 ]; then scripts/test-unprivileged -m "not root" $(UNPRIVILEGED_TESTS) || status=$$?; fi; \
	exit $$status

# The My training JupyterLab plugin is built into the package (src/salesacademy/labextensions/)
# and committed; rebuild it after changing src/labextension/. Needs Node.js and npm.
labextension: $(INSTALLED)
	cd src/labextension && npm install --no-package-lock --no-audit --no-fund && npm run build

clean:
	rm -rf demo .pytest_cache
