"""The repository as the interface holds it: the headless read model (schema.read.readmodel) filled in
steps while loading, with the repository's location. Never imports Textual (the bench and the tests
use it headless).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schema.files.repofiles import read_file
from schema.models import Records
from schema.read.readmodel import ReadModel, Ref, RefKind
from schema.read.xref import CrossIndex, build_index
from schema.words.problems import Problem
from tui.i18n import Catalogue

__all__ = ["Ref", "RefKind", "RepoData", "failure"]


@dataclass
class RepoData(ReadModel):
    """Everything the interface shows. Filled in steps while loading (see tui.loading):
    `roots_ready` once themes, local governments and advisors are loaded, `ready` once every file
    is loaded, the references resolved and the cross-reference index built.

    The files' texts are not kept (a nationwide repository's are 20 MB): the few views that need
    one (a file that did not load, the record a problem of a root file is in) read it again."""

    repo: Path = Path(".")
    ready: bool = False
    roots_ready: bool = False

    @classmethod
    def load(cls, repo: Path, cat: Catalogue) -> RepoData:
        """Load everything at once; a repository with problems gives its records and problems."""
        from schema.load.loader import load_repository

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
        super().complete(records, problems, texts, index)
        self.ready = self.roots_ready = True

    def text_of(self, path: str) -> str | None:
        """The file's text as kept, else as it is on disk now (None when it cannot be read or is
        not UTF-8: the file's problems say why)."""
        text = super().text_of(path)
        if text is not None:
            return text
        raw = read_file(self.repo, path)
        if isinstance(raw, Problem):
            return None
        try:
            return raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            return None

    def unloaded_meetings(self) -> int:
        """Meeting files that did not load (their problems say why)."""
        loaded = set(self.records.meeting_paths.values())
        return len({p.path for p in self.problems
                    if p.path.startswith("meetings/") and p.path.endswith(".toml") and p.path not in loaded})

    def problem_ref(self, number: int) -> Ref | None:
        return super().problem_ref(number) if self.ready else None

    def problems_of(self, ref: Ref) -> list[int]:
        return super().problems_of(ref) if self.ready else []


def failure(exc: BaseException, cat: Catalogue) -> Problem:
    """A problem that stands for a loader that failed (a bug): shown, never a crash."""
    return Problem(path=".", line=None, col=None, code="E100",
                   message=cat.t("loader.failed", error=repr(exc)))
