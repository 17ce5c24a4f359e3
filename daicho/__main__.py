"""`python -m daicho` is the `daicho` command."""

from daicho.main import entry

entry()
