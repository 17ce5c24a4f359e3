"""Benchmarks of daicho and the synthetic nationwide repository they run on (the targets: bench/README.md).

`python -m bench.generate OUT` writes the repository; `python -m bench.run` (or `make bench`)
measures daicho against taplo, check-jsonschema and a bare tomli parse on it.
"""
