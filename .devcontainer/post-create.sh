#!/usr/bin/env bash
# Builds the course environment inside a Codespace or dev container.
#
# Run as the onCreateCommand, so a Codespaces prebuild runs it once and caches the result: a
# learner's codespace then starts with everything installed. Steps: the conda environment from
# environment.yml (Python, Graphviz, CPU-only torch, the project in editable mode), the Jupyter
# kernel every notebook names, and a shell that starts in that environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PREFIX="${GC100_ENV_PREFIX:-/opt/conda/envs/gc100}"
CONDA="${CONDA_EXE:-conda}"

if [ -x "$PREFIX/bin/python" ]; then
    echo "Updating the course environment in $PREFIX"
    "$CONDA" env update --prefix "$PREFIX" --file environment.yml --prune
else
    echo "Creating the course environment in $PREFIX"
    "$CONDA" env create --prefix "$PREFIX" --file environment.yml
fi

"$PREFIX/bin/python" -m ipykernel install --prefix "$PREFIX" --name graphcompute \
    --display-name "Graph Compute 100 (Python 3)"
# The Makefile's install stamp: `make lab` and `make test` find the environment ready.
touch "$PREFIX/.gc100-installed"

# New terminals start in the course environment.
line="conda activate $PREFIX"
for rc in "$HOME/.bashrc" "$HOME/.zshrc"; do
    if [ -f "$rc" ] && ! grep -qxF "$line" "$rc"; then
        echo "$line" >> "$rc"
    fi
done

"$PREFIX/bin/python" -c "import graphcompute, grader, torch; print('graphcompute ready, torch', torch.__version__)"
