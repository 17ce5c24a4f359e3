"""Fixtures of the command-line tests: daicho as a user gets it, built and installed once a session.

The tests that use them carry `pytest.mark.xdist_group("installed")`, so that with `make test`'s
`--dist loadgroup` one worker runs them all and each fixture is made once, not once a worker.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.installing import (
    Distributions,
    build_distributions,
    clean_copy,
    git_checkout,
    install_wheel,
    offline_pip_env,
    wheelhouse,
)


@pytest.fixture(scope="session")
def source_checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git clone of the project as it is now (`daicho init --source` names one)."""
    return git_checkout(clean_copy(tmp_path_factory.mktemp("source") / "daicho"))


@pytest.fixture(scope="session")
def distributions(source_checkout: Path, tmp_path_factory: pytest.TempPathFactory) -> Distributions:
    """daicho's sdist and wheel, built from the clean clone."""
    return build_distributions(source_checkout, tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def installed(distributions: Distributions, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `daicho` command of a new environment, outside the checkout, with the wheel installed."""
    return install_wheel(distributions.wheel, tmp_path_factory.mktemp("installed") / "venv")


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment pre-commit runs in: its own home for the session (the hooks' environment is
    made once), and pip in that environment installing offline from wheels of the packages this
    one has (daicho's dependencies, and setuptools to build daicho)."""
    wheels = wheelhouse(tmp_path_factory.mktemp("wheels"), "setuptools")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return {**os.environ, **offline_pip_env(wheels), "PATH": path,
            "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
