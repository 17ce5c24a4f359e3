"""Where daicho keeps what belongs to this machine's user rather than to a repository:
`$XDG_CACHE_HOME/daicho/` (by default `~/.cache/daicho/`) — the key that signs caches and journals
(`schema.files.cache`), the lock files where a folder cannot be locked itself (`schema.files.lock`)."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_folder() -> Path:
    """daicho's folder in the user's cache folder (not made here)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "daicho"
