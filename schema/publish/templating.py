"""Jinja2 environments for what daicho publishes: one template per format in schema/publish/templates/.

HTML is autoescaped. Markdown has no autoescape, so the context of a Markdown template is escaped
before it renders (`escaped`), every text by `schema.words.sanitize.markdown_text` — the one escaping of
Markdown, `daicho diff`'s too: a record's text shows as written and cannot add a link (bare URLs,
`www.` and mentions included, as GitHub would make them), an image, HTML, maths, code, a table
cell, or a heading, list, quote or code block at the start of a line. Fields named `url` are
addresses: percent-encoded where they could end a link (`safe_url`), in both formats.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any, Literal
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from schema.words.sanitize import markdown_text

Format = Literal["md", "html"]
TEMPLATE_SUFFIX = ".j2"


def safe_url(value: str) -> str:
    """An address, safe inside Markdown's `<…>` and a quoted HTML attribute (escaped again there
    by autoescape): characters outside the URL syntax percent-encoded."""
    return quote(value, safe=":/?#[]@!$&'()*+,;=%-._~")


def escaped(value: Any, text: Any = markdown_text) -> Any:
    """`value` (dataclasses, tuples, lists, dicts, text) with `text` applied to every text and `safe_url`
    to every field named `url`."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, tuple | list):
        return type(value)(escaped(item, text) for item in value)
    if isinstance(value, dict):
        return {key: escaped(item, text) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: (safe_url(v) if f.name == "url" and isinstance(v, str) else escaped(v, text))
                   for f in dataclasses.fields(value) if (v := getattr(value, f.name)) is not None}
        return dataclasses.replace(value, **changes)
    return value


@cache
def environment(fmt: Format) -> Environment:
    if fmt == "html":
        env = Environment(loader=PackageLoader("schema.publish", "templates"), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)
    else:
        env = Environment(loader=PackageLoader("schema.publish", "templates"), autoescape=False,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)
    return env


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def render(name: str, fmt: Format, **context: Any) -> str:
    """The template `<name>.<fmt>.j2` rendered with `context` (escaped first for Markdown; in HTML
    by autoescape, addresses made safe here)."""
    template = environment(fmt).get_template(f"{name}.{fmt}{TEMPLATE_SUFFIX}")
    if fmt == "html":
        return template.render(**escaped(context, text=_same))
    text = template.render(**escaped(context)).strip("\n") + "\n"
    return _BLANK_LINES.sub("\n\n", text)


def _same(text: str) -> str:
    return text
