"""The lock (constraints.txt) pins every dependency that pyproject.toml names, inside its range."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def locked() -> dict[str, list[str]]:
    pins: dict[str, list[str]] = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        if m:
            pins.setdefault(canonicalize_name(m.group(1).split("[")[0]), []).append(m.group(2))
    return pins


def direct() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return [Requirement(r) for r in reqs]


def test_every_direct_dependency_is_locked_inside_its_range():
    pins = locked()
    assert pins, "constraints.txt has no pins"
    for req in direct():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not in constraints.txt: refresh the lock (README)"
        for version in pins[name]:
            assert req.specifier.contains(version, prereleases=True), f"{req.name}=={version} is outside {req.specifier}"


def test_both_readme_commands_install_from_the_lock():
    from tests.test_readme import readme_commands

    run, test = readme_commands()[:2]
    assert "-c constraints.txt" in run and "-c constraints.txt" in test
