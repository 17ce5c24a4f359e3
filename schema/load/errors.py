"""Turning parser and Pydantic errors into problems that say what is wrong and what would be right."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import tomli
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from schema.files.ids import CODE_PATTERN, MEETING_ID_PATTERN, SLUG_PATTERN
from schema.files.locate import KeyPath, dotted
from schema.files.toml10 import MESSAGES as TOML11_MESSAGES
from schema.load.places import annotation_at, place
from schema.load.suggest import Suggestions
from schema.models import AGENDA_KINDS
from schema.models.annotations import fields_at
from schema.models.writer import format_key, format_string
from schema.words.i18n import enum_group
from schema.words.messages import Arg, Message, placeholders, say, word
from schema.words.problems import MAX_REPEATS, Problem, more_like_this
from schema.words.sanitize import shorten

_DUPLICATE = re.compile(r"Cannot (overwrite a value|declare|mutate)|already", re.IGNORECASE)
_AT = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)$")


def syntax_problem(relpath: str, exc: tomli.TOMLDecodeError) -> Problem:
    message = _AT.sub("", str(exc.msg if hasattr(exc, "msg") else exc))
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    if _DUPLICATE.search(message):
        shown = _line_text(getattr(exc, "doc", ""), line)
        return Problem.of(relpath, line, 1, "E110", say("defined_again", line=shown))
    hint = _SYNTAX_HINTS.get(message)
    return Problem.of(relpath, line, col, "E109", say("syntax_error", error=parser_words(message),
                                                      hint=say(hint) if hint else ""))


def parser_words(message: str) -> Message:
    """The parser's message (English, kept as it is in English) with what it means in other
    languages: `message.parser_<…>` for the messages tomli gives, a general wording otherwise."""
    for prefix, key in _PARSER_WORDS:
        if message.startswith(prefix):
            rest = message[len(prefix):].strip()
            return say("value_parser", error=message, words=say(key, detail=rest) if "{detail}" in _en(key)
                       else say(key))
    return say("value_parser", error=message, words=say("parser_other"))


def _en(key: str) -> str:
    from schema.words.i18n import record_strings

    return record_strings("en").get(f"message.{key}", "")


_PARSER_WORDS = (
    ("Illegal character", "parser_illegal_character"),
    ("Invalid value", "parser_invalid_value"),
    ("Invalid date or datetime", "parser_invalid_date"),
    ("Expected '=' after a key", "parser_expected_equals"),
    ("Invalid statement", "parser_invalid_statement"),
    ("Invalid initial character for a key part", "parser_invalid_key"),
    ("Invalid character in a key", "parser_invalid_key"),
    ("Unterminated string", "parser_unterminated_string"),
    ("Expected newline or end of document", "parser_expected_newline"),
    ("Unclosed array", "parser_unclosed_array"),
    ("Unclosed inline table", "parser_unclosed_table"),
    ("Expected ']' at the end of a table declaration", "parser_unclosed_header"),
    ("Expected ']]' at the end of an array declaration", "parser_unclosed_header"),
    ("Unescaped", "parser_unescaped"),
    ("Invalid hex value", "parser_invalid_escape"),
    ("Unescaped '\\' in a string", "parser_invalid_escape"),
)
"""The parser's messages (tomli 2) that the catalogues explain, by how they begin."""


_HUGE_INTEGER = re.compile(r"[+-]?[0-9][0-9_]{4300,}")


def parse_failure(relpath: str, text: str, exc: ValueError | RecursionError) -> Problem:
    """E109 for what the parser refuses by raising something else than a syntax error: nesting
    deeper than it allows (arrays, inline tables, keys of many parts) and integers of more digits
    than Python converts. The parser gives no position: it is the first place that shows the cause."""
    message = str(exc)
    if isinstance(exc, RecursionError):
        marks = "." if "key" in message else "[{"
        line = _line_with_most(text, marks)
        return Problem.of(relpath, line, 1, "E109", say("nested_too_deep", error=say(
            "value_parser", error=_without_toml(message), words=say("parser_too_deep"))))
    match = _HUGE_INTEGER.search(text)
    if match is not None:
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - text.rfind("\n", 0, match.start())
        return Problem.of(relpath, line, col, "E109", say("integer_too_long"))
    return Problem.of(relpath, None, None, "E109", say("syntax_error", error=say(
        "value_parser", error=shorten(message), words=say("parser_other")), hint=""))


def _without_toml(message: str) -> str:
    return message.removeprefix("TOML ")


def _line_with_most(text: str, marks: str) -> int:
    """The 1-based number of the line with the most of these characters."""
    best, best_count = 1, -1
    for number, line in enumerate(text.split("\n"), start=1):
        count = sum(line.count(mark) for mark in marks)
        if count > best_count:
            best, best_count = number, count
    return best


def _line_text(doc: str, line: int | None) -> Arg:
    lines = doc.split("\n") if doc else []
    if line is None or not 0 < line <= len(lines):
        return say("this_line")
    text = lines[line - 1].strip()
    return format_string(text if len(text) <= 60 else text[:59] + "…")


_SYNTAX_HINTS = {
    "Invalid date or datetime": "hint_date",
    "Illegal character '\\n'": "hint_unclosed_string",
    "Expected '=' after a key in a key/value pair": "hint_key_value",
    "Invalid statement": "hint_statement",
    **dict.fromkeys(TOML11_MESSAGES, "hint_toml_1_0"),
}
"""The parser's messages that a hint explains (the keys of the hints in the catalogues)."""


def validation_problems(
    path: str, position: Callable[[KeyPath], tuple[int, int]], exc: ValidationError | list[ErrorDetails],
    model_type: type[BaseModel], key_position: Callable[[KeyPath], tuple[int, int]] | None = None,
    document: object = None,
) -> list[Problem]:
    """One problem per Pydantic error (of `exc`, or its `errors()` already asked for), located with
    `position` (key path → line, column: the value), or `key_position` for a problem with a key (an
    unknown field, an invalid key); at most MAX_REPEATS of a code, then one that counts the rest (a
    file can hold thousands of errors). The parsed `document` names the items of the places
    (schema.load.places)."""
    problems = []
    suggestions = Suggestions()
    counts: dict[str, int] = {}
    first_more: dict[str, Problem] = {}
    for error in exc.errors(include_url=False) if isinstance(exc, ValidationError) else exc:
        loc = tuple(error["loc"])
        code = _code(error, loc)
        counts[code] = counts.get(code, 0) + 1
        if counts[code] > MAX_REPEATS + 1:
            continue
        code, message, keypath = _describe(error, loc, model_type, suggestions, document)
        at_key = error["type"] == "extra_forbidden" or "[key]" in loc
        line, col = (key_position or position)(keypath) if at_key else position(keypath)
        problem = Problem.of(path, line, col, code, message)
        if counts[code] <= MAX_REPEATS:
            problems.append(problem)
        else:
            first_more[code] = problem
    problems.extend(more_like_this(first, counts[code] - MAX_REPEATS) for code, first in first_more.items())
    return problems


def error_places(errors: list[ErrorDetails]) -> list[KeyPath]:
    """The key paths in the file of a validation error's problems (a discriminated union's tag,
    which Pydantic puts in its locations, left out)."""
    return [_without_tags(tuple(error["loc"])) for error in errors]


def _code(error: ErrorDetails, loc: tuple[str | int, ...]) -> str:
    """The problem code of a Pydantic error (`_describe` words it)."""
    kind = error["type"]
    if "[key]" in loc:
        return "E204"
    if kind == "extra_forbidden":
        return "E201"
    if kind in ("missing", "union_tag_not_found"):
        return "E202"
    if kind == "string_pattern_mismatch" and _is_id_field(loc):
        return "E204"
    if kind == "string_too_long":
        return "E207"
    return "E203"


def _describe(error: ErrorDetails, loc: tuple[str | int, ...], model_type: type[BaseModel],
              suggestions: Suggestions, document: object = None) -> tuple[str, Message, KeyPath]:
    kind = error["type"]
    path = _without_tags(loc)
    where = place(path, model_type, document)
    if "[key]" in loc:
        keypath = loc[: loc.index("[key]")]
        key = str(keypath[-1]) if keypath else "?"
        return "E204", say("invalid_key", key=format_key(shorten(key)), rule=_key_rule(keypath)), keypath
    if kind == "extra_forbidden":
        field_name = str(loc[-1])
        allowed = fields_at(model_type, loc[:-1])
        hint = suggestions.said(field_name, allowed, cutoff=0.6)
        listing = say("fields_here", fields=", ".join(allowed)) if allowed and not hint else ""
        return "E201", say("unknown_field", field=_unknown_place(path, model_type, document), hint=hint,
                           listing=listing), loc
    if kind == "missing":
        return "E202", say("missing_field", field=where), loc[:-1] or loc
    if kind == "string_pattern_mismatch" and _is_id_field(loc):
        return "E204", say("invalid_id", value=_shown(error.get("input")), field=where, rule=_id_rule(loc)), loc
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        tags = [tag.strip().strip("'") for tag in str(ctx.get("expected_tags", "")).split(",") if tag.strip()]
        return "E203", say("unknown_kind", kind=_shown(ctx.get("tag")), field=where,
                           expected=_listed(tags, "agenda_kind")), (*loc, "kind")
    if kind == "union_tag_not_found":
        return "E202", say("missing_field", field=place((*path, "kind"), model_type, document)), loc
    if kind == "string_too_long":
        value = error.get("input")
        length = len(value) if isinstance(value, str) else 0
        limit = int((error.get("ctx") or {}).get("max_length", 0))
        return "E207", say("text_too_long", field=where, length=f"{length:,}", limit=f"{limit:,}"), loc
    expected = annotation_at(path, model_type, document)
    return "E203", say("wrong_value", field=where, detail=_detail(error, expected),
                       got=_got(error.get("input"), kind)), loc


def _unknown_place(path: KeyPath, model_type: type[BaseModel], document: object) -> Message:
    """The place of an unknown field: its record's place and its name as written (English: the
    key path in quotes, as validate has always printed it)."""
    quoted = _quoted(shorten(dotted(path), 160))
    name = _quoted(str(path[-1])) if path else quoted
    if len(path) > 1:
        return say("place_unknown", path=quoted, outer=place(path[:-1], model_type, document), name=name)
    return say("place_unknown_top", path=quoted, name=name)


_DETAILS = frozenset({
    "string_type", "int_type", "bool_type", "float_type", "date_type", "time_type", "datetime_type",
    "list_type", "dict_type", "model_type", "model_attributes_type", "enum", "literal_error",
    "string_pattern_mismatch", "greater_than_equal", "less_than_equal", "greater_than", "less_than",
    "int_from_float",
})
"""Pydantic's errors that the catalogues word (`message.pydantic_<type>`, the English as Pydantic's
own message); others are quoted in Pydantic's words."""

_URL_PATTERN = r"^https?://\S+$"
_PATTERN_RULES = {SLUG_PATTERN: "rule_slug", CODE_PATTERN: "rule_code", MEETING_ID_PATTERN: "rule_meeting_id",
                  _URL_PATTERN: "rule_url"}


def _pattern_rule(pattern: str) -> Message:
    """What a pattern of the models asks for, in words."""
    return say(_PATTERN_RULES.get(pattern, "rule_pattern"))


def _choices(expected_type: object, head: str, last: str) -> Message:
    """'a', 'b' or 'c' (English: as Pydantic lists them); in Japanese each with its label where the
    values are an enumeration's or an agenda item's kinds."""
    values = [value.strip().strip("'") for value in head.split(", ")]
    return say("one_of", first=_listed(values, _label_group(expected_type)),
               last=_choice(last.strip().strip("'"), _label_group(expected_type)))


def _choice(value: str, group: str | None) -> Message:
    """'online' (English, as Pydantic quotes it); "online"（オンライン） in Japanese."""
    label = word(f"{group}.{value}") if group and placeholders(f"{group}.{value}") is not None else value
    return say("value_choice", value=value, label=label)


def _listed(values: list[str], group: str | None) -> Message | str:
    """'a', 'b', 'c' as Pydantic lists them (English); each with its label in Japanese."""
    if not values:
        return ""
    said: Message = _choice(values[0], group)
    for value in values[1:]:
        said = say("value_more", first=said, next=_choice(value, group))
    return said


def _label_group(expected_type: object) -> str | None:
    """The catalogue's group of labels of an enumeration (meeting_format), or of the agenda kinds."""
    from enum import Enum
    from typing import Literal, get_args, get_origin

    if isinstance(expected_type, type) and issubclass(expected_type, Enum):
        return enum_group(expected_type)
    if get_origin(expected_type) is Literal and all(arg in AGENDA_KINDS for arg in get_args(expected_type)):
        return "agenda_kind"
    return None


def _detail(error: ErrorDetails, expected_type: object = None) -> Message:
    """What Pydantic says is wrong, in the catalogue's words where it has them: in English
    Pydantic's own words; in Japanese never a regular expression nor a Python class's name, and
    the values an enumeration takes with their labels."""
    kind = error["type"]
    ctx: dict[str, Arg] = {name: str(value) for name, value in (error.get("ctx") or {}).items()}
    expected = str(ctx.get("expected", ""))
    head, sep, last = expected.rpartition(" or ")
    if kind in ("enum", "literal_error") and sep:  # 'a', 'b' or 'c': the last "or" is a word
        ctx["expected"] = _choices(expected_type, head, last)
    if "pattern" in ctx:
        ctx["pattern"] = say("value_pattern", pattern=str(ctx["pattern"]), rule=_pattern_rule(str(ctx["pattern"])))
    if "class_name" in ctx:
        ctx["class_name"] = say("value_table", name=str(ctx["class_name"]))
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == _URL_PATTERN:
        return say("pydantic_url", **ctx)
    if kind == "string_too_short" and ctx.get("min_length") == "1":
        return say("pydantic_empty_string")
    wanted = placeholders(f"message.pydantic_{kind}") if kind in _DETAILS else None
    if wanted is not None and wanted <= ctx.keys():  # else a context of another Pydantic version
        return say(f"pydantic_{kind}", **{name: ctx[name] for name in sorted(wanted)})
    message = error["msg"]
    return say("pydantic_other", detail=say("value_pydantic", detail=message[:1].lower() + message[1:]))


def _without_tags(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Pydantic puts a discriminated union's tag in the location (agenda[4].survey.ranking):
    it is not a key of the file."""
    return tuple(part for i, part in enumerate(loc)
                 if not (part in AGENDA_KINDS and i > 0 and isinstance(loc[i - 1], int)))


def _quoted(text: str) -> str:
    """Text from the file, shown so that control and invisible characters cannot hide in it (and
    cut where long)."""
    return format_string(shorten(text.replace("\n", " ")))


def _shown(value: object) -> Arg:
    """A value as TOML spells it (cut where long)."""
    if isinstance(value, str):
        return format_string(shorten(value.replace("\n", " ")))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int) and value.bit_length() > 64:
        return say("integer_of_bits", bits=value.bit_length())  # str() of a huge one raises
    return shorten(str(value))


def _got(value: object, kind: str = "") -> Arg:
    """The value written, with the hint that fits what was asked for (`kind`, Pydantic's error
    type): a quoted number where a number is asked for, never where a time is."""
    if isinstance(value, dict | list):
        return ""
    if kind == "date_type" and isinstance(value, dt.datetime | dt.time):
        return say("got_date_with_time", value=_shown(value))
    if kind == "date_type" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return say("got_quoted_date", value=_shown(value), date=value)
    if kind == "time_type" and isinstance(value, str) and (time := re.fullmatch(r"(\d{1,2}):(\d{2})(:\d{2})?", value)):
        return say("got_quoted_time", value=_shown(value),
                   time=f"{int(time.group(1)):02d}:{time.group(2)}{time.group(3) or ':00'}")
    if kind in ("int_type", "float_type") and isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return say("got_quoted_number", value=_shown(value), number=value)
    return say("got", value=_shown(value))


_ID_FIELDS = {"advisor", "municipality", "theme", "by", "speakers", "presenters", "facilitators",
              "respondents", "leaders", "expertise", "themes", "municipalities", "id"}


def _is_id_field(loc: KeyPath) -> bool:
    names = [p for p in loc if isinstance(p, str)]
    return bool(names) and names[-1] in _ID_FIELDS


def _id_rule(loc: KeyPath) -> Message:
    names = [p for p in loc if isinstance(p, str)]
    last = names[-1] if names else ""
    if last in {"municipality", "municipalities"}:
        return say("rule_code")
    if last == "id":
        return say("rule_meeting_id")
    return say("rule_slug")


def _key_rule(keypath: KeyPath) -> Message:
    if keypath and keypath[0] == "municipalities":
        return say("rule_code_key")
    return say("rule_slug")
