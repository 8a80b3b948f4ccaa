"""Evaluation: metrics and the data they run on."""
