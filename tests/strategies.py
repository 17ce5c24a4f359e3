"""Hypothesis strategies that build VALID records of every type.

The strategies are derived from the models' annotations (`records(Model)`), so a field added to a
model is generated without touching this file, and a type the derivation does not know fails
loudly instead of being skipped. Ids, codes (with correct check digits), URLs, dates and bounded
integers follow the models' constraints; optional fields are sometimes left out; agenda items
cover every kind.

Text mixes Japanese (kanji, kana, full-width forms), ASCII, the characters TOML must escape
(quotes, backslashes, control characters, CR), characters the writer escapes on purpose
(bidirectional overrides, zero-width), astral characters and line breaks.
"""

from __future__ import annotations

import datetime as dt
import types
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from schema.files.ids import CODE_PATTERN, MEETING_ID_PATTERN, SLUG_PATTERN, with_check_digit
from schema.models import AdvisorsFile, Meeting, MunicipalitiesFile, ThemesFile

JAPANESE = (
    "岡村久和齋藤理栄大山水帆深谷市戸田埼玉県関東総合通信局地域情報化会議相談"
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ー・、。「」『』()【】〜!?:0123456789ABC全角 "
)
TRICKY = '"\\\t\r\x00\x01\x1f\x7f\u0085\u200b\u200e\u202e\u2028\u2066\ufeff\'#=[]{}.'


_character = st.one_of(
    *[st.sampled_from(JAPANESE)] * 5,
    *[st.characters(min_codepoint=0x20, max_codepoint=0x7E)] * 3,
    st.sampled_from(TRICKY),
    st.characters(codec="utf-8"),
)
"""One character: Japanese half the time, printable ASCII three times in ten, one TOML or the writer
must escape one time in ten, any other one time in ten (branches of one_of are drawn alike)."""


# The strategies a composite draws from are built once, here: one built inside a composite is
# built and validated anew at every draw (most of the time of the writer's properties went there).
_ONE_LINE = st.text(_character, min_size=1, max_size=30).filter(lambda s: "\n" not in s)
_PARAGRAPHS = st.lists(st.text(_character, max_size=20), min_size=2, max_size=4)
_LINES = st.integers(0, 2)
_JAPANESE = st.text(st.sampled_from(JAPANESE.replace(" ", "")), min_size=1, max_size=20)
_WORDS = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8),
                  min_size=1, max_size=3)


@st.composite
def one_line_text(draw: st.DrawFn) -> str:
    """Non-empty text without line breaks (it may hold any other character)."""
    return draw(_ONE_LINE)


@st.composite
def multiline_text(draw: st.DrawFn) -> str:
    """Text with at least one line break: paragraphs, possibly empty ones."""
    return "\n".join(draw(_PARAGRAPHS))


@st.composite
def text(draw: st.DrawFn) -> str:
    """Free text (the models' `Text`): never empty, one line twice as often as several."""
    if draw(_LINES) == 0:
        return draw(_MULTILINE)
    return draw(_ONE_LINE_TEXT)


@st.composite
def japanese_text(draw: st.DrawFn) -> str:
    return draw(_JAPANESE)


@st.composite
def slug(draw: st.DrawFn) -> str:
    """An id: lower-case ASCII words joined by hyphens."""
    return "-".join(draw(_WORDS))


_MULTILINE = multiline_text()
_ONE_LINE_TEXT = one_line_text()
_SLUG = slug()


@st.composite
def url(draw: st.DrawFn) -> str:
    return f"https://{draw(_SLUG)}.example.jp/{draw(_SLUG)}"


_PREFECTURE, _PLACE = st.integers(1, 47), st.integers(0, 999)


@st.composite
def municipality_code(draw: st.DrawFn) -> str:
    """A 6-digit code with a correct check digit."""
    return with_check_digit(f"{draw(_PREFECTURE):02d}{draw(_PLACE):03d}")


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2199, 12, 31))


@st.composite
def meeting_id(draw: st.DrawFn) -> str:
    return f"{draw(dates).isoformat()}-{draw(_SLUG)}"


PATTERNS: dict[str, st.SearchStrategy[str]] = {
    SLUG_PATTERN: slug(),
    CODE_PATTERN: municipality_code(),
    MEETING_ID_PATTERN: meeting_id(),
    r"^https?://\S+$": url(),
}
"""Strategies for the string patterns of the models (others fall back to `from_regex`)."""

# ---------------------------------------------------------------------------------------------
# Derivation from the models


def records(model: type[BaseModel], full: bool = False) -> st.SearchStrategy[Any]:
    """Valid instances of `model`: required fields always, optional ones sometimes. `full`: every
    field set — optional ones given, lists and tables not empty, flags true — all the way down."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        strategy = for_field(info, full)
        (required if info.is_required() or full else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional).map(lambda kw: model(**kw))


def for_field(info: FieldInfo, full: bool = False) -> st.SearchStrategy[Any]:
    annotation = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]  # type: ignore[valid-type]
    return for_annotation(annotation, full)


def for_annotation(annotation: Any, full: bool = False) -> st.SearchStrategy[Any]:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        return _constrained(inner, metadata, full)
    if origin in (Union, types.UnionType):
        members = [m for m in get_args(annotation) if m is not type(None)]
        return st.one_of(*(for_annotation(m, full) for m in members))
    if origin is list:
        return st.lists(for_annotation(get_args(annotation)[0], full), min_size=int(full),
                        max_size=1 if full else 3)
    if origin is dict:
        key, value = get_args(annotation)
        return st.dictionaries(for_annotation(key), for_annotation(value, full), min_size=int(full),
                               max_size=1 if full else 3)
    if origin is Literal:
        return st.sampled_from(get_args(annotation))
    return _constrained(annotation, [], full)


def _constrained(annotation: Any, metadata: list[Any], full: bool = False) -> st.SearchStrategy[Any]:
    flat = _flatten(metadata)
    if get_origin(annotation) is not None:  # Annotated[list[...] | ..., …]: constraints apply inside
        return for_annotation(annotation, full)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return records(annotation, full)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return st.sampled_from(list(annotation))
    if annotation is bool:
        return st.just(True) if full else st.booleans()
    if annotation is int:
        return st.integers(*_bounds(flat))
    if annotation is dt.date:
        return dates
    if annotation is dt.time:
        return st.times()
    if annotation is str:
        return _string(flat)
    raise TypeError(f"no strategy for {annotation!r}: teach tests/strategies.py about it")


def _flatten(metadata: list[Any]) -> list[Any]:
    """Constraints, with `Field(...)` inside `Annotated` opened up."""
    out: list[Any] = []
    for item in metadata:
        if isinstance(item, FieldInfo):
            out.extend(_flatten(list(item.metadata)))
        else:
            out.append(item)
    return out


def _bounds(metadata: list[Any]) -> tuple[int, int]:
    low, high = -1000, 3000
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        elif isinstance(item, annotated_types.Gt):
            low = int(item.gt) + 1  # type: ignore[call-overload]
        elif isinstance(item, annotated_types.Le):
            high = int(item.le)  # type: ignore[call-overload]
        elif isinstance(item, annotated_types.Lt):
            high = int(item.lt) - 1  # type: ignore[call-overload]
    return low, max(low, high)


def _string(metadata: list[Any]) -> st.SearchStrategy[str]:
    for item in metadata:
        if isinstance(item, StringConstraints) and item.pattern:
            pattern = str(item.pattern)
            if pattern in PATTERNS:
                return PATTERNS[pattern]
            return st.from_regex(pattern, fullmatch=True)
    return text()


# ---------------------------------------------------------------------------------------------
# Data files


def fiscal_year_of(date: dt.date) -> int:
    return date.year if date.month >= 4 else date.year - 1


def _consistent(meeting: Meeting) -> Meeting:
    """An id that starts with the date and a fiscal year that agrees with it, as `validate`
    expects (the model alone does not require it)."""
    suffix = meeting.id[len("YYYY-MM-DD-"):]
    return meeting.model_copy(update={
        "id": f"{meeting.date.isoformat()}-{suffix}",
        "fiscal_year": fiscal_year_of(meeting.date),
    })


themes_file = records(ThemesFile)
municipalities_file = records(MunicipalitiesFile)
advisors_file = records(AdvisorsFile)
meetings = records(Meeting).map(_consistent)

data_files = st.one_of(themes_file, municipalities_file, advisors_file, meetings)
"""The model of any data file."""

full_meetings = records(Meeting, full=True).map(_consistent)
"""Meetings with every field set, at every level (optional fields given, lists not empty)."""
full_advisors = records(AdvisorsFile, full=True)
"""Advisors with every field set."""
