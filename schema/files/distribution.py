"""daicho as an installed distribution: its version and its project's address, read from the
package metadata (written from pyproject.toml's `[project]` when daicho was built or installed):
`daicho --version`, and what `daicho init` installs by default."""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "daicho"


def version() -> str:
    """The installed version (0.1.0); `0+unknown` for a source tree that was never installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def repository_url() -> str | None:
    """The project's repository ([project.urls] Repository), None where the metadata has none."""
    try:
        urls: list[str] = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository" and url.strip():
            return url.strip()
    return None
