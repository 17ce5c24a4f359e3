"""daicho's headless core: models, loading, checks, canonical writer, cross-reference index, CLI.

This package never imports Textual: the validator that CI runs must not need the terminal UI.
"""

DAICHO = "schema"
"""daicho's mark: this `schema` is daicho's, not another distribution's of the same name
(checked at start by daicho.launch)."""
