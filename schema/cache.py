"""An on-disk cache of per-file results under the repository (`.daicho-cache/`, ignored by git).

Entries are keyed by the file's path and a digest of its bytes, and the whole cache by a digest of
daicho's own checking code, so a changed file or a changed checker is always checked again. A
cache that cannot be read (missing, corrupt, from another version) is silently started afresh:
the cache only ever saves work, it never decides what is reported.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from schema.atomic import write_text_atomic

CACHE_DIR = ".daicho-cache"
_CODE_ROOT = Path(__file__).resolve().parent


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@cache
def code_version() -> str:
    """A digest of the code that produces cached results: models, loader, checks, writer."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(_CODE_ROOT.rglob("*.py")):
        if "cli" in path.relative_to(_CODE_ROOT).parts:
            continue
        h.update(path.relative_to(_CODE_ROOT).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


class FileCache:
    """`path → (digest, value)` for one purpose (validate, fmt), stored as one JSON file."""

    def __init__(self, root: Path, name: str) -> None:
        self.path = root / CACHE_DIR / f"{name}.json"
        self.version = code_version()
        self._entries: dict[str, list[Any]] = {}
        self._dirty = False
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_bytes())
            if isinstance(data, dict) and data.get("version") == self.version:
                entries = data.get("files")
                if isinstance(entries, dict):
                    self._entries = entries
        except (OSError, ValueError, UnicodeDecodeError):
            self._entries = {}

    def get(self, relpath: str, file_digest: str) -> Any | None:
        entry = self._entries.get(relpath)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == file_digest:
            return entry[1]
        return None

    def put(self, relpath: str, file_digest: str, value: Any) -> None:
        self._entries[relpath] = [file_digest, value]
        self._dirty = True

    def keep_only(self, relpaths: set[str]) -> None:
        gone = set(self._entries) - relpaths
        for relpath in gone:
            del self._entries[relpath]
        self._dirty = self._dirty or bool(gone)

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            self.path.parent.mkdir(exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            text = json.dumps({"version": self.version, "files": self._entries}, ensure_ascii=False,
                              separators=(",", ":"))
            write_text_atomic(self.path, text)
        except OSError:
            pass  # a read-only repository still validates; it only loses the speed-up
        self._dirty = False
