"""Benchmarks for futurevuls_ext: parse throughput and memory against peer parsers, import time.

Run with ``nox -s bench`` (or ``python -m bench --help`` in an environment that has the peers
from ``bench/requirements.txt``). Generated inputs are cached under ``bench/data/``; results go
to ``bench/out/results.json``.
"""
