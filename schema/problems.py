"""Problems found in a repository: small frozen records with a stable code and a source position.

Bad data never raises: loaders and checks return problems, and the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Stable codes. Never renumber: CI configurations and reviewers rely on them.
CODES: dict[str, str] = {
    # files and text
    "E100": "file cannot be read",
    "E101": "file is not UTF-8",
    "E102": "file starts with a byte-order mark",
    "E103": "CRLF or CR line ending",
    "E104": "merge-conflict marker",
    "E105": "character that can disguise a change in review",
    "E106": "control character",
    "E107": "comment (comments are not data)",
    "E108": "file too large",
    "E109": "TOML syntax error",
    "E110": "duplicate key",
    "E111": "required file missing",
    "E112": "unexpected file in meetings/",
    # fields
    "E201": "unknown field",
    "E202": "missing field",
    "E203": "wrong type or value",
    "E204": "invalid id or code",
    "E205": "meeting file name does not match its id",
    "E206": "meeting id does not start with its date",
    # references
    "E301": "unknown advisor",
    "E302": "unknown person in this meeting",
    "E303": "unknown local government",
    "E304": "unknown theme",
    "E305": "unknown part of the meeting",
    # local governments
    "E401": "wrong check digit",
    "E402": "prefecture missing",
    "E403": "kind does not fit the code",
    # consistency
    "E501": "fiscal year does not agree with the date",
    "E502": "attendance smaller than the people named",
    "E503": "end date before start date",
    "E504": "field required by the meeting's kind",
    "E505": "duplicate entry",
    "E506": "anonymous question that names who asked",
    "E507": "unnamed people in a role the record does not have",
}


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem: where (repository-relative POSIX path, 1-based line and column) and what."""

    path: str
    line: int | None
    col: int | None
    code: str
    message: str

    @property
    def title(self) -> str:
        return CODES.get(self.code, self.code)

    def location(self) -> str:
        if self.line is None:
            return self.path
        if self.col is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.col}"

    def format_text(self) -> str:
        return f"{self.location()}: {self.code} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "title": self.title,
            "message": self.message,
        }


REWRITE_FIXES = frozenset({"E102", "E103"})
"""Problems that rewriting a file in canonical form repairs: a byte-order mark and CR line endings."""


def blocks_rewrite(problem: Problem) -> bool:
    """Whether a problem forbids rewriting its file (fmt, import, the UI's save): text, syntax and
    schema problems (E1xx, E2xx) — comments among them, which a rewrite would drop — but not the
    two that a rewrite repairs. Problems between files (E3xx and above) do not stop a rewrite."""
    return problem.code < "E300" and problem.code not in REWRITE_FIXES


def sort_key(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.path, problem.line or 0, problem.col or 0, problem.code, problem.message)
