"""A save killed at any point (kill -9) leaves the file as it was or as the save wrote it, never a
mix of the two or an empty file: saves run in a child process killed at random moments while it
saves again and again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import PROJECT, SEED_MEETING

CHILD = """
import sys
from pathlib import Path
from schema.edit.session import EditSession
from schema.load.loader import load_repository

root = Path(sys.argv[1])
records = load_repository(root).records
print("ready", flush=True)
number = 0
while True:
    session = EditSession(root, records)
    draft = session.open(sys.argv[2])
    number += 1
    draft.set(("title",), "題" * 2000 if number % 2 else "短い題")
    draft.set(("summary",), ("長い概要。" * 4000) if number % 2 else "短い概要。")
    session.save()
"""


def _variants(repo: Path) -> set[bytes]:
    """The bytes the file may hold: as it was, or as either save writes it."""
    from schema.edit.session import EditSession
    from schema.load.loader import load_repository

    out = {(repo / SEED_MEETING).read_bytes()}
    for title, summary in (("題" * 2000, "長い概要。" * 4000), ("短い題", "短い概要。")):
        session = EditSession(repo, load_repository(repo).records)
        draft = session.open(SEED_MEETING)
        draft.set(("title",), title)
        draft.set(("summary",), summary)
        out.add((draft.canonical() or "").encode("utf-8"))
    return out


def test_a_killed_save_leaves_old_or_new_bytes(repo: Path) -> None:
    allowed = _variants(repo)
    rng = random.Random(9)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    for kills in range(1, 13):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(repo), SEED_MEETING], stdout=subprocess.PIPE,
                                 env=env, cwd=PROJECT)
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait()
        data = (repo / SEED_MEETING).read_bytes()
        assert data in allowed, f"a torn file after kill {kills}: {len(data)} bytes"
    leftovers = [p.name for p in (repo / "meetings").iterdir() if p.name.endswith(".tmp")]
    # A kill between the temporary file and the rename leaves the temporary file only (never the
    # data file half written); fmt removes such leftovers and validate reports them (E114).
    assert all(name.startswith(f".{Path(SEED_MEETING).name}.") for name in leftovers)
