"""The models' field descriptions: the docstring written under each field, read when asked for.

Pydantic can read them itself (`use_attribute_docstrings`), but it does so for every class as it
is created, from the source of the class: about 50 ms of the start of every command and of the
terminal UI, for text that only the JSON Schemas, docs/records.md and the editing forms' help
show. Here each models module is parsed once, on the first question.

A field's docstring is a string statement right after its annotated assignment, in the body of
the class that declares it (as Pydantic reads them); a `description=` given to `Field` wins.
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from itertools import pairwise

from pydantic import BaseModel

__all__ = ["declaring_class", "description", "field_docstrings"]


def description(model: type[BaseModel], name: str) -> str:
    """What field `name` of `model` holds ("" when it has no docstring)."""
    info = model.model_fields[name]
    if info.description:
        return info.description
    return field_docstrings(declaring_class(model, name)).get(name, "")


def declaring_class(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The class whose body declares field `name` of `model` (where its docstring is written)."""
    for cls in model.__mro__:
        if isinstance(cls, type) and issubclass(cls, BaseModel) and name in inspect.get_annotations(cls):
            return cls
    return model


def field_docstrings(cls: type) -> dict[str, str]:
    """The docstrings of the fields declared in the body of `cls` (not of its bases)."""
    return _module_docstrings(cls.__module__).get(cls.__qualname__, {})


@cache
def _module_docstrings(module_name: str) -> dict[str, dict[str, str]]:
    """Qualified class name → field name → docstring, for every class of a module."""
    module = sys.modules.get(module_name)
    try:
        source = inspect.getsource(module) if module is not None else ""
    except (OSError, TypeError):  # no source (a frozen or compiled-only install)
        return {}
    found: dict[str, dict[str, str]] = {}
    _classes(ast.parse(source).body, "", found)
    return found


def _classes(body: list[ast.stmt], prefix: str, found: dict[str, dict[str, str]]) -> None:
    for node in body:
        if isinstance(node, ast.ClassDef):
            qualname = f"{prefix}{node.name}"
            found[qualname] = _docstrings(node.body)
            _classes(node.body, f"{qualname}.", found)


def _docstrings(body: list[ast.stmt]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for previous, node in pairwise(body):
        if (isinstance(previous, ast.AnnAssign) and isinstance(previous.target, ast.Name)
                and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            docs[previous.target.id] = inspect.cleandoc(node.value.value)
    return docs
