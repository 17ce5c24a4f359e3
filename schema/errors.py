"""Turning parser and Pydantic errors into problems that say what is wrong and what would be right."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import tomli
from pydantic import BaseModel, ValidationError

from schema.checks import did_you_mean
from schema.fields import fields_at
from schema.problems import Problem

KeyPath = Sequence[str | int]


_DUPLICATE = re.compile(r"Cannot (overwrite a value|declare|mutate)|already", re.IGNORECASE)
_AT = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)$")


def syntax_problem(relpath: str, exc: tomli.TOMLDecodeError) -> Problem:
    message = _AT.sub("", str(exc.msg if hasattr(exc, "msg") else exc))
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    if _DUPLICATE.search(message):
        return Problem(relpath, line, col, "E110", f"duplicate key or table: {message}; each key may appear once")
    hint = _SYNTAX_HINTS.get(message, "")
    return Problem(relpath, line, col, "E109", f"TOML syntax error: {message}{hint}")


_SYNTAX_HINTS = {
    "Invalid date or datetime": " (dates are YYYY-MM-DD, and the day must exist in its month)",
    "Illegal character '\\n'": ' (is a string not closed? a "…" string ends on its line; use """…""" for text '
    "over several lines)",
    "Expected '=' after a key in a key/value pair": ' (write key = value)',
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


def _describe(error: dict, loc: tuple[str | int, ...], model_type: type[BaseModel]) -> tuple[str, str, KeyPath]:
    kind = error["type"]
    where = _dotted(loc)
    if "[key]" in loc:
        keypath = loc[: loc.index("[key]")]
        key = keypath[-1] if keypath else "?"
        return "E204", f'invalid key "{key}": {_key_rule(keypath)}', keypath
    if kind == "extra_forbidden":
        field_name = str(loc[-1])
        allowed = fields_at(model_type, loc[:-1])
        hint = did_you_mean(field_name, allowed, cutoff=0.6)
        listing = f" (fields here: {', '.join(allowed)})" if allowed and not hint else ""
        return "E201", f'unknown field "{where}"{hint}{listing}; use note for free text', loc
    if kind == "missing":
        return "E202", f'missing field "{where}"', loc[:-1] or loc
    if kind == "string_pattern_mismatch" and _is_id_field(loc):
        return "E204", f'invalid value "{error.get("input")}" for {where}: {_id_rule(loc)}', loc
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return "E203", (f'unknown kind "{ctx.get("tag")}" at {where}; '
                        f'expected one of {ctx.get("expected_tags", "")}'), (*loc, "kind")
    if kind == "union_tag_not_found":
        return "E202", f'missing field "{where}.kind"', loc
    value = error.get("input")
    shown = "" if isinstance(value, dict | list) else f" (got {value!r})"
    return "E203", f"{where}: {error['msg'].lower()}{shown}", loc


def _dotted(loc: KeyPath) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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
