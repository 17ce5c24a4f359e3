"""Turning parser and Pydantic errors into problems that say what is wrong and what would be right."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import tomli
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from schema.checks import did_you_mean
from schema.fields import fields_at
from schema.locate import KeyPath, dotted
from schema.models import AGENDA_KINDS
from schema.problems import Problem
from schema.writer import format_key, format_string

_DUPLICATE = re.compile(r"Cannot (overwrite a value|declare|mutate)|already", re.IGNORECASE)
_AT = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)$")


def syntax_problem(relpath: str, exc: tomli.TOMLDecodeError) -> Problem:
    message = _AT.sub("", str(exc.msg if hasattr(exc, "msg") else exc))
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    if _DUPLICATE.search(message):
        shown = _line_text(getattr(exc, "doc", ""), line)
        return Problem(relpath, line, 1, "E110",
                       f"{shown} defines again a key or table defined above; each may appear once "
                       "(merge the two, or rename one)")
    hint = _SYNTAX_HINTS.get(message, "")
    return Problem(relpath, line, col, "E109", f"TOML syntax error: {message}{hint}")


def _line_text(doc: str, line: int | None) -> str:
    lines = doc.split("\n") if doc else []
    if line is None or not 0 < line <= len(lines):
        return "this line"
    text = lines[line - 1].strip()
    return format_string(text if len(text) <= 60 else text[:59] + "…")


_SYNTAX_HINTS = {
    "Invalid date or datetime": " (dates are YYYY-MM-DD, and the day must exist in its month)",
    "Illegal character '\\n'": ' (is a string not closed? a "…" string ends on its line; use """…""" for text '
    "over several lines)",
    "Expected '=' after a key in a key/value pair": " (write key = value)",
    "Invalid statement": (" (a line is key = value, [table] or [[array of tables]]; a key of other characters "
                          'than A-Z a-z 0-9 - _ must be quoted: "名前" = …)'),
}


def validation_problems(
    path: str, position: Callable[[KeyPath], tuple[int, int]], exc: ValidationError, model_type: type[BaseModel]
) -> list[Problem]:
    """One problem per Pydantic error, located with `position` (key path → line, column)."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        code, message, keypath = _describe(error, loc, model_type)
        line, col = position(keypath)
        problems.append(Problem(path, line, col, code, message))
    return problems


def _describe(error: ErrorDetails, loc: tuple[str | int, ...], model_type: type[BaseModel]) -> tuple[str, str, KeyPath]:
    kind = error["type"]
    where = dotted(_without_tags(loc))
    if "[key]" in loc:
        keypath = loc[: loc.index("[key]")]
        key = str(keypath[-1]) if keypath else "?"
        return "E204", f"invalid key {format_key(key)}: {_key_rule(keypath)}", keypath
    if kind == "extra_forbidden":
        field_name = str(loc[-1])
        allowed = fields_at(model_type, loc[:-1])
        hint = did_you_mean(field_name, allowed, cutoff=0.6)
        listing = f" (fields here: {', '.join(allowed)})" if allowed and not hint else ""
        return "E201", f"unknown field {_quoted(where)}{hint}{listing}; use note for free text", loc
    if kind == "missing":
        return "E202", f'missing field "{where}"', loc[:-1] or loc
    if kind == "string_pattern_mismatch" and _is_id_field(loc):
        return "E204", f"invalid value {_shown(error.get('input'))} for {where}: {_id_rule(loc)}", loc
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return "E203", (f"unknown kind {_shown(ctx.get('tag'))} at {where}; "
                        f"expected one of {ctx.get('expected_tags', '')}"), (*loc, "kind")
    if kind == "union_tag_not_found":
        return "E202", f'missing field "{where}.kind"', loc
    return "E203", f"{where}: {error['msg'].lower()}{_got(error.get('input'))}", loc


def _without_tags(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Pydantic puts a discriminated union's tag in the location (agenda[4].survey.ranking):
    it is not a key of the file."""
    return tuple(part for i, part in enumerate(loc)
                 if not (part in AGENDA_KINDS and i > 0 and isinstance(loc[i - 1], int)))


def _quoted(text: str) -> str:
    """Text from the file, shown so that control and invisible characters cannot hide in it."""
    return format_string(text.replace("\n", " "))


def _shown(value: object) -> str:
    """A value as TOML spells it."""
    if isinstance(value, str):
        return format_string(value.replace("\n", " "))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _got(value: object) -> str:
    if isinstance(value, dict | list):
        return ""
    if isinstance(value, dt.datetime | dt.time):
        return f" (got {_shown(value)}: write a date as 2022-10-05, without a time)"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f" (got {_shown(value)}: write a date without quotes, as {value})"
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return f" (got {_shown(value)}: write a number without quotes, as {value})"
    return f" (got {_shown(value)})"


_ID_FIELDS = {"advisor", "municipality", "theme", "by", "speakers", "presenters", "facilitators",
              "respondents", "leaders", "expertise", "themes", "municipalities", "id"}


def _is_id_field(loc: KeyPath) -> bool:
    names = [p for p in loc if isinstance(p, str)]
    return bool(names) and names[-1] in _ID_FIELDS


def _id_rule(loc: KeyPath) -> str:
    names = [p for p in loc if isinstance(p, str)]
    last = names[-1] if names else ""
    if last in {"municipality", "municipalities"}:
        return "a local government code is 6 digits (112241)"
    if last == "id":
        return "a meeting id is YYYY-MM-DD-slug (2022-10-05-kanto-advisor-meeting)"
    return "ids are lower-case ASCII words joined by hyphens (okamura-hisakazu)"


def _key_rule(keypath: KeyPath) -> str:
    if keypath and keypath[0] == "municipalities":
        return "local governments are keyed by their 6-digit code (112241)"
    return "ids are lower-case ASCII words joined by hyphens (okamura-hisakazu)"
