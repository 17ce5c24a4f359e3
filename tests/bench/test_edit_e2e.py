"""bench/edit_e2e.py drives the real program through every editing row, on a small synthetic
repository: each row gets its figures, the rename writes every file that named the advisor, and
the edited copy still validates (the bench never writes into the repository it is given)."""

from __future__ import annotations

from pathlib import Path

from bench.edit_e2e import ROWS, advisor_near_50, measure, report
from bench.generate import generate
from tests.helpers import git


def test_every_editing_row_is_measured_on_a_copy(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    generate(repo, meetings=40, advisors=30)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "generated")
    advisor, _, named_by = advisor_near_50(repo)
    figures, facts = measure(repo, runs=1, passes=1, completed=("とだ",))  # a bench run types three texts
    assert {row.name for row in ROWS} <= set(figures.samples), report(figures, facts)
    assert all(value > 0 for values in figures.samples.values() for value in values)
    assert facts["advisor"] == advisor and facts["files_written"] == named_by + 1  # and advisors.toml
    assert str(facts["validate_after"]).startswith("exit 0"), facts
    assert git(repo, "status", "--porcelain") == ""  # the repository given was not touched
    assert "| rename: confirm → written |" in report(figures, facts)
