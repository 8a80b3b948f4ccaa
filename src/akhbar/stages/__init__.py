"""Stages: one module each. A stage is a function over an iterator of records (see pipeline.py)."""
