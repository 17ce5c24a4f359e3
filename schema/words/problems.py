"""Problems found in a repository: small frozen records with a stable code and a source position.

Bad data never raises: loaders and checks return problems, and the CLI prints them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from schema.words.messages import Args, Message, say
from schema.words.sanitize import path_fields, printable

if TYPE_CHECKING:
    from schema.words.catalogue import Catalogue

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
    "E113": "link that leaves the repository",
    "E114": "leftover temporary file",
    "E115": "more problems than are listed",
    # fields
    "E201": "unknown field",
    "E202": "missing field",
    "E203": "wrong type or value",
    "E204": "invalid id or code",
    "E205": "meeting file name does not match its id",
    "E206": "meeting id does not start with its date",
    "E207": "text longer than allowed",
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
    """One problem: where (repository-relative POSIX path, 1-based line and column) and what.

    `message` is the English text (the stable output for CI tools and JSON); `key` and `args` are
    the template it was made from (schema.words.messages), so that any language can render it:
    `Catalogue.problem_message`. A problem without a key is shown in its English words."""

    path: str
    line: int | None
    col: int | None
    code: str
    message: str
    key: str = ""
    args: Args = ()

    @classmethod
    def of(cls, path: str, line: int | None, col: int | None, code: str, message: Message) -> Problem:
        """A problem with a message made by `schema.words.messages.say`."""
        return cls(path, line, col, code, message.text, message.key, message.args)

    @property
    def title(self) -> str:
        return CODES.get(self.code, self.code)

    def location(self) -> str:
        """Where, for people: the path as it can be shown (see `schema.words.sanitize.printable`)."""
        path = printable(self.path)
        if self.line is None:
            return path
        if self.col is None:
            return f"{path}:{self.line}"
        return f"{path}:{self.line}:{self.col}"

    def text(self, cat: Catalogue | None = None) -> str:
        """The message in the catalogue's language (English without one), safe to print."""
        return printable(shorten_message(self.message if cat is None else cat.problem_message(self)))

    def format_text(self, cat: Catalogue | None = None) -> str:
        """One line, safe to print: no control or invisible character of a file name or of the
        file's text reaches the terminal, and no line break can start a line of its own. In the
        catalogue's language, English without one."""
        return f"{self.location()}: {self.code} {self.text(cat)}"

    def as_dict(self, cat: Catalogue | None = None) -> dict[str, object]:
        """For programs: `path` the file's name as it is (`path_bytes` too where it is not UTF-8:
        `schema.words.sanitize.path_fields`); `message` and `title` in English always; with a catalogue,
        the same in its language as `message_localized` and `title_localized`. Write it with
        `schema.words.sanitize.json_text`."""
        row: dict[str, object] = {
            **path_fields(self.path),  # the real name: JSON carries any string (a name not UTF-8 as bytes too)
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "title": self.title,
            "message": self.text(),
        }
        if cat is not None:
            row["title_localized"] = cat.problem_title(self)
            row["message_localized"] = self.text(cat)
        return row


REWRITE_FIXES = frozenset({"E102", "E103"})
"""Problems that rewriting a file in canonical form repairs: a byte-order mark and CR line endings."""


def blocks_rewrite(problem: Problem) -> bool:
    """Whether a problem forbids rewriting its file (fmt, import, the UI's save): text, syntax and
    schema problems (E1xx, E2xx) — comments among them, which a rewrite would drop — but not the
    two that a rewrite repairs. Problems between files (E3xx and above) do not stop a rewrite."""
    return problem.code < "E300" and problem.code not in REWRITE_FIXES


MAX_MESSAGE = 1000
"""Characters of a message that are shown; messages quote values from files, which can be long."""


def shorten_message(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


MAX_REPEATS = 20
"""At most this many problems of one code are listed per file; one more problem counts the rest."""

_MORE = re.compile(r"… and ([0-9]+) more like this in this file")


NOT_A_CHECKED_FILE = frozenset({"E111", "E112", "E114"})
"""Codes of problems about a path that is not a data file checked: a root file that is missing, an
entry of meetings/ that is not a meeting file, a leftover temporary file."""


def outside_checked(problem: Problem) -> bool:
    """Whether a problem is about a path that no check read (see NOT_A_CHECKED_FILE; E113 on the
    meetings folder itself: a link that leaves the repository)."""
    return problem.code in NOT_A_CHECKED_FILE or (problem.code == "E113" and problem.path == "meetings")


def weight(problem: Problem) -> int:
    """How many problems a listed one stands for: the count of a "… and N more" one, else 1."""
    counted = _MORE.fullmatch(problem.message)
    return int(counted.group(1)) if counted else 1


def more_like_this(first: Problem, count: int) -> Problem:
    """The problem that stands for `count` more of `first`'s code in its file, at `first`'s place."""
    return Problem.of(first.path, first.line, first.col, first.code, say("more_like_this", count=count))


def cap_repeats(problems: Iterable[Problem]) -> list[Problem]:
    """The problems in the order given, but at most MAX_REPEATS of one code in one file, then one
    problem that counts the rest (where the first of them is). Counting problems already among the
    input are added up, so capping twice gives what capping once does."""
    kept: dict[tuple[str, str], int] = {}
    more: dict[tuple[str, str], tuple[Problem, int]] = {}
    out: list[Problem] = []
    for problem in problems:
        key = (problem.path, problem.code)
        counted = _MORE.fullmatch(problem.message)
        count = int(counted.group(1)) if counted else 1
        if counted is None and kept.get(key, 0) < MAX_REPEATS:
            kept[key] = kept.get(key, 0) + 1
            out.append(problem)
            continue
        first, total = more.get(key, (problem, 0))
        more[key] = (first, total + count)
    out.extend(more_like_this(first, total) for first, total in more.values())
    return out


def sort_key(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.path, problem.line or 0, problem.col or 0, problem.code, problem.message)
