"""`python -m daicho` is the `daicho` command."""

from daicho.launch import entry

entry()
