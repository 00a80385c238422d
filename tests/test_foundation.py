"""The repository itself: packaging, environment files, devcontainer, README's commands, CI."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_layout() -> None:
    for name in ("notebooks", "src/graphcompute", "grader", "tests", "benchmarks", "examples",
                 "environment.yml", ".devcontainer", "pyproject.toml", "Makefile", "README.md",
                 ".ci/run"):
        assert (ROOT / name).exists(), name


def test_both_packages_import_and_the_cli_lists_its_commands() -> None:
    done = subprocess.run([sys.executable, "-c", "import graphcompute, grader"], capture_output=True)
    assert done.returncode == 0, done.stderr
    gc100 = Path(sys.executable).with_name("gc100")
    out = subprocess.run([str(gc100), "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("release", "check", "grade", "export", "lab"):
        assert re.search(rf"^\s+{command}\s", out, re.M), command


def test_torch_is_the_pinned_cpu_build() -> None:
    import torch

    pins = [Requirement(r) for r in pyproject()["project"]["dependencies"]]
    torch_pin = next(r for r in pins if r.name == "torch")
    assert str(torch_pin.specifier) == "==2.13.0"
    assert torch.__version__.startswith("2.13.0") and not torch.cuda.is_available()


def test_environment_yml_reaches_every_dependency_and_agrees_on_pins() -> None:
    env = environment()
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "graphviz" in conda and "pip" in conda
    # every package at the lock's version, then the project itself
    assert "-r requirements.lock" in pip and "-e ." in pip
    python = next(d for d in conda if d.startswith("python"))
    requires = SpecifierSet(pyproject()["project"]["requires-python"])
    assert Version(python.split("=")[1] + ".0") in requires
    # nothing named in both files may disagree
    ours = {r.name.lower(): r for r in (Requirement(x) for x in pyproject()["project"]["dependencies"]
                                        + pyproject()["project"]["optional-dependencies"]["dev"])}
    for line in pip:
        if line.startswith("-"):
            continue
        theirs = Requirement(line)
        assert theirs.name.lower() in ours, f"{line} is not a dependency of pyproject.toml"
        assert theirs.specifier == ours[theirs.name.lower()].specifier, line
    # torch from the CPU wheel index, never PyPI's multi-GB CUDA build
    assert any("download.pytorch.org/whl/cpu" in line for line in pip)


def locked() -> dict[str, str]:
    """requirements.lock as {normalized name: exact version}; any other kind of line fails."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier  # one exact pin per package, no ranges, no URLs
        assert spec.operator == "==" and not requirement.url and not requirement.extras, line
        pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_the_lock_pins_every_dependency_of_pyproject_within_its_range() -> None:
    """The lock and pyproject.toml never disagree: each dependency, dev tools included, is
    pinned in the lock at a version its range admits (`make lock` refreshes the lock)."""
    pins = locked()
    project = pyproject()["project"]
    for line in project["dependencies"] + project["optional-dependencies"]["dev"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{line} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside pyproject.toml's {line}: run make lock")
    assert pins["torch"] == "2.13.0"


def test_the_environment_is_the_lock() -> None:
    """What runs the tests is what the lock says: every locked package installed at its version
    (torch's CPU build carries the local label +cpu)."""
    from importlib.metadata import PackageNotFoundError, version

    wrong = {}
    for name, pinned in locked().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed is None or Version(installed).public != Version(pinned).public:
            wrong[name] = (pinned, installed)
    assert not wrong, f"installed packages differ from requirements.lock (pinned, installed): {wrong}"


def test_devcontainer_matches_the_official_schema() -> None:
    from jsonschema import Draft201909Validator

    schema = json.loads((ROOT / "tests/data/devcontainer/devContainer.base.schema.json").read_text())
    config = json.loads((ROOT / ".devcontainer/devcontainer.json").read_text())
    errors = sorted(Draft201909Validator(schema).iter_errors(config), key=str)
    assert not errors, "\n".join(e.message for e in errors)
    # and a config with a typo is caught, so the schema really checks
    broken = {**config, "hostRequirements": {"cpus": "two"}}
    assert list(Draft201909Validator(schema).iter_errors(broken))


def test_devcontainer_is_what_a_learner_needs() -> None:
    config = json.loads((ROOT / ".devcontainer/devcontainer.json").read_text())
    assert config["hostRequirements"]["cpus"] == 2
    port = str(config["forwardPorts"][0])
    assert config["portsAttributes"][port]["label"] == "JupyterLab"
    assert {"ms-python.python", "ms-toolsai.jupyter"} <= set(
        config["customizations"]["vscode"]["extensions"])
    for path in config["customizations"]["codespaces"]["openFiles"]:
        assert (ROOT / path).is_file(), path
    assert "post-create.sh" in config["onCreateCommand"]
    assert "make lab" in config["postAttachCommand"]


def test_post_create_builds_the_environment(tmp_path: Path) -> None:
    """Run the real script; only `conda` is a stand-in, because this machine has no conda."""
    prefix = tmp_path / "env"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "conda.log"
    stub = bin_dir / "conda"
    stub.write_text(f"""#!/bin/sh
echo "$@" >> {log}
mkdir -p {prefix}/bin
printf '#!/bin/sh\\nexec {sys.executable} "$@"\\n' > {prefix}/bin/python
chmod +x {prefix}/bin/python
""")
    stub.chmod(stub.stat().st_mode | stat.S_IEXEC)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("# bashrc\n")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "HOME": str(home),
           "GC100_ENV_PREFIX": str(prefix)}
    env.pop("CONDA_EXE", None)
    done = subprocess.run(["bash", str(ROOT / ".devcontainer/post-create.sh")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert log.read_text().split() == ["env", "create", "--prefix", str(prefix), "--file",
                                       "environment.yml"]
    kernel = json.loads((prefix / "share/jupyter/kernels/graphcompute/kernel.json").read_text())
    assert kernel["display_name"] == "Graph Compute 100 (Python 3)"
    assert (prefix / ".gc100-installed").exists()
    assert f"conda activate {prefix}" in (home / ".bashrc").read_text()
    assert "graphcompute ready" in done.stdout
    # a second run updates instead of creating, and does not repeat the activation line
    done = subprocess.run(["bash", str(ROOT / ".devcontainer/post-create.sh")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0
    assert log.read_text().splitlines()[-1].startswith("env update --prefix")
    assert (home / ".bashrc").read_text().count("conda activate") == 1


def test_readme_quickstart_is_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```\n(.*?)```", quickstart, re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_makefile_and_ci_run_the_readme_commands() -> None:
    makefile = (ROOT / "Makefile").read_text()
    for target in ("demo", "test", "install", "lab"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "pytest -n auto" in makefile
    ci = (ROOT / ".ci/run").read_text()
    assert "make test" in ci and "-eq 5" in ci
    assert os.access(ROOT / ".ci/run", os.X_OK)


@pytest.mark.parametrize("name", ["graphcompute", "grader"])
def test_packages_have_docstrings(name: str) -> None:
    module = __import__(name)
    assert module.__doc__ and len(module.__doc__) > 40


@pytest.mark.parametrize("argv", [["--course", "C", "grade", "ps1"], ["grade", "ps1", "--course", "C"],
                                  ["grade", "--course", "C", "ps1"], ["--course", "elsewhere", "grade", "ps1", "--course", "C"]])
def test_the_global_options_go_before_or_after_the_command(argv: list[str]) -> None:
    from grader.cli import build_parser

    args = build_parser().parse_args([*argv, "--db", "sqlite:///x.db"])
    assert (args.course, args.db, args.assignment) == ("C", "sqlite:///x.db", ["ps1"])
    assert build_parser().parse_args(["export"]).course == "."
