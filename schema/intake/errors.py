"""What goes wrong in an intake, said once: an `IntakeError` carries one message (a catalogue
template with its arguments, `schema.words.messages.say`), so that the command prints it as one line in
the reader's language and the terminal UI can show it in its own. A `Finding` is something the
intake noticed and reports — a respondent who answered twice, an organisation that matched no local
government — and may block the write (an option that matches no theme)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from schema.words.messages import Message
from schema.words.problems import Problem


class IntakeError(Exception):
    """Input the intake cannot use (a file too large, not a CSV or xlsx, a column that is not
    there, a meeting that does not exist): nothing is planned, nothing is written."""

    def __init__(self, said: Message, problems: Sequence[Problem] = ()) -> None:
        super().__init__(said.text)
        self.said = said
        self.problems = list(problems)
        """The problems of a record file that stop the intake (it cannot be rewritten)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the intake reports about the export."""

    said: Message
    blocking: bool = False
    """True when the plan must not be written until it is dealt with (an unknown option)."""
    option: str | None = None
    """An option that matches no theme, as the export words it: mapped to a theme (`--map`, or
    the terminal UI's choice), it no longer blocks."""
