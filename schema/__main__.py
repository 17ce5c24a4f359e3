"""`python -m schema` is the `daicho` command."""

from schema.cli.main import entry

entry()
