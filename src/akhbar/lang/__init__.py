"""Language-specific text handling. Only Arabic is supported; it lives in ``akhbar.lang.ar``."""
