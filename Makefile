# One entry point. `make demo` and `make test` work on a fresh machine with only Python 3.11+.
PYTHON ?= python3
# In a Codespace the conda environment of .devcontainer/post-create.sh is the environment.
VENV ?= $(or $(GC100_ENV_PREFIX),.venv)
PY := $(VENV)/bin/python
STAMP := $(VENV)/.gc100-installed
KERNEL_NAME := graphcompute
KERNEL_DISPLAY := Graph Compute 100 (Python 3)

.PHONY: install demo test lab lint clean

# The stamp is rebuilt when the dependencies change, so a second `make` installs nothing.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(PY) -m ipykernel install --prefix $(VENV) --name $(KERNEL_NAME) --display-name "$(KERNEL_DISPLAY)" >/dev/null
	@touch $(STAMP)

install: $(STAMP)

# The main job: grade the bundled example submissions into the SQLite gradebook, print the table.
demo: install
	$(VENV)/bin/gc100 --course examples grade
	$(VENV)/bin/gc100 --course examples export --format csv

test: install
	$(PY) -m pytest -n auto

lab: install
	$(VENV)/bin/gc100 lab

lint: install
	$(VENV)/bin/ruff check src grader tests benchmarks

clean:
	rm -rf $(VENV) examples/gradebook.db examples/autograded examples/feedback
