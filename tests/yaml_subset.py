"""A reader for the plain YAML of the project's own CI and pre-commit files, for their tests.

PyYAML is not a dependency: these files keep to block mappings, block lists (items may be
mappings), `|` and `|-` literal blocks, plain, single- and double-quoted scalars, flow lists of
scalars (`[a, "b"]`) and comments. Anything else — anchors, tags, flow mappings, folded blocks,
multi-line plain scalars, tabs — is refused with its line number, so that a construct this reader
does not know fails the tests instead of being read wrongly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_KEY = re.compile(r"""^(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#\[\]{}&*!|>%@`,][^:#]*?)\s*:(?:\s+|$)""")
_INT = re.compile(r"^[-+]?[0-9]+$")


class YamlError(ValueError):
    """YAML outside the subset, or malformed."""


@dataclass
class _Line:
    number: int
    indent: int
    text: str
    """Without indentation and without a trailing comment."""


def load(text: str) -> Any:
    """The document: mappings as dicts, lists as lists, scalars as str, int, bool or None."""
    raw = text.split("\n")
    reader = _Reader(raw)
    if reader.peek() is None:
        return None
    value = reader.block(reader.peek().indent)  # type: ignore[union-attr]
    extra = reader.peek()
    if extra is not None:
        raise YamlError(f"line {extra.number}: unexpected indentation")
    return value


class _Reader:
    def __init__(self, raw: list[str]) -> None:
        self.raw = raw
        self.at = 0

    def peek(self) -> _Line | None:
        while self.at < len(self.raw):
            line = self.raw[self.at]
            if "\t" in line[: len(line) - len(line.lstrip())]:
                raise YamlError(f"line {self.at + 1}: a tab in the indentation")
            stripped = _strip_comment(line).rstrip()
            if stripped.strip() and stripped.strip() != "---":
                return _Line(self.at + 1, len(stripped) - len(stripped.lstrip()), stripped.strip())
            self.at += 1
        return None

    def block(self, indent: int) -> Any:
        line = self.peek()
        assert line is not None
        if line.text == "-" or line.text.startswith("- "):
            return self.sequence(indent)
        return self.mapping(indent)

    def mapping(self, indent: int, first: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while True:
            line = self.peek()
            if first is not None:  # the first entry of a mapping that starts after "- "
                assert line is not None
                line = _Line(line.number, indent, first)
                first = None
            elif line is None or line.indent < indent:
                return out
            elif line.indent > indent:
                raise YamlError(f"line {line.number}: unexpected indentation")
            elif line.text.startswith("- "):
                return out
            match = _KEY.match(line.text)
            if match is None:
                raise YamlError(f"line {line.number}: expected `key: value`, found {line.text!r}")
            key = _scalar(match["key"], line.number)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise YamlError(f"line {line.number}: duplicate key {key!r}")
            rest = line.text[match.end():]
            self.at = line.number  # past this line
            out[key] = self.value(rest, indent, line.number, in_mapping=True)

    def sequence(self, indent: int) -> list[Any]:
        out: list[Any] = []
        while True:
            line = self.peek()
            if line is None or line.indent < indent or not (line.text == "-" or line.text.startswith("- ")):
                if line is not None and line.indent > indent:
                    raise YamlError(f"line {line.number}: unexpected indentation")
                return out
            if line.indent > indent:
                raise YamlError(f"line {line.number}: unexpected indentation")
            rest = line.text[1:].lstrip()
            inner = indent + (len(line.text) - len(rest))
            if rest and _KEY.match(rest):  # "- key: value": a mapping, its keys aligned after "- "
                out.append(self.mapping(inner, first=rest))
                continue
            self.at = line.number
            out.append(self.value(rest, indent, line.number, in_mapping=False))

    def value(self, rest: str, indent: int, number: int, in_mapping: bool) -> Any:
        if rest in ("|", "|-"):
            return self.literal(indent, keep=rest == "|")
        if rest:
            return _scalar(rest, number)
        line = self.peek()
        if line is None:
            return None
        if line.indent > indent:
            return self.block(line.indent)
        if in_mapping and line.indent == indent and (line.text == "-" or line.text.startswith("- ")):
            return self.sequence(indent)
        return None

    def literal(self, indent: int, keep: bool) -> str:
        lines: list[str] = []
        block_indent: int | None = None
        while self.at < len(self.raw):
            line = self.raw[self.at]
            if line.strip() == "":
                lines.append("")
                self.at += 1
                continue
            current = len(line) - len(line.lstrip(" "))
            if current <= indent:
                break
            if block_indent is None:
                block_indent = current
            if current < block_indent:
                raise YamlError(f"line {self.at + 1}: a literal block line less indented than its first")
            lines.append(line[block_indent:])
            self.at += 1
        while lines and lines[-1] == "":
            lines.pop()
        text = "\n".join(lines)
        return text + "\n" if keep and text else text


def _strip_comment(line: str) -> str:
    """The line without a trailing comment (a # at the start or after a space, outside quotes)."""
    quote = None
    for n, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
            elif char == "\\" and quote == '"':
                continue
        elif char in "'\"" and (n == 0 or line[n - 1] in " :-[,"):
            quote = char
        elif char == "#" and (n == 0 or line[n - 1] in " \t"):
            return line[:n]
    return line


def _scalar(text: str, number: int) -> Any:
    text = text.strip()
    if text.startswith('"'):
        try:
            value, end = json.JSONDecoder().raw_decode(text)
        except ValueError:
            raise YamlError(f"line {number}: a double-quoted string this reader cannot read") from None
        if text[end:].strip():
            raise YamlError(f"line {number}: text after a quoted string")
        return value
    if text.startswith("'"):
        if not text.endswith("'") or len(text) < 2:
            raise YamlError(f"line {number}: an unterminated single-quoted string")
        return text[1:-1].replace("''", "'")
    if text.startswith("["):
        if not text.endswith("]"):
            raise YamlError(f"line {number}: a flow list must end on its line")
        inner = text[1:-1].strip()
        return [_scalar(part, number) for part in _split_flow(inner, number)] if inner else []
    if text[0] in "{&*!%@`>":
        raise YamlError(f"line {number}: {text[0]!r} starts a construct this reader does not know")
    if text in ("true", "false"):
        return text == "true"
    if text in ("null", "~"):
        return None
    if _INT.match(text):
        return int(text)
    return text


def _split_flow(inner: str, number: int) -> list[str]:
    parts, current, quote = [], "", None
    for char in inner:
        if quote:
            current += char
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
            current += char
        elif char == ",":
            parts.append(current)
            current = ""
        elif char in "[]{}":
            raise YamlError(f"line {number}: nested flow collections are not read")
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts]
