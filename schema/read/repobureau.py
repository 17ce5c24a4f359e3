"""Whose records a repository keeps: the one description of the repository's bureau, which the
terminal UI scopes its lists by and a new meeting takes as its default.

daicho.toml's `bureau` where it names one (`daicho init` writes it); else derived from the records:
the bureaus of its meetings, the most frequent first, else those its advisors are based in.
"""

from __future__ import annotations

from collections import Counter

from schema.models import Bureau, Records


def repository_bureaus(records: Records) -> list[Bureau]:
    """The bureaus the repository's records are of, its own first: daicho.toml's `bureau` alone
    where it names one; else its meetings' bureaus, the most frequent first (else its advisors');
    none when nothing says."""
    if records.settings is not None and records.settings.bureau is not None:
        return [records.settings.bureau]
    counts = Counter(meeting.bureau for meeting in records.meetings.values())
    if not counts:
        counts = Counter(bureau for advisor in records.advisors.values() for bureau in advisor.bureaus)
    return [bureau for bureau, _ in counts.most_common()]


def repository_bureau(records: Records) -> Bureau | None:
    """The repository's bureau (the first of `repository_bureaus`), None when nothing says."""
    found = repository_bureaus(records)
    return found[0] if found else None
