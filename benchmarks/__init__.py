"""Benchmarks: `make bench` (or `python -m benchmarks.run`). Not tests: they measure, they do not assert."""
