"""The `daicho` command line: one console script, one module per subcommand.

Without a subcommand it opens the terminal UI (`tui/`); the subcommands are headless and never
import Textual. The checking, formatting and reading code they call lives in `schema/`.
"""
