"""The repository as the interface holds it: the headless read model (schema.readmodel) filled in
steps while loading, with the repository's location. Never imports Textual (the bench and the tests
use it headless).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schema.models import Records
from schema.problems import Problem
from schema.readmodel import ReadModel, Ref, RefKind
from schema.xref import CrossIndex, build_index
from tui.i18n import Catalogue

__all__ = ["Ref", "RefKind", "RepoData", "failure"]


@dataclass
class RepoData(ReadModel):
    """Everything the interface shows. Filled in steps while loading (see
    schema.loader.RepositoryLoader); `ready` once every file is loaded, the references resolved and
    the cross-reference index built."""

    repo: Path = Path(".")
    ready: bool = False
    generation: int = 0
    """Counts the times the records changed after loading (a save, a reload): a screen built from
    an older generation shows its record again."""

    @classmethod
    def load(cls, repo: Path, cat: Catalogue) -> RepoData:
        """Load everything at once; a repository with problems gives its records and problems."""
        from schema.loader import load_repository

        data = cls(repo=repo)
        try:
            result = load_repository(repo)
        except Exception as exc:  # the interface must open even when the loader fails
            data.complete(Records(), [failure(exc, cat)], {}, CrossIndex())
            return data
        texts = {path: source.text for path, source in result.sources.items()}
        data.complete(result.records, list(result.problems), texts, build_index(result.records))
        return data

    def complete(self, records: Records, problems: list[Problem], texts: dict[str, str],
                 index: CrossIndex) -> None:
        self.records, self.problems, self.file_texts, self.index = records, problems, texts, index
        self.reset_problems()
        self.ready = True

    def reload_files(self, relpaths: list[str]) -> None:
        """Read the given files again (a save wrote them): meetings one by one, the references
        between files checked again; a root file (everything refers to it) reloads everything."""
        from schema.checks import resolve
        from schema.loader import check_file, finding_problems, load_repository
        from schema.models import Meeting
        from schema.problems import sort_key
        from schema.repofiles import ROOT_FILES, known_keys

        if any(path in ROOT_FILES for path in relpaths):
            result = load_repository(self.repo)
            texts = {path: source.text for path, source in result.sources.items()}
            self.complete(result.records, list(result.problems), texts, build_index(result.records))
            self.generation += 1
            return
        records = self.records
        changed = set(relpaths)
        problems = [p for p in self.problems if p.path not in changed]
        known = known_keys({"themes.toml": list(records.themes), "municipalities.toml": list(records.municipalities),
                            "advisors.toml": list(records.advisors)})
        removed: list[str] = []
        added: list[Meeting] = []
        for relpath in relpaths:
            for meeting_id in [m for m, path in records.meeting_paths.items() if path == relpath]:
                removed.append(meeting_id)
                records.meetings.pop(meeting_id, None)
                records.meeting_paths.pop(meeting_id, None)
            self.file_texts.pop(relpath, None)
            if not (self.repo / relpath).exists():
                continue
            checked = check_file(self.repo, relpath)
            problems += checked.problems
            if checked.source is not None:
                self.file_texts[relpath] = checked.source.text
                problems += finding_problems(checked.source, resolve(relpath, checked.refs, known))
            if isinstance(checked.model, Meeting):
                records.meetings[checked.model.id] = checked.model
                records.meeting_paths[checked.model.id] = relpath
                added.append(checked.model)
        order = sorted(records.meetings, key=lambda mid: records.meeting_paths[mid])
        records.meetings = {mid: records.meetings[mid] for mid in order}
        records.meeting_paths = {mid: records.meeting_paths[mid] for mid in order}
        index = self.index
        index.replace_meetings(removed, added)
        self.complete(records, sorted(set(problems), key=sort_key), self.file_texts, index)
        self.generation += 1

    def problem_ref(self, number: int) -> Ref | None:
        return super().problem_ref(number) if self.ready else None

    def problems_of(self, ref: Ref) -> list[int]:
        return super().problems_of(ref) if self.ready else []


def failure(exc: BaseException, cat: Catalogue) -> Problem:
    """A problem that stands for a loader that failed (a bug): shown, never a crash."""
    return Problem(path=".", line=None, col=None, code="E100",
                   message=cat.t("loader.failed", error=repr(exc)))
