"""Turning parser and Pydantic errors into problems that say what is wrong and what would be right."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import tomli
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from schema.fields import fields_at
from schema.locate import KeyPath, dotted
from schema.messages import Arg, Message, placeholders, say
from schema.models import AGENDA_KINDS
from schema.problems import MAX_REPEATS, Problem, more_like_this
from schema.sanitize import shorten
from schema.suggest import Suggestions
from schema.toml10 import MESSAGES as TOML11_MESSAGES
from schema.writer import format_key, format_string

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
    return Problem.of(relpath, line, col, "E109", say("syntax_error", error=message, hint=say(hint) if hint else ""))


_HUGE_INTEGER = re.compile(r"[+-]?[0-9][0-9_]{4300,}")


def parse_failure(relpath: str, text: str, exc: ValueError | RecursionError) -> Problem:
    """E109 for what the parser refuses by raising something else than a syntax error: nesting
    deeper than it allows (arrays, inline tables, keys of many parts) and integers of more digits
    than Python converts. The parser gives no position: it is the first place that shows the cause."""
    message = str(exc)
    if isinstance(exc, RecursionError):
        marks = "." if "key" in message else "[{"
        line = _line_with_most(text, marks)
        return Problem.of(relpath, line, 1, "E109", say("nested_too_deep", error=_without_toml(message)))
    match = _HUGE_INTEGER.search(text)
    if match is not None:
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - text.rfind("\n", 0, match.start())
        return Problem.of(relpath, line, col, "E109", say("integer_too_long"))
    return Problem.of(relpath, None, None, "E109", say("syntax_error", error=shorten(message), hint=""))


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
) -> list[Problem]:
    """One problem per Pydantic error (of `exc`, or its `errors()` already asked for), located with
    `position` (key path → line, column: the value), or `key_position` for a problem with a key (an
    unknown field, an invalid key); at most MAX_REPEATS of a code, then one that counts the rest (a
    file can hold thousands of errors)."""
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
        code, message, keypath = _describe(error, loc, model_type, suggestions)
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
              suggestions: Suggestions) -> tuple[str, Message, KeyPath]:
    kind = error["type"]
    where = shorten(dotted(_without_tags(loc)), 160)
    if "[key]" in loc:
        keypath = loc[: loc.index("[key]")]
        key = str(keypath[-1]) if keypath else "?"
        return "E204", say("invalid_key", key=format_key(shorten(key)), rule=_key_rule(keypath)), keypath
    if kind == "extra_forbidden":
        field_name = str(loc[-1])
        allowed = fields_at(model_type, loc[:-1])
        hint = suggestions.said(field_name, allowed, cutoff=0.6)
        listing = say("fields_here", fields=", ".join(allowed)) if allowed and not hint else ""
        return "E201", say("unknown_field", field=_quoted(where), hint=hint, listing=listing), loc
    if kind == "missing":
        return "E202", say("missing_field", field=where), loc[:-1] or loc
    if kind == "string_pattern_mismatch" and _is_id_field(loc):
        return "E204", say("invalid_id", value=_shown(error.get("input")), field=where, rule=_id_rule(loc)), loc
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return "E203", say("unknown_kind", kind=_shown(ctx.get("tag")), field=where,
                           expected=str(ctx.get("expected_tags", ""))), (*loc, "kind")
    if kind == "union_tag_not_found":
        return "E202", say("missing_field", field=f"{where}.kind"), loc
    if kind == "string_too_long":
        value = error.get("input")
        length = len(value) if isinstance(value, str) else 0
        limit = int((error.get("ctx") or {}).get("max_length", 0))
        return "E207", say("text_too_long", field=where, length=f"{length:,}", limit=f"{limit:,}"), loc
    return "E203", say("wrong_value", field=where, detail=_detail(error), got=_got(error.get("input"))), loc


_DETAILS = frozenset({
    "string_type", "int_type", "bool_type", "float_type", "date_type", "time_type", "datetime_type",
    "list_type", "dict_type", "model_type", "model_attributes_type", "enum", "literal_error",
    "string_pattern_mismatch", "greater_than_equal", "less_than_equal", "greater_than", "less_than",
    "int_from_float",
})
"""Pydantic's errors that the catalogues word (`message.pydantic_<type>`, the English as Pydantic's
own message); others are quoted in Pydantic's words."""

_URL_PATTERN = r"^https?://\S+$"


def _detail(error: ErrorDetails) -> Message:
    """What Pydantic says is wrong, in the catalogue's words where it has them."""
    kind = error["type"]
    ctx: dict[str, Arg] = {name: str(value) for name, value in (error.get("ctx") or {}).items()}
    expected = str(ctx.get("expected", ""))
    head, sep, last = expected.rpartition(" or ")
    if kind in ("enum", "literal_error") and sep:  # 'a', 'b' or 'c': the last "or" is a word
        ctx["expected"] = say("one_of", first=head, last=last)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _URL_PATTERN:
        return say("pydantic_url", **ctx)
    if kind == "string_too_short" and ctx.get("min_length") == "1":
        return say("pydantic_empty_string")
    wanted = placeholders(f"message.pydantic_{kind}") if kind in _DETAILS else None
    if wanted is not None and wanted <= ctx.keys():  # else a context of another Pydantic version
        return say(f"pydantic_{kind}", **{name: ctx[name] for name in sorted(wanted)})
    message = error["msg"]
    return say("pydantic_other", detail=message[:1].lower() + message[1:])


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


def _got(value: object) -> Arg:
    if isinstance(value, dict | list):
        return ""
    if isinstance(value, dt.datetime | dt.time):
        return say("got_date_with_time", value=_shown(value))
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return say("got_quoted_date", value=_shown(value), date=value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
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
