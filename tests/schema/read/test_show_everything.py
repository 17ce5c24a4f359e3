"""`daicho show` and the terminal UI print every field a record has: notes at every level, `via`,
divisions, leaders, parts, observers… Records with every field set (Hypothesis) are laid out, and
each value must appear in the text `show` prints and in the UI's document of the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import Enum
from typing import Any

from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

from schema.models import AdvisorsFile, Meeting, Records
from schema.models.agenda import ITEM_MODELS
from schema.models.walk import plan, records
from schema.read.outline import Line, Outliner, text_lines
from schema.read.readmodel import ReadModel, Ref
from schema.read.xref import build_index
from schema.words.catalogue import Catalogue
from schema.words.i18n import enum_group
from schema.words.sanitize import printable
from tests import strategies as gen
from tests.helpers import examples

SETTINGS = settings(max_examples=examples(30), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def expected(model: BaseModel, cat: Catalogue) -> Iterator[tuple[str, str]]:
    """(where, text) for every value in the record: the text that must be shown for it."""
    for keypath, record in records(model):
        cls = type(record)
        children = dict(plan(cls).children)
        for name in cls.model_fields:
            value = getattr(record, name)
            if name in children or value is None:
                continue
            where = f"{'.'.join(map(str, keypath))}.{name}"
            for item in value if isinstance(value, list) else [value]:
                yield from ((where, text) for text in _shown(cls, name, item, cat))


def _shown(cls: type[BaseModel], name: str, value: Any, cat: Catalogue) -> list[str]:
    if isinstance(value, Enum):
        return [cat.enum(enum_group(type(value)), str(value.value))]
    if name == "kind" and cls in ITEM_MODELS:
        return [cat.enum("agenda_kind", value)]
    if isinstance(value, bool):
        return [cat.t("outline.anonymous")] if value else []
    if isinstance(value, int):
        return [f"FY{value}" if "fiscal_year" in name else str(value) if name == "rank" else f"{value:,}"]
    if isinstance(value, dt.datetime | dt.date):
        return [value.isoformat()]
    if isinstance(value, dt.time):
        return [value.isoformat(timespec="minutes" if not (value.second or value.microsecond) else "auto")]
    return [paragraph.strip() for paragraph in str(value).strip("\n").split("\n") if paragraph.strip()]


def _outline(ref: Ref, records_: Records, lang: str) -> list[Line]:
    view = ReadModel(records_, build_index(records_))
    return Outliner(view, Catalogue(lang)).record(ref)


def _ui_text(lines: list[Line]) -> str:
    """The text of the terminal UI's document of these lines (as its record screen builds it)."""
    from tui.screens.detail import add_line
    from tui.widgets.document import Doc

    doc = Doc()
    for line in lines:
        add_line(doc, line)
    return "\n".join("".join(span.text for span in (*b.prefix, *b.body)) for b in doc.blocks)


def _missing(model: BaseModel, text: str, cat: Catalogue) -> list[tuple[str, str]]:
    """Values not in `text`, as printed: controls and invisible characters escaped on both sides."""
    shown = printable(text, multiline=True)
    return [(where, value) for where, value in expected(model, cat) if printable(value) not in shown]


@SETTINGS
@given(meeting=gen.full_meetings)
def test_every_value_of_a_meeting_is_shown(meeting: Meeting) -> None:
    records_ = Records(meetings={meeting.id: meeting}, meeting_paths={meeting.id: f"meetings/{meeting.id}.toml"})
    for lang in ("ja", "en"):
        cat = Catalogue(lang)
        lines = _outline(Ref("meeting", meeting.id), records_, lang)
        assert _missing(meeting, "\n".join(text_lines(lines)), cat) == []
        assert _missing(meeting, _ui_text(lines), cat) == []


@SETTINGS
@given(advisors=gen.full_advisors)
def test_every_value_of_an_advisor_is_shown(advisors: AdvisorsFile) -> None:
    records_ = Records(advisors=advisors.advisors)
    cat = Catalogue("ja")
    for advisor_id, advisor in advisors.advisors.items():
        lines = _outline(Ref("advisor", advisor_id), records_, "ja")
        assert _missing(advisor, "\n".join(text_lines(lines)), cat) == []
        assert _missing(advisor, _ui_text(lines), cat) == []
