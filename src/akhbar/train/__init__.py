"""Training code for the models shipped under ``akhbar.models`` (not imported at run time)."""
