"""Benchmarks for imgjournal: `make bench` runs `python -m benchmarks.run`."""
