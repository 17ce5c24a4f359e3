"""The `daicho` command line: one console script, subcommands for CI and reviewers."""
