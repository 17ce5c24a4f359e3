"""The exit codes of every `daicho` command."""

EXIT_OK = 0
"""Valid, canonical, done."""
EXIT_PROBLEMS = 1
"""Problems found (or, with fmt --check / --diff, files that would change)."""
EXIT_USAGE = 2
"""Usage or I/O error: a bad argument, a file that cannot be read or written, output that cannot be written."""
