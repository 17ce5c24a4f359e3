"""The user's settings of the terminal UI, kept in `$XDG_CONFIG_HOME/daicho/settings.toml`
(`~/.config/daicho/settings.toml`): whether a save first shows the diff it will make."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path


def settings_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "daicho" / "settings.toml"


@dataclass
class Settings:
    confirm_save: bool = True
    """Show the diff a save will make and ask before writing."""

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The settings in the file; the defaults where it is missing or not readable."""
        try:
            with (path or settings_path()).open("rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError):
            return cls()
        value = data.get("confirm_save")
        return cls(confirm_save=value if isinstance(value, bool) else True)

    def save(self, path: Path | None = None) -> None:
        from schema.files.atomic import write_text_atomic

        target = path or settings_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, f"confirm_save = {'true' if self.confirm_save else 'false'}\n")
        except OSError:
            pass  # the setting holds for this session
