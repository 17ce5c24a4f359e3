"""Fixtures of the command-line tests: daicho built and installed as a user gets it, once a session.

The tests that use them carry `pytest.mark.xdist_group("installed")`, so that with `make test`'s
`--dist loadgroup` one worker runs them all and the distributions are built once, not once a worker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.installing import Distributions, build_distributions, install_wheel


@pytest.fixture(scope="session")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> Distributions:
    """daicho's sdist and wheel, built from a clean copy of the project."""
    return build_distributions(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def installed(distributions: Distributions, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `daicho` command of a new environment, outside the checkout, with the wheel installed."""
    return install_wheel(distributions.wheel, tmp_path_factory.mktemp("installed") / "venv")
