"""Command-line runners: ``python -m onebyone.cli.linkcheck`` and ``... .cli.freshness``."""
