"""daicho's terminal UI (Textual). The `schema` package never imports this one."""

DAICHO = "tui"
"""daicho's mark: this `tui` is daicho's, not another distribution's (checked by daicho.launch)."""
