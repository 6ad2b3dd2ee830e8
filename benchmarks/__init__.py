"""Benchmarks of ptcekit, run from the repository root (see each module)."""
