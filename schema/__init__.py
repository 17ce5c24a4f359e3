"""daicho's headless core: models, loading, checks, canonical writer, cross-reference index, CLI.

This package never imports Textual: the validator that CI runs must not need the terminal UI.
"""
