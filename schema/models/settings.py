"""The repository's settings: `daicho.toml` at its root, optional.

What is true of a repository as a whole rather than of one record: whose records it keeps, to
begin with. Later settings (the open-data licence, intake mappings) belong here too.
"""

from __future__ import annotations

from schema.models.common import Bureau, Prose, Record


class Settings(Record):
    """The repository's settings (daicho.toml)."""

    bureau: Bureau | None = None
    """The bureau whose records the repository keeps (tohoku): the terminal UI lists its region's
    local governments, and a new meeting takes it as its bureau. Left out, the bureau most of the
    repository's meetings are of is taken (else its advisors')."""
    note: Prose | None = None
    """Free text."""
