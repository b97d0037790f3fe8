"""pyproject.toml and environment.yml (its conda packages and its pip list) must list the same packages with the same lower bounds."""

import re
import tomllib

import yaml

from salesacademy.config import bundled_content


def normalise(spec: str) -> tuple[str, str]:
    name, bound = re.match(r"^([A-Za-z0-9_.-]+)\s*(>=\s*[0-9.]+)?", spec).groups()
    return name.lower().replace("_", "-"), (bound or "").replace(" ", "")


def test_environment_yml_matches_pyproject():
    root = bundled_content()
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    pip_side = {normalise(s) for s in project["dependencies"] + project["optional-dependencies"]["test"]}
    environment = yaml.safe_load((root / "environment.yml").read_text())
    conda_side = {normalise(s) for s in environment["dependencies"] if isinstance(s, str) and not s.startswith(("python=", "pip"))}
    from_pypi = next(s["pip"] for s in environment["dependencies"] if isinstance(s, dict))  # what conda-forge does not package
    conda_side |= {normalise(s) for s in from_pypi if not s.startswith("-e")}
    assert pip_side == conda_side
    assert any(s == "python=3.11" for s in environment["dependencies"] if isinstance(s, str))
