"""daicho's terminal UI (Textual). The `schema` package never imports this one."""
