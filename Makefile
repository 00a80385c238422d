# One entry point. `make demo` and `make test` work on a fresh machine with only Python 3.11+.
PYTHON ?= python3
# In a Codespace the conda environment of .devcontainer/post-create.sh is the environment.
VENV ?= $(or $(GC100_ENV_PREFIX),.venv)
PY := $(VENV)/bin/python
STAMP := $(VENV)/.gc100-installed
KERNEL_NAME := graphcompute
KERNEL_DISPLAY := Graph Compute 100 (Python 3)

.PHONY: install system-packages lock demo test bench lab lint clean

# The environment is the lock: every package, dev tools included, at the version CI tested; then
# the project itself, whose dependencies the lock already holds. The stamp is rebuilt when either
# file changes, so a second `make` installs nothing.
LOCK := requirements.lock
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m pip check --disable-pip-version-check >/dev/null
	$(PY) -m ipykernel install --prefix $(VENV) --name $(KERNEL_NAME) --display-name "$(KERNEL_DISPLAY)" >/dev/null
	@touch $(STAMP)

install: $(STAMP)

# Refresh the lock on purpose: the newest releases pyproject.toml's ranges admit, resolved by
# pip-tools (in a folder of its own, so that it is not part of the environment it locks). torch
# loses its local label (2.13.0+cpu): pip takes the CPU build wherever one is offered.
LOCK_TOOLS := .lock-tools
lock:
	@test -x $(LOCK_TOOLS)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_TOOLS) && \
	  $(LOCK_TOOLS)/bin/pip install --quiet --disable-pip-version-check pip-tools==7.7.0; }
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_TOOLS)/bin/pip-compile --quiet --upgrade --extra=dev \
	  --strip-extras --no-emit-find-links --no-emit-index-url --output-file=$(LOCK) pyproject.toml
	sed -i 's/^torch==\([^+]*\)+.*/torch==\1/' $(LOCK)

# Debian packages the grader, the pictures and the tests use: bubblewrap (the sandbox's
# namespaces), Graphviz (graph layout) and PostgreSQL (a real server for the gradebook's tests).
# Installed when this runs as root with apt; otherwise gc100 and the drawings fall back, the
# PostgreSQL tests skip, and each says so.
system-packages:
	@missing=""; \
	command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	{ command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; } || \
	  missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || \
	    echo "could not install$$missing: the sandbox and drawings fall back, PostgreSQL tests skip"; \
	  else echo "note:$$missing not installed; the sandbox and drawings fall back, PostgreSQL tests skip (see README)"; fi; \
	fi

# The main job: grade the bundled example submissions into the SQLite gradebook, print the table.
demo: install system-packages
	$(VENV)/bin/gc100 --course examples grade
	$(VENV)/bin/gc100 --course examples export --format csv

test: install system-packages
	$(PY) -m pytest -n auto --durations=40

# Speed, against nbgrader on the same submissions, and the cost of the test boundary.
bench: install system-packages
	$(PY) benchmarks/grade_throughput.py --students 48
	$(PY) benchmarks/boundary_cost.py --students 8
	$(PY) benchmarks/console_pages.py --students 500

lab: install
	$(VENV)/bin/gc100 lab

lint: install
	$(VENV)/bin/ruff check src grader tests benchmarks

clean:
	rm -rf $(VENV) examples/gradebook.db examples/autograded examples/feedback
