"""Pure loaders for official statistics (SSB, Kartverket): parsers, the embedded snapshot, cubes.

No Django in here: the apps import this package, never the other way round.
"""
