"""One respondent, one answer: a respondent who sent the form twice counts once, by their last row.

Respondents are told apart by the export's e-mail column, else its respondent id column, where it
has one (an anonymous Microsoft Forms response says `anonymous`: no one to tell apart). Without
either, every row is a respondent of its own. The rows replaced are reported by their numbers
(never the e-mail address: the report is printed).
"""

from __future__ import annotations

from dataclasses import dataclass

from schema.intake.columns import email_or_respondent_column
from schema.intake.errors import Finding
from schema.intake.exports import Export, Row
from schema.read.textmatch import normalize
from schema.words.messages import say
from schema.words.sanitize import shorten

ANONYMOUS = frozenset({"anonymous", "匿名", "とくめい"})


@dataclass(frozen=True, slots=True)
class Respondents:
    rows: list[Row]
    """One row per respondent (their last), in the order of the file."""
    findings: list[Finding]
    identity: str | None
    """The header of the column that told respondents apart, if any."""


def respondents(export: Export) -> Respondents:
    column = email_or_respondent_column(export)
    if column is None:
        return Respondents(list(export.rows), [], None)
    last: dict[str, Row] = {}
    earlier: dict[str, list[int]] = {}
    for row in export.rows:
        key = normalize(row.get(column))
        if not key or key in ANONYMOUS:
            continue
        if key in last:
            earlier.setdefault(key, []).append(last[key].number)
        last[key] = row
    replaced = {number for numbers in earlier.values() for number in numbers}
    kept = [row for row in export.rows if row.number not in replaced]
    header = shorten(export.headers[column], 40)
    findings = [Finding(say("intake_answered_twice", rows=", ".join(f"{n:,}" for n in numbers),
                            row=f"{last[key].number:,}", column=header))
                for key, numbers in sorted(earlier.items(), key=lambda item: last[item[0]].number)]
    return Respondents(kept, findings, header)
