"""Tables the cleaning stage reads: boilerplate patterns, place names, agencies, outlets, byline words.

Python modules rather than text files so that they ship with the package without package-data rules.
Every entry is written by the akhbar developers (no text copied from a corpus). Spellings are written
naturally; the stage compares them after ``akhbar.lang.ar.normalize``, so hamza, ta marbuta and alef
maqsura variants need not be listed twice.
"""
